from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.forms import DateInput, DesignSystemFormMixin

from . import indicators
from .choices import Decision, Principle

TEXT = {"rows": 3}


class ContentForm(DesignSystemFormMixin, forms.Form):
    """The three questions of devising: where are the principles in this, why, what will we see."""

    title = forms.CharField(label=_("Title"), max_length=200)
    principles = forms.MultipleChoiceField(label=_("Where are the principles in this?"), choices=Principle.choices,
                                           widget=forms.CheckboxSelectMultiple)
    why = forms.CharField(label=_("Why are we doing it?"), max_length=4000, widget=forms.Textarea(attrs=TEXT))
    expected = forms.CharField(label=_("If it works as we hope, what will we see?"), max_length=4000,
                               widget=forms.Textarea(attrs=TEXT))
    indicators = forms.MultipleChoiceField(
        label=_("Indicators that would show it"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The fidelity indicators shown before the start and at the review."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicators.indicator_choices()
        if not self.fields["indicators"].choices:
            del self.fields["indicators"]


class ExperimentForm(ContentForm):
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput())
    review_on = forms.DateField(label=_("Review date"), widget=DateInput(),
                                help_text=_("When the team looks at what it saw and decides."))

    def __init__(self, *args, dates_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "review_on"):
            self.fields[name].required = dates_required


class ReviewForm(DesignSystemFormMixin, forms.Form):
    observed = forms.CharField(label=_("What did we see?"), max_length=4000, widget=forms.Textarea(attrs=TEXT))
    decision = forms.ChoiceField(label=_("What do we decide?"), widget=forms.RadioSelect,
                                 choices=[(value, label) for value, label in Decision.choices if value])


class TakeUpForm(ContentForm):
    response = forms.CharField(label=_("A word to the proposer"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Shown on their own page with the proposal."))


class RespondForm(DesignSystemFormMixin, forms.Form):
    response = forms.CharField(label=_("The team's answer"), max_length=2000, widget=forms.Textarea(attrs=TEXT),
                               help_text=_("Shown on the proposer's own page."))


class ProposeForm(DesignSystemFormMixin, forms.Form):
    """The three questions in plain words, for a young person's or a representative's own page."""

    title = forms.CharField(label=_("What would you change?"), max_length=200)
    why = forms.CharField(label=_("Why?"), max_length=2000, widget=forms.Textarea(attrs=TEXT))
    expected = forms.CharField(label=_("If it works, what would we see?"), max_length=2000,
                               widget=forms.Textarea(attrs=TEXT))


class MeetingForm(DesignSystemFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    attendees = forms.ModelMultipleChoiceField(label=_("Staff present"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    other_attendees = forms.CharField(label=_("Others present"), max_length=300, required=False,
                                      help_text=_("E.g. “two young people from the Tuesday group”. No names."))
    notes = forms.CharField(label=_("Notes"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 6}))
    experiments = forms.ModelMultipleChoiceField(label=_("Experiments discussed"), queryset=None, required=False,
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, staff, experiments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = staff
        self.fields["attendees"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["experiments"].queryset = experiments


class ShareForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    principles = forms.MultipleChoiceField(label=_("Principles"), choices=Principle.choices,
                                           widget=forms.CheckboxSelectMultiple)
    what = forms.CharField(label=_("What we did"), max_length=4000, required=False, widget=forms.Textarea(attrs=TEXT))
    why = forms.CharField(label=_("Why we did it"), max_length=4000, widget=forms.Textarea(attrs=TEXT))
    what_we_saw = forms.CharField(label=_("What we saw"), max_length=4000, widget=forms.Textarea(attrs=TEXT))
