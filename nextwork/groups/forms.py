from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.forms import DateInput, DesignSystemFormMixin
from nextwork.core.models import User
from nextwork.core.staff import staff_with_roles

from .choices import DRIFT_SIGNS, CheckInMethod, LeaveReason, Sign, TookPart, Weekday
from .services.groups import FACILITATOR_ROLES


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class GroupForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    weekday = forms.ChoiceField(label=_("Weekday"), choices=Weekday.choices)
    starts_at = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    facilitators = forms.ModelMultipleChoiceField(label=_("Facilitators"), queryset=User.objects.none(),
                                                  widget=forms.CheckboxSelectMultiple)
    target_min = forms.IntegerField(label=_("Minimum size"), initial=8, min_value=1, max_value=30)
    target_max = forms.IntegerField(label=_("Maximum size"), initial=12, min_value=1, max_value=30)
    active_from = forms.DateField(label=_("Active from"), widget=DateInput())
    active_until = forms.DateField(label=_("Active until"), required=False, widget=DateInput(),
                                   help_text=_("Leave empty if the group runs until further notice."))

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = staff_with_roles(municipality_id=municipality_id,
                                                                roles=FACILITATOR_ROLES)


class AddMemberForm(DesignSystemFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Young person"), queryset=None)
    joined_on = forms.DateField(label=_("Joins on"), widget=DateInput())
    share_first_name = forms.BooleanField(label=_("Shares their first name with the group"), required=False)

    def __init__(self, *args, people, shown=None, **kwargs):
        """`people` checks a posted choice; `shown`, the list the drop-down renders, comes evaluated from an
        access function that audited it (the drop-down never queries names on its own)."""
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people
        field.label_from_instance = lambda person: person.full_name
        field.widget.choices = [("", field.empty_label)] + [(p.pk, p.full_name) for p in shown or ()]


class MoveForm(DesignSystemFormMixin, forms.Form):
    group = forms.ModelChoiceField(label=_("New group"), queryset=None)
    on = forms.DateField(label=_("From"), widget=DateInput())

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class EndMembershipForm(DesignSystemFormMixin, forms.Form):
    on = forms.DateField(label=_("Leaves on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=[c for c in LeaveReason.choices if c[0] != "moved"])


class SessionRecordForm(DesignSystemFormMixin, forms.Form):
    check_in_method = forms.ChoiceField(label=_("Check-in method"), choices=CheckInMethod.choices,
                                        widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Short notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))


class SessionMoveForm(DesignSystemFormMixin, forms.Form):
    date = forms.DateField(label=_("New date"), widget=DateInput())
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=TimeInput())


class AgendaItemForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)


class ProposeForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(label=_("What would you like to talk about?"), max_length=200,
                            help_text=_("The others see your topic, not your name."))


class LinkForm(DesignSystemFormMixin, forms.Form):
    valid_days = forms.IntegerField(label=_("Valid for (days)"), initial=90, min_value=1, max_value=365)


class ObservationForm(DesignSystemFormMixin, forms.Form):
    signs = forms.MultipleChoiceField(label=_("What did you see?"), choices=Sign.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    took_part = forms.ChoiceField(label=_("Did the young people take part, not only turn up?"),
                                  choices=TookPart.choices, widget=forms.RadioSelect)

    def positive(self):
        return [choice for choice in self["signs"] if choice.data["value"] not in DRIFT_SIGNS]

    def drift(self):
        return [choice for choice in self["signs"] if choice.data["value"] in DRIFT_SIGNS]


class AgreementForm(DesignSystemFormMixin, forms.Form):
    text = forms.CharField(label=_("Our agreement"), max_length=4000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Write it with the group, in their words: how phones are used, how we talk "
                                       "to each other. The members see it on their own page."))


class TapForm(forms.Form):
    worth_coming = forms.TypedChoiceField(choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes")
