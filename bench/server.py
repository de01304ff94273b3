"""gunicorn on loopback against DATABASE_URL, as production runs it, for the benchmarks."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# gunicorn's advice for a CPU-bound app: twice the cores, and one more.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))


def production_env() -> dict[str, str]:
    """Production settings, but on plain HTTP on loopback."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # So that locust's file finds the bench package (bench/signing_in.py).
        "PYTHONPATH": str(ROOT),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn():
    """Starts collectstatic-free gunicorn and yields its base URL; stops it afterwards."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database made by generate_scale_data")
    # As in production: static files collected, with their hashed names.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env(),
        check=True,
    )
    port = free_port()
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "-c", "config/gunicorn.py",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(WORKERS),
        "--access-logfile", "/dev/null",
        "--error-logfile", "-",
        "--log-level", "warning",
    ]  # fmt: skip
    # Its log (a line for every request) in a file, not among the benchmark's figures.
    log = ROOT / "bench" / "results" / "gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    server = subprocess.Popen(
        command, cwd=ROOT, env=production_env(), stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/sign-in/", timeout=10)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not start: see {log}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
