# The Samskap API. Build from the repository root:
#   docker build -f docker/backend.Dockerfile -t samskap-backend .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY backend/pyproject.toml backend/pyproject.toml
COPY backend/samskap backend/samskap
COPY migrations migrations
COPY alembic.ini alembic.ini
RUN pip install ./backend && useradd --system --home /app samskap
ENV SAMSKAP_MIGRATIONS_DIR=/app/migrations

USER samskap
EXPOSE 8000
# The same start-up as `make run`: migrate, load the demo (a no-op the second time), serve.
CMD ["sh", "-c", "samskap migrate && samskap load-demo && samskap serve --host 0.0.0.0 --port 8000"]
