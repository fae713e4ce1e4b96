"""A throwaway Redis server for tests: redis-server on a free port in a temporary folder,
without persistence (as tests/pg.py starts PostgreSQL)."""

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from tests.processes import free_port


@dataclass
class TemporaryRedis:
    root: Path
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> "redis.Redis":
        """A plain client, for a test to look at keys and their TTLs."""
        return redis.Redis(host="127.0.0.1", port=self.port, decode_responses=True)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> TemporaryRedis:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server not found: install Redis (apt-get install redis-server)")
    root = Path(tempfile.mkdtemp(prefix="samskap-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = TemporaryRedis(root, port, process)
    deadline = time.monotonic() + 30
    while True:
        try:
            with server.client() as client:
                if client.ping():
                    return server
        except redis.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
