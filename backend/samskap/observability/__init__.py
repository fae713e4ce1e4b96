"""What an operator sees of a running Samskap: a structured log line per request (and every
other log line in the same form), Prometheus metrics, and statements that ran slow.

- logs.py: structlog, JSON lines outside development; the standard library's loggers
  (uvicorn's, SQLAlchemy's, the workers') through the same processors.
- requests.py: the pure ASGI middleware that logs and counts every request.
- metrics.py: GET /metrics, for a scraper that holds SAMSKAP_METRICS_TOKEN.
- queries.py: statements slower than SAMSKAP_SLOW_QUERY_MS, logged by name.
"""

from samskap.observability.logs import configure_logging
from samskap.observability.metrics import install_metrics
from samskap.observability.queries import log_slow_queries
from samskap.observability.requests import RequestLog, current_request_id

__all__ = [
    "RequestLog",
    "configure_logging",
    "current_request_id",
    "install_metrics",
    "log_slow_queries",
]
