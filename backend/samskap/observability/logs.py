"""Structured logs: one JSON object a line in production, readable lines in development.

Samskap's own lines are structlog's (`structlog.get_logger(logger="samskap.x")`); every
standard-library logger (uvicorn's, SQLAlchemy's, the workers', `logging.getLogger`) goes
through the same processors by way of the root logger's one handler, so a line looks the same
whoever wrote it: `timestamp`, `level`, `logger`, `event`, the request id of the request being
served, and the line's own fields. Everything goes to standard error, written as it happens."""

import logging
import sys
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from samskap.config import Settings
from samskap.observability.context import current_request_id

_HANDLER_NAME = "samskap-structured"


def _add_request_id(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    if "request_id" not in event_dict:
        request_id = current_request_id()
        if request_id is not None:
            event_dict["request_id"] = request_id
    return event_dict


class _Output:
    """Where lines go: a given stream, or standard error as it is at the moment of writing
    (a test runner or a daemon may have replaced it)."""

    stream: TextIO | None = None

    def current(self) -> TextIO:
        return self.stream or sys.stderr


OUTPUT = _Output()


def _add_logger_name(logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    name = getattr(logger, "name", None)
    if name is not None:
        event_dict.setdefault("logger", name)
    return event_dict


class LineWriter:
    """structlog's output for the logger `name`: each rendered line written and flushed."""

    def __init__(self, name: str | None) -> None:
        self.name = name

    def msg(self, message: str) -> None:
        stream = OUTPUT.current()
        stream.write(message + "\n")
        stream.flush()

    debug = info = warning = warn = error = critical = exception = fatal = log = msg


class _Handler(logging.StreamHandler):
    """The root logger's handler: standard error as it is at the moment of writing."""

    def __init__(self) -> None:
        super().__init__()
        self.name = _HANDLER_NAME

    @property
    def stream(self) -> TextIO:
        return OUTPUT.current()

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


_WRITERS: dict[str | None, LineWriter] = {}
# One list, changed in place: loggers cached on first use keep a reference to it, so that
# configuring again (another app in the same process, a test) reaches them too.
_PROCESSORS: list[Processor] = []


def _lead(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """When, how grave, whose and what first; the line's own fields after them."""
    lead = {key: event_dict.pop(key) for key in _LEADING if key in event_dict}
    lead.update(event_dict)
    return lead


_LEADING = ("timestamp", "level", "logger", "event")


def json_logs(settings: Settings) -> bool:
    if settings.log_format == "auto":
        return settings.environment != "development"
    return settings.log_format == "json"


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """structlog and the standard library's logging, by the settings; safe to call again."""
    as_json = json_logs(settings)
    level = logging.getLevelName(settings.log_level)
    OUTPUT.stream = stream
    shared: list[Processor] = [
        _add_request_id,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Processor
    if as_json:
        renderer = structlog.processors.JSONRenderer()
        tail: list[Processor] = [structlog.processors.format_exc_info, _lead, renderer]
    else:
        colours = (stream or sys.stderr).isatty()
        renderer = structlog.dev.ConsoleRenderer(colors=colours)
        tail = [renderer]
    _PROCESSORS[:] = [_add_logger_name, *shared, *tail]
    structlog.configure(
        processors=_PROCESSORS,
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=_writer_factory,
        cache_logger_on_first_use=True,
    )

    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.stdlib.add_logger_name, *shared],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *tail],
    )
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.name == _HANDLER_NAME]:
        root.removeHandler(handler)
    handler = _Handler()
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(level)
    # uvicorn's own handlers would print its lines a second time, in its own format; its
    # access log says less than the request log (samskap.requests) and would double it.
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
        # Its levels follow Samskap's, whatever a uvicorn.Config set before (its log_level).
        uvicorn_logger.setLevel(logging.NOTSET)
        uvicorn_logger.disabled = False
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    access.disabled = True


def get_logger(name: str) -> Any:
    """Samskap's structured logger `name` (cheap: configured once, cached on first use)."""
    return structlog.get_logger(name)


def _writer_factory(name: str | None = None, *_args: Any) -> LineWriter:
    writer = _WRITERS.get(name)
    if writer is None:
        writer = _WRITERS[name] = LineWriter(name)
    return writer
