"""The mail module's jobs, registered with the queue (listed in HANDLER_MODULES): sending,
one notification by mail, meeting and hearing invitations, the daily digest, and the
deadline scan that sends reminders and announces deadlines due soon and overdue."""

from samskap.deadlines import scan
from samskap.mail import digest, invitations, notify, sending

__all__ = ["digest", "invitations", "notify", "scan", "sending"]
