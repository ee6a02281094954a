import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.forms import DateInput, DesignSystemFormMixin
from nextwork.core.models import User
from nextwork.core.staff import staff_with_roles

from .choices import ConversationKind, CourseStatus, ExitType, FollowUpOutcome, Weekday
from .models import YoungPerson
from .services.courses import CONSULTANT_ROLES

PROFILE_FIELDS = [
    "first_name", "last_name", "phone", "email", "address", "referral_source", "benefit_type",
    "in_employment", "in_education", "in_internship", "education_history", "work_history", "interests",
    "dream_trades", "available_days", "availability_note", "consent_given", "consent_date",
]


def consultant_choices(municipality_id):
    return staff_with_roles(municipality_id=municipality_id, roles=CONSULTANT_ROLES)


class YoungPersonForm(DesignSystemFormMixin, forms.ModelForm):
    cpr_number = forms.CharField(label=_("CPR number"), max_length=11, help_text=_("10 digits, e.g. 010203-1234."))
    available_days = forms.MultipleChoiceField(
        label=_("Available weekdays"), choices=Weekday.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = YoungPerson
        fields = PROFILE_FIELDS
        widgets = {
            "consent_date": DateInput(),
            "education_history": forms.Textarea(attrs={"rows": 3}),
            "work_history": forms.Textarea(attrs={"rows": 3}),
            "interests": forms.Textarea(attrs={"rows": 2}),
            "dream_trades": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "dream_trades": _("The trades and jobs the young person dreams of, in their own words."),
            "consent_given": _("The young person has consented to NExTWORK storing and sharing their data."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpr_number"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})
        if self.instance.pk:
            self.fields["cpr_number"].initial = f"{self.instance.cpr[:6]}-{self.instance.cpr[6:]}"
        self.order_fields(["first_name", "last_name", "cpr_number"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_given") and not cleaned.get("consent_date"):
            self.add_error("consent_date", _("Give the date the consent was given."))
        return cleaned

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class IntakeForm(YoungPersonForm):
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput(), initial=dt.date.today)
    consultant = forms.ModelChoiceField(label=_("Responsible consultant"), queryset=User.objects.none(),
                                        required=False)
    admission_reason = forms.CharField(
        label=_("Reason for admission outside the target group"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the person is outside the target group. Team leads only."),
    )
    not_a_duplicate = forms.BooleanField(label=_("This is a different person"), required=False)

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = consultant_choices(municipality_id)


class StatusForm(DesignSystemFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"),
                               choices=[c for c in CourseStatus.choices if c[0] != CourseStatus.ENDED])
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)


class AssignForm(DesignSystemFormMixin, forms.Form):
    consultant = forms.ModelChoiceField(label=_("Responsible consultant"), queryset=User.objects.none())

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = consultant_choices(municipality_id)


class ConversationForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConversationKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)
    text = forms.CharField(label=_("What was it about?"), widget=forms.Textarea(attrs={"rows": 3}))


class PsychologistConversationForm(DesignSystemFormMixin, forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)
    note = forms.CharField(label=_("Psychologist's note (only psychologists can read it)"),
                           widget=forms.Textarea(attrs={"rows": 3}))


class ExitForm(DesignSystemFormMixin, forms.Form):
    exit_type = forms.ChoiceField(label=_("Exit"), choices=ExitType.choices)
    exit_date = forms.DateField(label=_("Exit date"), widget=DateInput(), initial=dt.date.today)
    employer_or_school = forms.CharField(label=_("Employer or school"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(DesignSystemFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUpOutcome.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NewCourseForm(DesignSystemFormMixin, forms.Form):
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput(), initial=dt.date.today)


class MergeForm(DesignSystemFormMixin, forms.Form):
    duplicate = forms.ModelChoiceField(label=_("Duplicate record to merge into this one"),
                                       queryset=YoungPerson.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates
        self.fields["duplicate"].label_from_instance = lambda p: f"{p.full_name} ({p.birth_date:%d-%m-%Y}, #{p.pk})"


class PeopleFilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(CourseStatus.choices))
    consultant = forms.ModelChoiceField(label=_("Consultant"), required=False, queryset=User.objects.none(),
                                        empty_label=_("All"))

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = consultant_choices(municipality_id)
