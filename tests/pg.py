"""A throwaway PostgreSQL server for the test session: initdb + pg_ctl in a temporary folder."""

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.processes import free_port


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if not candidates:
        raise RuntimeError(f"{name} not found: install PostgreSQL (apt-get install postgresql)")
    return candidates[0]


@dataclass
class TemporaryPostgres:
    root: Path
    port: int
    as_user: list[str]

    @property
    def options(self) -> str:
        return (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )

    @property
    def admin_url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, text=True)

    def initdb(self) -> None:
        """A new, empty cluster in root/data: trusted local logins as postgres, UTF-8."""
        self.run(
            _binary("initdb"),
            "-D",
            str(self.root / "data"),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def create_database(self, name: str) -> str:
        self.run(
            _binary("psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            f'CREATE DATABASE "{name}"',
        )
        return self.url(name)

    def shut_down(self) -> None:
        """Shut the server down as an outage would, keeping its data for `start`."""
        self.run(_binary("pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")

    def start(self) -> None:
        """Start the server on its port (again, after `shut_down`, with the same data)."""
        self.run(
            _binary("pg_ctl"),
            "-D",
            str(self.root / "data"),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            self.options,
            "start",
        )

    def stop(self) -> None:
        """Stop the server for good and remove its folder."""
        subprocess.run(
            [
                *self.as_user,
                _binary("pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> TemporaryPostgres:
    root = Path(tempfile.mkdtemp(prefix="samskap-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; run it as the postgres system user.
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    server = TemporaryPostgres(root, port, as_user)
    server.initdb()
    server.start()
    return server
