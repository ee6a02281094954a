import datetime as dt

import pytest

from nextwork.core.cpr import CprError, age_on, parse, passes_modulus_11


def test_it_reads_birth_date_and_century_from_the_seventh_digit():
    assert parse("070761-4285").birth_date == dt.date(1961, 7, 7)
    assert parse("0101084001").birth_date == dt.date(2008, 1, 1)  # digit 4 and year 08: the 2000s
    assert parse("0101584003").birth_date.year == 1958  # digit 4 and year 58: the 1900s


def test_it_enforces_modulus_11_for_births_before_october_2007():
    assert passes_modulus_11("0707614285")
    with pytest.raises(CprError) as error:
        parse("070761-4286")
    assert error.value.code == "modulus11"


def test_it_accepts_numbers_without_modulus_11_for_births_from_october_2007():
    digits = "0110074001"
    assert not passes_modulus_11(digits)
    assert parse(digits).birth_date == dt.date(2007, 10, 1)


@pytest.mark.parametrize(("value", "code"), [("12345", "length"), ("3213991234", "date"), ("abcdefghij", "length")])
def test_it_refuses_malformed_numbers_with_a_reason(value, code):
    with pytest.raises(CprError) as error:
        parse(value)
    assert error.value.code == code


def test_it_refuses_birth_dates_in_the_future():
    with pytest.raises(CprError) as error:
        parse("0101304001", today=dt.date(2026, 11, 23))
    assert error.value.code == "future"


def test_age_counts_completed_years():
    assert age_on(dt.date(2000, 6, 15), dt.date(2018, 6, 14)) == 17
    assert age_on(dt.date(2000, 6, 15), dt.date(2018, 6, 15)) == 18
