"""The share check: a practice shared with the other municipalities carries no personal data. It refuses
what obviously is: a CPR-like number, an e-mail address, a phone number, or the full name of one of the
municipality's young people or company representatives. The names are compared, never shown."""

import re

from django.utils.translation import gettext as _

from nextwork.companies.models import Representative
from nextwork.people.models import YoungPerson

CPR_LIKE = re.compile(r"(?<!\d)[0-3]\d[01]\d\d\d[\s-]?\d{4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![\d])(?:\+45[\s-]?)?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}(?![\d])")


def _names(municipality_id: int) -> set[str]:
    people = YoungPerson.objects.filter(municipality_id=municipality_id).values_list("first_name", "last_name")
    representatives = Representative.objects.filter(company__municipality_id=municipality_id).values_list(
        "name", flat=True)
    names = {" ".join(f"{first} {last}".lower().split()) for first, last in people}
    names |= {" ".join(name.lower().split()) for name in representatives}
    return {name for name in names if " " in name}


def personal_data_found(texts: dict[str, str], *, municipality_id: int) -> dict[str, str]:
    """field -> why it looks like personal data, for each text that does."""
    found = {}
    names = None
    for field, text in texts.items():
        if CPR_LIKE.search(text):
            found[field] = _("This looks like a CPR number. Take it out: nothing shared may identify a person.")
        elif EMAIL.search(text):
            found[field] = _("This looks like an e-mail address. Take it out: nothing shared may identify a person.")
        elif PHONE.search(text):
            found[field] = _("This looks like a phone number. Take it out: nothing shared may identify a person.")
        else:
            names = _names(municipality_id) if names is None else names
            flat = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
            if any(f" {name} " in f" {flat} " for name in names):
                found[field] = _("This names a person. Write “a young person” or “a company” instead.")
    return found
