"""The load test: 50 simulated practitioners and team leads for 2 minutes, under gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/what_matters_scale make load

Prints locust's summary and saves its CSV files in bench/results/; fails when
any request failed or the 95th percentile of all requests is 300 ms or more.
"""

import csv
import os
import subprocess
import sys
from pathlib import Path

from bench.server import ROOT, gunicorn, production_env

RESULTS = Path(__file__).parent / "results"
USERS = os.environ.get("LOAD_USERS", "50")
DURATION = os.environ.get("LOAD_TIME", "2m")


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    with gunicorn() as base:
        # A user a second: a morning's sign-ins are spread out, not all in one moment.
        options = {
            "--users": USERS,
            "--spawn-rate": "1",
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
