"""The load test: 50 simulated practitioners and team leads for 2 minutes, under gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/what_matters_scale make load

Or against a deployment already running, such as make cluster's nginx, stopping an app
server and the worker halfway:

    LOAD_HOST=http://127.0.0.1:8100 LOAD_USERS=200 LOAD_TIME=3m \
        LOAD_HALFWAY="ops/cluster.sh fail-during-import" make load

Prints locust's summary and saves its CSV files in bench/results/; fails when
any request failed or the 95th percentile of all requests is 300 ms or more.
"""

import contextlib
import csv
import os
import subprocess
import sys
import threading
from pathlib import Path

from bench.server import ROOT, gunicorn, production_env

RESULTS = Path(__file__).parent / "results"
USERS = os.environ.get("LOAD_USERS", "50")
DURATION = os.environ.get("LOAD_TIME", "2m")
# A deployment already running (make cluster's nginx), instead of a gunicorn of our own.
HOST = os.environ.get("LOAD_HOST", "")
# Commands run halfway through, e.g. "ops/cluster.sh fail-during-import".
HALFWAY = os.environ.get("LOAD_HALFWAY", "")


def seconds(duration: str) -> int:
    """locust's run time ("3m", "90s", "1h") in seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    return int(duration[:-1]) * units[duration[-1]] if duration[-1] in units else int(duration)


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    if HALFWAY:
        halfway = threading.Timer(
            seconds(DURATION) / 2, subprocess.run, [HALFWAY], {"shell": True, "cwd": ROOT}
        )
        halfway.start()
    with contextlib.nullcontext(HOST) if HOST else gunicorn() as base:
        # Everyone signed in within the first third of the run (at least a second apart), so
        # that the rest of it has them all at work: a morning's sign-ins are spread out, not
        # all in one moment.
        arriving = max(1.0, int(USERS) / (seconds(DURATION) / 3))
        options = {
            "--users": USERS,
            "--spawn-rate": f"{arriving:g}",
            "--run-time": DURATION,
            "--host": base,
            "--csv": str(RESULTS / "load"),
        }
        locust = [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            str(Path(__file__).parent / "locustfile.py"),
        ]
        arguments = [part for pair in options.items() for part in pair]
        subprocess.run(
            [*locust, "--headless", "--only-summary", *arguments],
            env=production_env(),
            check=False,
        )
    with open(RESULTS / "load_stats.csv") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    failures, p95 = int(total["Failure Count"]), float(total["95%"])
    print(f"{total['Request Count']} requests, {failures} failed, p95 {p95:.0f} ms")
    if failures or p95 >= 300:
        sys.exit("The load test missed its targets: no failures and p95 under 300 ms")


if __name__ == "__main__":
    main()
