"""E-mail: messages sent over SMTP by the job queue, in the recipient's language, each with a
link to the recipient's choices (samskap/mail/service.py)."""
