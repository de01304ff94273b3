import pytest
from django.core.exceptions import ValidationError

from people.validators import (
    nhs_number_is_valid,
    normalise_postcode,
    validate_nhs_number,
    validate_postcode,
)


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_it_accepts_nhs_numbers_with_the_right_check_digit(number):
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize("number", ["9434765918", "4857773456", "123", "94347659190", "abcdefghij"])
def test_it_refuses_nhs_numbers_that_fail_the_check(number):
    assert not nhs_number_is_valid(number)
    with pytest.raises(ValidationError):
        validate_nhs_number(number)


def test_it_refuses_a_number_whose_check_digit_would_be_ten():
    # 1*10 + 1*2 = 12, remainder 1: no digit can check it.
    for last in "0123456789":
        assert not nhs_number_is_valid(f"100000001{last}")


@pytest.mark.parametrize(
    ("typed", "stored"), [("ls62qt", "LS6 2QT"), ("sw1a  1aa", "SW1A 1AA"), ("M1 1AE", "M1 1AE")]
)
def test_it_normalises_postcodes(typed, stored):
    assert normalise_postcode(typed) == stored
    validate_postcode(stored)


@pytest.mark.parametrize("postcode", ["LS6", "12345", "QQ1 1QQ", "LS6 2QTX"])
def test_it_refuses_malformed_postcodes(postcode):
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        validate_postcode(postcode)
