"""`make fuzz`: schemathesis against a served Samskap on a throwaway PostgreSQL with the demo.

Starts PostgreSQL in a temporary folder, migrates, loads the demo, serves the API with uvicorn
on a free loopback port, logs in as the demo's system administrator and runs every operation
of the OpenAPI document with generated input and `--checks all`: no server error, no
response outside the documented schema, no undocumented status. The server's log is kept
in var/fuzz-server.log, so that a 500's request id can be looked up.

Environment: SAMSKAP_FUZZ_EXAMPLES (examples per operation, default 120), and extra
schemathesis arguments after `--` on the command line.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests import pg
from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[1]
ADMIN, PASSWORD = "admin@samskap.example", "demo-admin-samskap"


def _samskap(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "samskap.cli", *args], check=True, env=env)


def main(extra: list[str]) -> int:
    server = pg.start()
    process = None
    try:
        url = server.create_database("fuzz")
        port = free_port()
        env = {
            **os.environ,
            "SAMSKAP_DATABASE_URL": url,
            "SAMSKAP_ENVIRONMENT": "development",
            "SAMSKAP_ACCESS_TOKEN_MINUTES": "120",
        }
        _samskap("migrate", env=env)
        _samskap("load-demo", env=env)
        (ROOT / "var").mkdir(exist_ok=True)
        log = (ROOT / "var" / "fuzz-server.log").open("w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "samskap.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(120):
            try:
                if httpx.get(f"{base}/health/ready").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        token = httpx.post(
            f"{base}/auth/token",
            json={"grant_type": "password", "username": ADMIN, "password": PASSWORD},
        ).json()["access_token"]
        examples = os.environ.get("SAMSKAP_FUZZ_EXAMPLES", "120")
        command = [
            os.environ.get("SAMSKAP_FUZZ_ST") or shutil.which("st") or "st",
            "--config-file",
            str(ROOT / "tests" / "schemathesis.toml"),
            "run",
            f"{base}/openapi.json",
            "--checks",
            "all",
            "--header",
            f"Authorization: Bearer {token}",
            "--max-examples",
            examples,
            # Logging out would end the very session the run uses.
            "--exclude-operation-id",
            "auth-logout",
            *extra,
        ]
        return subprocess.run(command).returncode
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        server.stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[1:] if args[:1] == ["--"] else args))
