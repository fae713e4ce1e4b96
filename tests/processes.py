"""Samskap's API in a uvicorn process of its own, for tests and benchmarks that need a real
server: one that can be killed, or whose memory can be read from /proc."""

import asyncio
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at this moment."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@asynccontextmanager
async def answering(
    process: asyncio.subprocess.Process, port: int, what: str, *, start_within: float
) -> AsyncIterator[str]:
    """The base URL of `process` once its health check answers on `port`; the process is
    stopped at the end unless the caller has killed it."""
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as probe:
            deadline = time.monotonic() + start_within
            while True:
                try:
                    if (await probe.get("/api/v1/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.returncode is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{what} on port {port} did not start")
                await asyncio.sleep(0.2)
        yield base
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()


@asynccontextmanager
async def api_process(
    url: str, port: int, env: dict[str, str] | None = None, *, start_within: float = 120
) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    """The API on `url`'s database, with its lifespan (so its import worker runs) and the
    given environment, answering its health check: its base URL and process. Stopped at the
    end unless the caller has killed it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "samskap.main:create_app",
        "--factory",
        "--port",
        str(port),
        "--log-level",
        "warning",
        env={**os.environ, "SAMSKAP_DATABASE_URL": url, **(env or {})},
    )
    async with answering(process, port, "the API process", start_within=start_within) as base:
        yield base, process


@asynccontextmanager
async def worker_process(
    url: str, env: dict[str, str] | None = None, *, start_within: float = 120
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`samskap worker` on `url`'s database with the given environment, once it has said it
    runs. Stopped at the end (SIGTERM: it hands its running jobs back) unless the caller has
    killed it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "samskap.cli",
        "worker",
        env={**os.environ, "SAMSKAP_DATABASE_URL": url, **(env or {})},
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        while True:
            line = await asyncio.wait_for(process.stdout.readline(), start_within)
            if not line:
                raise RuntimeError("the worker process ended before it started")
            if b"jobs at a time" in line:
                break
        yield process
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()


@asynccontextmanager
async def serve_process(
    url: str,
    port: int,
    env: dict[str, str] | None = None,
    *,
    args: tuple[str, ...] = (),
    start_within: float = 120,
) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    """`samskap serve` (with `args`, such as --workers 2) on `url`'s database, answering its
    health check: its base URL and process. Stopped at the end (SIGTERM, which uvicorn passes
    on to its worker processes)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "samskap.cli",
        "serve",
        "--port",
        str(port),
        *args,
        env={**os.environ, "SAMSKAP_DATABASE_URL": url, **(env or {})},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    async with answering(process, port, "samskap serve", start_within=start_within) as base:
        yield base, process


def child_processes(pid: int) -> list[int]:
    """The processes `pid` started (uvicorn's workers), from /proc."""
    children: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as listing:
            children.extend(int(child) for child in listing.read().split())
    return children
