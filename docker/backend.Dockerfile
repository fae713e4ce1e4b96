# Samskap: the API and the web app it serves. Build from the repository root:
#   docker build -f docker/backend.Dockerfile -t samskap .

FROM node:22-bookworm-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /openapi/
RUN npx vite build

FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# The pinned, hash-checked runtime dependencies first: this layer is rebuilt only when the
# lock file changes. Samskap itself then goes on top without resolving anything again.
COPY backend/requirements.lock backend/requirements.lock
RUN pip install -r backend/requirements.lock
COPY backend/pyproject.toml backend/pyproject.toml
COPY backend/samskap backend/samskap
COPY migrations migrations
RUN pip install --no-deps ./backend \
    && useradd --system --home /app samskap \
    && mkdir -p /app/var && chown samskap /app/var
COPY --from=web /web/dist /app/frontend/dist
# The package is installed under site-packages, so its default paths would point there; the
# SQLite database lives in /app/var (a volume), writable by the samskap user. compose.yml
# sets SAMSKAP_DATABASE_URL to PostgreSQL instead.
ENV SAMSKAP_MIGRATIONS_DIR=/app/migrations SAMSKAP_FRONTEND_DIST=/app/frontend/dist \
    SAMSKAP_DATABASE_URL=sqlite+aiosqlite:////app/var/samskap.db
VOLUME /app/var

USER samskap
EXPOSE 8000
# The same start-up as `make run`: migrate, load the demo (development only), serve.
# SAMSKAP_WORKERS sets the number of worker processes (1 by default; more than one needs
# SAMSKAP_RATE_LIMIT_STORAGE=redis://..., see compose.yml and the README's "Running several
# workers"). Behind a reverse proxy, set SAMSKAP_TRUSTED_PROXIES to its address.
CMD ["sh", "-c", "samskap migrate && if [ \"$SAMSKAP_ENVIRONMENT\" = development ]; then samskap load-demo; fi && samskap serve --host 0.0.0.0 --port 8000"]
