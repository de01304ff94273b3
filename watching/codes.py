"""A person's code (the UUID in their record's address) identifies them: logs and error
reports keep `<code>` in its place, and `<email>` for an email address."""

import re

UUID = re.compile(
    r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE
)

EMAIL = re.compile(r"[^\s@<>\"']+@[^\s@<>\"']+\.[A-Za-z]{2,}")


def without_codes(text: str) -> str:
    return EMAIL.sub("<email>", UUID.sub("<code>", text))
