import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.forms import DateInput, DesignSystemFormMixin
from nextwork.core.models import Municipality
from nextwork.people.choices import BenefitType

from .choices import Education, ExclusionReason, Gender, Method, PostExclusionReason

BLANK = [("", "---------")]


class EntryForm(DesignSystemFormMixin, forms.Form):
    """Eligibility, information and the baseline: all recorded before the arm is drawn."""

    eligibility_confirmed = forms.BooleanField(label=_("I confirm that the young person is eligible for the trial"))
    informed = forms.BooleanField(label=_("The young person has been told about the trial and what the draw means"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    cpr_number = forms.CharField(label=_("CPR number"), max_length=11, help_text=_("Age is worked out from it."))
    gender = forms.ChoiceField(label=_("Gender"), choices=BLANK + Gender.choices)
    benefit_type = forms.ChoiceField(label=_("Benefit type"), choices=BLANK + BenefitType.choices)
    months_on_support = forms.IntegerField(label=_("Months on public support in the last year"), min_value=0,
                                           max_value=12, help_text=_("0 to 12."))
    highest_education = forms.ChoiceField(label=_("Highest completed education"), choices=BLANK + Education.choices)

    def __init__(self, *args, trial=None, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in (trial.extra_fields if trial else []):
            label, kind = spec.get("label", spec["key"]), spec.get("kind", "text")
            if kind == "bool":
                field = forms.BooleanField(label=label, required=False)
            elif kind == "int":
                field = forms.IntegerField(label=label, min_value=0, max_value=10000)
            else:
                field = forms.CharField(label=label, max_length=200)
            self.fields[f"extra_{spec['key']}"] = field
        for name in self.fields:
            if name.startswith("extra_"):
                widget = self.fields[name].widget
                widget.attrs.setdefault("class", "form-checkbox" if isinstance(widget, forms.CheckboxInput)
                                        else "form-input")

    def service_data(self, trial) -> dict:
        data = dict(self.cleaned_data)
        data["extra_covariates"] = {spec["key"]: data.pop(f"extra_{spec['key']}", "") for spec in trial.extra_fields}
        return data


class HandoverForm(DesignSystemFormMixin, forms.Form):
    meets_on = forms.DateField(label=_("Date of the hand-over meeting"), widget=DateInput())
    previous_caseworker = forms.CharField(label=_("Previous caseworker"), max_length=200)
    consultant = forms.ModelChoiceField(label=_("NExTWORK consultant at the meeting"), queryset=None, required=False)
    carries_across = forms.CharField(
        label=_("Plan or internship that carries across"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the young person is already doing, so it is not broken off."))
    held = forms.BooleanField(label=_("The meeting has been held"), required=False)

    def __init__(self, *args, consultants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = consultants


class InErrorForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why was the young person randomised in error?"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(DesignSystemFormMixin, forms.Form):
    lost_to_follow_up = forms.BooleanField(label=_("Lost to follow-up"), required=False)
    excluded_reason = forms.ChoiceField(label=_("Excluded from the analysis"), required=False,
                                        choices=[("", _("No: analysed"))] + PostExclusionReason.choices)


class ScreeningForm(DesignSystemFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Why not randomised"), choices=ExclusionReason.choices)
    count = forms.IntegerField(label=_("Number of young people"), min_value=1, max_value=1000, initial=1)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput(), initial=dt.date.today)


class PhaseForm(DesignSystemFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.all())
    phase = forms.ChoiceField(label=_("New phase"), choices=Municipality.Phase.choices)
    changed_on = forms.DateField(label=_("From"), widget=DateInput(), initial=dt.date.today)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.municipality_id is not None:
            self.fields["municipality"].queryset = Municipality.objects.filter(pk=user.municipality_id)
            self.fields["municipality"].initial = user.municipality_id


class TrialForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    registry_record = forms.CharField(label=_("Trial registration"), required=False, max_length=2000)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    recruitment_target_treated = forms.IntegerField(label=_("Target: young people offered NExTWORK"), min_value=1,
                                                    max_value=100000, initial=1200)
    starts_on = forms.DateField(label=_("Recruitment starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Recruitment ends"), widget=DateInput())


class SiteForm(DesignSystemFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.all())
    recruitment_target_treated = forms.IntegerField(label=_("Target: young people offered NExTWORK"), min_value=0,
                                                    max_value=100000)


class BatchForm(DesignSystemFormMixin, forms.Form):
    file = forms.FileField(label=_("The eligible caseload (CSV)"),
                           help_text=_("Columns: cpr_number, first_name, last_name, gender, benefit_type, "
                                       "months_on_support, highest_education. One young person a row."))
    confirm_informed = forms.BooleanField(
        label=_("Every young person in the file is eligible and has been told about the trial"))
