from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.fidelity import PRINCIPLES

from .collect import parse_month

SCORE_CHOICES = [("", _("Not scored"))] + [(str(n), str(n)) for n in range(1, 6)]


class ReviewForm(forms.Form):
    month = forms.CharField(label=_("Month reviewed"), max_length=7,
                            widget=forms.TextInput(attrs={"type": "month", "class": "form-input input-width-s"}))
    reviewed_on = forms.DateField(label=_("Reviewed on"),
                                  widget=forms.DateInput(attrs={"type": "date", "class": "form-input input-width-s"}))
    reviewers = forms.CharField(label=_("Reviewers"), max_length=300,
                                widget=forms.TextInput(attrs={"class": "form-input"}))
    summary = forms.CharField(label=_("Summary"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in PRINCIPLES:
            self.fields[f"score_{p.key}"] = forms.TypedChoiceField(
                label=_("Score: %(principle)s") % {"principle": _(p.name)}, choices=SCORE_CHOICES, coerce=int,
                empty_value=None, required=False, widget=forms.Select(attrs={"class": "form-select"}))
            self.fields[f"comment_{p.key}"] = forms.CharField(
                label=_("Comment: %(principle)s") % {"principle": _(p.name)}, max_length=3000, required=False,
                widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}))

    def principle_fields(self):
        return [(p, self[f"score_{p.key}"], self[f"comment_{p.key}"]) for p in PRINCIPLES]

    def clean_month(self):
        import datetime as dt

        month = parse_month(self.cleaned_data["month"], default=dt.date.today())
        if month is None:
            raise forms.ValidationError(_("Give the month as YYYY-MM."))
        return month

    def clean(self):
        data = super().clean()
        for p in PRINCIPLES:
            if data.get(f"comment_{p.key}") and data.get(f"score_{p.key}") is None:
                self.add_error(f"score_{p.key}", _("Give a score with the comment."))
        if not any(data.get(f"score_{p.key}") for p in PRINCIPLES):
            raise forms.ValidationError(_("Score at least one principle."))
        return data

    def review_data(self) -> dict:
        d = self.cleaned_data
        return {"month": d["month"], "reviewed_on": d["reviewed_on"], "reviewers": d["reviewers"],
                "summary": d["summary"],
                "scores": {p.key: (d[f"score_{p.key}"], d[f"comment_{p.key}"]) for p in PRINCIPLES
                           if d.get(f"score_{p.key}")}}
