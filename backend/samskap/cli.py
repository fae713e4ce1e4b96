"""The `samskap` command: migrate, load-demo, create-admin, openapi, serve, worker."""

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from samskap.config import REPO_ROOT, get_settings

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported by the commands that migrate, never by `serve`: it would stay in every
# worker's memory (some 9 MB) for nothing.


def alembic_config(database_url: str | None = None) -> "Config":
    from alembic.config import Config

    settings = get_settings()
    config = Config()
    config.set_main_option("script_location", str(settings.migrations_dir))
    config.set_main_option("path_separator", "os")
    config.set_main_option("sqlalchemy.url", database_url or settings.database_url)
    return config


def migrate(revision: str = "head", database_url: str | None = None) -> None:
    from alembic import command

    url = database_url or get_settings().database_url
    if url.startswith("sqlite") and ":///" in url:
        Path(url.split(":///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


async def _load_demo() -> dict[str, int]:
    from samskap.db import analyze, create_engine, session_factory
    from samskap.demo import load_demo

    engine = create_engine(get_settings().database_url)
    try:
        async with session_factory(engine)() as session:
            created = await load_demo(session)
            await session.commit()
        await analyze(engine)
        return created
    finally:
        await engine.dispose()


def _print_demo_accounts() -> None:
    from samskap.demo.accounts import ACCOUNTS, PROGRAMME_NAMES

    print("\n  Demo accounts (development only): e-mail, password, role")
    for account in ACCOUNTS:
        where = f" in {PROGRAMME_NAMES[account.programme]}" if account.programme else ""
        print(f"    {account.email:<36} {account.password:<24} {account.role}{where}")


async def _create_admin(email: str, name: str) -> int:
    """Reads the password from SAMSKAP_ADMIN_PASSWORD or asks for it."""
    import getpass
    import os

    from sqlalchemy import func, select

    from samskap.auth.passwords import hash_password
    from samskap.db import create_engine, session_factory
    from samskap.kit.ids import uuid7
    from samskap.models import User

    password = os.environ.get("SAMSKAP_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    if len(password) < 12:
        print("the password must have at least 12 characters", file=sys.stderr)
        return 2
    engine = create_engine(get_settings().database_url)
    try:
        async with session_factory(engine)() as session:
            taken = await session.scalar(
                select(User.id).where(func.lower(User.email) == email.strip().lower())
            )
            if taken is not None:
                print(f"an account with {email} exists already", file=sys.stderr)
                return 1
            session.add(
                User(
                    id=uuid7(),
                    email=email.strip(),
                    name=name,
                    password_hash=hash_password(password),
                    system_admin=True,
                    active=True,
                )
            )
            await session.commit()
    finally:
        await engine.dispose()
    print(f"created system administrator {email}")
    return 0


async def _run_worker(concurrency: int | None, once: bool) -> int:
    """The job queue's worker and the import worker, until stopped (SIGINT or SIGTERM)."""
    import signal

    from samskap.imports import worker as import_worker
    from samskap.jobs.worker import Worker
    from samskap.main import create_app

    settings = get_settings()
    app = create_app(settings)
    worker = Worker(
        app.state.sessions, settings, concurrency=concurrency or settings.job_concurrency
    )
    try:
        if once:
            ran = await worker.drain(schedule=True)
            while await import_worker.step(app):
                ran += 1
            print(f"ran {ran} jobs")
            return 0
        loop = asyncio.get_running_loop()
        tasks = [
            asyncio.create_task(worker.run_forever()),
            asyncio.create_task(import_worker.run_forever(app)),
        ]
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, lambda: [t.cancel() for t in tasks])
        print(f"worker {worker.name}: {worker.concurrency} jobs at a time", flush=True)
        await asyncio.gather(*tasks, return_exceptions=True)
        return 0
    finally:
        await app.state.engine.dispose()


def openapi_document() -> str:
    from samskap.main import create_app

    return json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="samskap", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="bring the database schema up to date (alembic upgrade head)")
    sub.add_parser("load-demo", help="load the demo programmes; running it again changes nothing")
    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", type=Path, default=REPO_ROOT / "openapi" / "openapi.json")
    openapi.add_argument(
        "--check",
        action="store_true",
        help="fail when the committed document differs from the app's",
    )
    admin = sub.add_parser("create-admin", help="create the first system administrator")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", default="Systemadministrator")
    serve = sub.add_parser("serve", help="serve the API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--reload", action="store_true")
    serve.add_argument(
        "--workers",
        type=int,
        help="worker processes (default: SAMSKAP_WORKERS, else 1); more than one needs a "
        "shared rate limit storage (SAMSKAP_RATE_LIMIT_STORAGE=redis://...)",
    )
    serve.add_argument(
        "--per-process-limits",
        action="store_true",
        help="allow several workers with memory:// rate limits: each process then counts "
        "alone, so every limit is multiplied by the number of workers (benchmarks only)",
    )
    worker = sub.add_parser(
        "worker", help="run the background workers (job queue and imports) until stopped"
    )
    worker.add_argument("--concurrency", type=int, help="jobs run side by side")
    worker.add_argument("--once", action="store_true", help="run the due jobs, then stop")
    args = parser.parse_args(argv)

    if args.command == "migrate":
        migrate()
    elif args.command == "load-demo":
        if get_settings().environment != "development":
            print(
                "the demo, with its published passwords, is for development only", file=sys.stderr
            )
            return 2
        created = asyncio.run(_load_demo())
        total = sum(created.values())
        summary = ", ".join(f"{n} {kind}" for kind, n in created.items() if n)
        print(f"demo loaded: {summary}" if total else "demo already loaded: nothing to add")
        _print_demo_accounts()
    elif args.command == "create-admin":
        return asyncio.run(_create_admin(args.email, args.name))
    elif args.command == "openapi":
        document = openapi_document()
        if args.check:
            current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
            if current != document:
                print(f"{args.output} is out of date: run `make openapi`", file=sys.stderr)
                return 1
            print(f"{args.output} is up to date")
        else:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(document, encoding="utf-8")
            print(f"wrote {args.output}")
    elif args.command == "worker":
        return asyncio.run(_run_worker(args.concurrency, args.once))
    elif args.command == "serve":
        return _serve(args)
    return 0


KEEP_ALIVE_SECONDS = 75


def _serve(args: argparse.Namespace) -> int:
    """uvicorn, with one process or several (the factory app in each)."""
    import os
    import shutil
    import tempfile

    import uvicorn

    settings = get_settings()
    workers = args.workers if args.workers is not None else settings.workers
    if workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    if workers > 1 and args.reload:
        print("--reload runs one process: leave out --workers", file=sys.stderr)
        return 2
    if workers > 1 and settings.rate_limit_storage.startswith("memory://"):
        if not args.per_process_limits:
            print(
                f"{workers} workers would each count rate limits in their own memory, letting "
                f"{workers} times as many failed logins through. Set "
                "SAMSKAP_RATE_LIMIT_STORAGE to a Redis every worker shares "
                "(redis://host:6379/0), or serve with --workers 1.",
                file=sys.stderr,
            )
            return 2
        print(
            f"warning: rate limits are counted per process: each limit is {workers} times "
            "as high as configured",
            file=sys.stderr,
        )
    # Prometheus metrics of several processes are summed from files in one directory, which
    # must be empty when they start; a directory set by the deployment is its own to manage.
    metrics_dir = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="samskap-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        uvicorn.run(
            "samskap.main:serve_app",
            factory=True,
            host=args.host,
            port=args.port,
            reload=args.reload,
            workers=workers,
            # Samskap serves no WebSocket: no WebSocket library in the workers' memory.
            ws="none",
            # The client's address behind proxies is the app's to find (trusted_proxies).
            proxy_headers=False,
            # An idle kept-alive connection is closed by the client or the proxy, not by us:
            # closed here after uvicorn's 5 s, a request a client sent on it at that moment
            # was lost to a reset. Longer than common proxies' idle timeouts (nginx 60 s).
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
