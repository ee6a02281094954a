"""Danish CPR numbers: format, birth date and century, and the modulus-11 rule where it applies.

Pure Python (no Django). The modulus-11 check is only required for people born before
1 October 2007: since then CPR numbers are issued without it, because the series ran out.
"""

import datetime as dt
from dataclasses import dataclass

from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError

MODULUS_11_UNTIL = dt.date(2007, 10, 1)
_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


class CprError(ValueError):
    """An invalid CPR number. `code` is one of: length, date, future, modulus11."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CprNumber:
    digits: str
    birth_date: dt.date
    legal_sex: str  # "female" for an even last digit, "male" for odd

    @property
    def formatted(self) -> str:
        return f"{self.digits[:6]}-{self.digits[6:]}"


def passes_modulus_11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11 == 0


def parse(value: str, *, today: dt.date | None = None) -> CprNumber:
    """Returns the CPR number's parts or raises CprError."""
    digits = stdnum_cpr.compact(value or "")
    if not digits.isdigit() or len(digits) != 10:
        raise CprError("length", "A CPR number has 10 digits, e.g. 010203-1234.")
    try:
        birth_date = stdnum_cpr.get_birth_date(digits)
    except (InvalidComponent, InvalidFormat, InvalidLength, ValidationError) as error:
        raise CprError("date", "The first six digits of a CPR number must be a valid date (DDMMYY).") from error
    if birth_date > (today or dt.date.today()):
        raise CprError("future", "The CPR number gives a birth date in the future.")
    if birth_date < MODULUS_11_UNTIL and not passes_modulus_11(digits):
        raise CprError(
            "modulus11", "The CPR number fails the modulus-11 check that applies to births before 1 October 2007."
        )
    return CprNumber(digits=digits, birth_date=birth_date, legal_sex="female" if int(digits[-1]) % 2 == 0 else "male")


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
