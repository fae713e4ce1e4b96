"""A served worker's garbage collector: start-up objects frozen, the young collected less
often (samskap/runtime.py); checked in a process of its own, as a worker is."""

import json
import subprocess
import sys

from samskap.runtime import YOUNGEST_THRESHOLD

PROBE = """
import gc, json
default = gc.get_threshold()
from samskap.main import serve_app
app = serve_app()
print(json.dumps({"default": default, "now": gc.get_threshold(),
                  "frozen": gc.get_freeze_count(), "routes": len(app.routes)}))
"""


def test_the_served_app_freezes_its_start_up_and_collects_the_young_less_often(tmp_path):
    env = {"SAMSKAP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/probe.db", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["routes"] > 50
    assert seen["default"][0] < YOUNGEST_THRESHOLD
    assert seen["now"] == [YOUNGEST_THRESHOLD, *seen["default"][1:]]
    # Routes, schemas and mappers: hundreds of thousands of objects, never walked again.
    assert seen["frozen"] > 100_000
