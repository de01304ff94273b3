"""Codes from the authenticator app generate_scale_data gives every member of staff, for the
benchmarks to pass the second factor as people do. No Django settings needed: locust's
simulated users use it too."""

import os
from binascii import unhexlify
from collections.abc import Iterator

from django_otp.oath import totp

# generate_scale_data's SECOND_FACTOR_KEY (RFC 6238's example key, hex), unless told otherwise.
SECOND_FACTOR_KEY = os.environ.get(
    "BENCH_SECOND_FACTOR_KEY", "3132333435363738393031323334353637383930"
)


def codes(key: str) -> Iterator[str]:
    """The code the app shows now, then the next one, which the service also takes: a code
    is taken only once, and a run a moment ago may have used this one."""
    for drift in (0, 1):
        yield f"{totp(unhexlify(key), drift=drift):06d}"
