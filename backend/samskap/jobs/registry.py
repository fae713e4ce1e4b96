"""What the worker knows how to run: a handler per job kind, the recurring jobs, and the
consumers of outbound events. Each feature registers its own in its module, listed in
HANDLER_MODULES, which the worker imports before it starts."""

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from samskap.jobs.outbox import OutboundEvent
    from samskap.jobs.worker import JobContext

# The modules that register handlers, recurring jobs and consumers.
HANDLER_MODULES: list[str] = [
    "samskap.jobs.outbox",
    "samskap.webhooks.delivery",
    "samskap.notifications.consumer",
    "samskap.governance.scan",
    "samskap.mail.jobs",
    "samskap.jobs.maintenance",
]

Run = Callable[["JobContext"], Awaitable[None]]
Consumer = Callable[["AsyncSession", list["OutboundEvent"]], Awaitable[None]]
NextRun = Callable[[datetime], datetime]


def exponential(base: float = 5.0, factor: float = 2.0, cap: float = 6 * 3600.0):
    """Back-off after the n-th failed attempt (n from 1): base * factor^(n-1), at most cap."""

    def delay(attempt: int) -> timedelta:
        return timedelta(seconds=min(cap, base * factor ** max(0, attempt - 1)))

    return delay


@dataclass(frozen=True)
class Handler:
    kind: str
    run: Run
    max_attempts: int = 10
    backoff: Callable[[int], timedelta] = field(default_factory=exponential)
    # How long a worker holds a job before another may take it (the worker renews it
    # while the handler runs, so this only bounds how soon a dead worker's job is retaken).
    lease: timedelta = timedelta(seconds=60)


@dataclass(frozen=True)
class Recurring:
    name: str
    kind: str
    next_run: NextRun
    # Whether a new installation runs it at once, or first when next_run says.
    at_start: bool = True


HANDLERS: dict[str, Handler] = {}
RECURRING: dict[str, Recurring] = {}
CONSUMERS: list[Consumer] = []


def handler(
    kind: str,
    *,
    max_attempts: int = 10,
    backoff: Callable[[int], timedelta] | None = None,
    lease: timedelta = timedelta(seconds=60),
) -> Callable[[Run], Run]:
    """Registers `run` as the handler of jobs of this kind."""

    def register(run: Run) -> Run:
        HANDLERS[kind] = Handler(kind, run, max_attempts, backoff or exponential(), lease)
        return run

    return register


def recurring(name: str, kind: str, next_run: NextRun, *, at_start: bool = True) -> None:
    """A job of `kind` enqueued once whenever `next_run` says, by exactly one worker; the
    first time at once, or with `at_start=False` first when `next_run` says."""
    RECURRING[name] = Recurring(name, kind, next_run, at_start)


def every(interval: timedelta) -> NextRun:
    def next_run(now: datetime) -> datetime:
        return now + interval

    return next_run


def consumer(run: Consumer) -> Consumer:
    """Registers a consumer of outbound events: it runs in the transaction that marks their
    dispatch job done, so what it adds (deliveries, notifications, mails) is added once."""
    CONSUMERS.append(run)
    return run


def load_handlers() -> dict[str, Any]:
    for name in HANDLER_MODULES:
        importlib.import_module(name)
    return {"handlers": HANDLERS, "recurring": RECURRING, "consumers": CONSUMERS}
