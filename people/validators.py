"""Checks on what identifies and reaches a person."""

import re

from django.core.exceptions import ValidationError

# The UK postcode format: outward code, a space, inward code (BS 7666).
POSTCODE_RE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? [0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def spaced_nhs_number(value: str) -> str:
    """An NHS number as the NHS shows it, 3, 3 and 4 digits: "485 777 3456"."""
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if re.fullmatch(r"\d{10}", digits) else value


def nhs_number_is_valid(value: str) -> bool:
    """True for ten digits whose last is the modulus 11 check digit of the other nine."""
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    weights = range(10, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def validate_nhs_number(value: str) -> None:
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError("NHS number must be 10 digits, like 943 476 5919", code="format")
    if not nhs_number_is_valid(digits):
        raise ValidationError(
            "Enter a valid NHS number – check the digits have been typed correctly",
            code="check_digit",
        )


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", (value or "").upper())
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(normalise_postcode(value)):
        raise ValidationError("Enter a real postcode, like SW1A 1AA", code="invalid")
