"""The cluster script's own checks (the cluster itself is brought up by hand: make cluster)."""

import subprocess
from pathlib import Path

from bench.load import seconds

SCRIPT = Path(__file__).resolve().parents[2] / "ops" / "cluster.sh"


def test_the_script_parses_and_says_how_to_use_it():
    assert subprocess.run(["bash", "-n", str(SCRIPT)], check=False).returncode == 0
    run = subprocess.run([str(SCRIPT)], capture_output=True, text=True, check=False)
    assert run.returncode == 2 and "Usage: ops/cluster.sh up" in run.stderr


def test_the_load_tests_run_time_reads_as_locust_reads_it():
    assert seconds("3m") == 180 and seconds("90s") == 90 and seconds("1h") == 3600
    assert seconds("45") == 45
