# Samskap: the API and the web app it serves. Build from the repository root:
#   docker build -f docker/backend.Dockerfile -t samskap .

FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /openapi/
RUN npx vite build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY backend/pyproject.toml backend/pyproject.toml
COPY backend/samskap backend/samskap
COPY migrations migrations
COPY alembic.ini alembic.ini
RUN pip install ./backend && useradd --system --home /app samskap
COPY --from=web /web/dist /app/frontend/dist
ENV SAMSKAP_MIGRATIONS_DIR=/app/migrations SAMSKAP_FRONTEND_DIST=/app/frontend/dist

USER samskap
EXPOSE 8000
# The same start-up as `make run`: migrate, load the demo (development only), serve.
CMD ["sh", "-c", "samskap migrate && if [ \"$SAMSKAP_ENVIRONMENT\" = development ]; then samskap load-demo; fi && samskap serve --host 0.0.0.0 --port 8000"]
