"""How `samskap serve` runs a worker: the garbage collector set up for serving (start-up
objects frozen, the young collected less often: samskap/runtime.py), checked in a process of
its own, and idle connections kept open for clients and proxies to reuse."""

import asyncio
import json
import subprocess
import sys

from samskap.cli import KEEP_ALIVE_SECONDS
from samskap.runtime import YOUNGEST_THRESHOLD
from tests.processes import free_port, serve_process

PROBE = """
import gc, json
default = gc.get_threshold()
from samskap.main import serve_app
app = serve_app()
paths = sorted(app.openapi()["paths"])
print(json.dumps({"default": default, "now": gc.get_threshold(),
                  "frozen": gc.get_freeze_count(), "paths": paths}))
"""


def test_the_served_app_freezes_its_start_up_and_collects_the_young_less_often(tmp_path):
    env = {"SAMSKAP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/probe.db", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # The whole API, whether or not the web app has been built beside it.
    assert "/api/v1/health" in seen["paths"]
    assert len(seen["paths"]) > 100
    assert seen["default"][0] < YOUNGEST_THRESHOLD
    assert seen["now"] == [YOUNGEST_THRESHOLD, *seen["default"][1:]]
    # Routes, schemas and mappers: hundreds of thousands of objects, never walked again.
    assert seen["frozen"] > 100_000


async def _ask_health(reader, writer) -> bytes:
    writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: samskap\r\n\r\n")
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await asyncio.wait_for(reader.readexactly(length), timeout=30)
    return head.split(b"\r\n", 1)[0]


async def test_samskap_serve_keeps_an_idle_connection_open_past_five_seconds(tmp_path):
    # uvicorn's own 5 s closed connections a client or a proxy was about to reuse.
    url = f"sqlite+aiosqlite:///{tmp_path}/serve.db"
    async with serve_process(url, free_port()) as (base, _process):
        port = int(base.rsplit(":", 1)[1])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            assert await _ask_health(reader, writer) == b"HTTP/1.1 200 OK"
            await asyncio.sleep(6.5)
            assert await _ask_health(reader, writer) == b"HTTP/1.1 200 OK"
        finally:
            writer.close()
    assert KEEP_ALIVE_SECONDS > 60
