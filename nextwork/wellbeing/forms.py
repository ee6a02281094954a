"""The check-in form (the same questions on the young person's phone and on the consultant's screen), goals
and concerns."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.forms import DateInput, DesignSystemFormMixin

from . import scales
from .models import ConcernKind, GoalProgress

REQUIRED = _("Choose an answer.")


def _radio(label, options) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=[(str(points), text) for points, text in options],
                                  coerce=int, widget=forms.RadioSelect, error_messages={"required": REQUIRED})


class CheckInForm(DesignSystemFormMixin, forms.Form):
    """Fields who5_1..5, loneliness_1..3, work_1..4, in the order of each scale (scales.py)."""

    who5_lead = scales.WHO5_LEAD

    def __init__(self, *args, with_date: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_date:
            self.fields["taken_on"] = forms.DateField(label=_("Date of the check-in"), widget=DateInput(),
                                                      initial=dt.date.today)
        for number, item in enumerate(scales.WHO5_ITEMS, 1):
            self.fields[f"who5_{number}"] = _radio(item, scales.WHO5_OPTIONS)
        for number, item in enumerate(scales.LONELINESS_ITEMS, 1):
            self.fields[f"loneliness_{number}"] = _radio(item, scales.LONELINESS_OPTIONS)
        for number, item in enumerate(scales.WORK_IDENTITY_ITEMS, 1):
            self.fields[f"work_{number}"] = _radio(item, scales.WORK_IDENTITY_OPTIONS)
        # DesignSystemFormMixin ran before these fields existed.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-radio" if isinstance(field.widget, forms.RadioSelect)
                                          else "form-input")

    def part(self, prefix: str) -> list:
        return [self[name] for name in self.fields if name.startswith(prefix)]

    def who5_fields(self):
        return self.part("who5_")

    def loneliness_fields(self):
        return self.part("loneliness_")

    def work_fields(self):
        return self.part("work_")

    def answers(self) -> dict:
        data = self.cleaned_data
        return {"who5": [data[f"who5_{n}"] for n in range(1, len(scales.WHO5_ITEMS) + 1)],
                "loneliness": [data[f"loneliness_{n}"] for n in range(1, len(scales.LONELINESS_ITEMS) + 1)],
                "work_identity": [data[f"work_{n}"] for n in range(1, len(scales.WORK_IDENTITY_ITEMS) + 1)]}


class GoalForm(DesignSystemFormMixin, forms.Form):
    text = forms.CharField(label=_("A goal, in your own words"), max_length=300,
                           help_text=_("For example: to turn up on time."),
                           error_messages={"required": _("Write your goal in your own words.")})


class ProgressForm(DesignSystemFormMixin, forms.Form):
    level = forms.TypedChoiceField(label=_("How far have you come?"), choices=GoalProgress.Level.choices,
                                   coerce=int, error_messages={"required": _("Choose how far you have come.")})


class ConcernForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What is the concern about?"), choices=ConcernKind.choices,
                             widget=forms.RadioSelect)
    note = forms.CharField(label=_("What happened, and what have you done?"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=4000)


class ConcernNoteForm(DesignSystemFormMixin, forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class ProcedureForm(DesignSystemFormMixin, forms.Form):
    text = forms.CharField(label=_("Procedure"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000,
                           help_text=_("What staff do when they are worried about a young person's safety: who "
                                       "they call, who they tell, what they write down."))
    crisis_numbers = forms.CharField(label=_("Crisis numbers"), widget=forms.Textarea(attrs={"rows": 4}),
                                     max_length=2000, help_text=_("One a line, e.g. \"Livslinien: 70 201 201\"."))
