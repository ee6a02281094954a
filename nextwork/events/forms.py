from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.companies.models import Offer
from nextwork.core.forms import DateInput, DesignSystemFormMixin

from .choices import Response, Support


class Form(DesignSystemFormMixin, forms.Form):
    pass


class EventForm(Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    starts_at = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=200)
    max_wishes = forms.IntegerField(label=_("Wishes per young person"), min_value=1, max_value=10, initial=3)
    wish_deadline = forms.DateTimeField(
        label=_("Wishes until"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty for two days after the event, at midnight."))
    offers = forms.ModelMultipleChoiceField(label=_("Offers the companies bring"), required=False,
                                            queryset=Offer.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers
        self.fields["offers"].label_from_instance = lambda o: f"{o.company.name}: {o.function} ({o.places})"


class InviteForm(Form):
    people = forms.MultipleChoiceField(label=_("Young people to invite"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(p.pk, p.full_name) for p in people]


class WishForm(Form):
    """Ranked wishes (first, second, ...), companies the young person does not want, and what they want the
    company to know about them."""

    about_me = forms.CharField(label=_("What I want the company to know about me, and what I need"),
                               required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, event, offers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(o.pk, f"{o.company.name}: {o.function}") for o in offers]
        wish_fields = {}
        for rank in range(1, event.max_wishes + 1):
            wish_fields[f"wish_{rank}"] = forms.TypedChoiceField(
                label=_("Wish %(rank)d") % {"rank": rank}, choices=choices, coerce=int, required=False,
                empty_value=None, widget=forms.Select(attrs={"class": "form-select"}))
        companies = sorted({(o.company_id, o.company.name) for o in offers}, key=lambda c: c[1])
        wish_fields["vetoes"] = forms.TypedMultipleChoiceField(
            label=_("Companies I do not want"), choices=companies, coerce=int, required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}))
        self.fields = {**wish_fields, **self.fields}

    def ranked_offer_ids(self) -> list[int]:
        ids = [self.cleaned_data.get(name) for name in self.fields if name.startswith("wish_")]
        return [pk for pk in ids if pk]


class ArrangementForm(Form):
    response = forms.ChoiceField(label=_("Answer"), choices=Response.choices)
    support = forms.ChoiceField(label=_("What the young person needs to come"), choices=Support.choices,
                                required=False)
    buddy_name = forms.CharField(label=_("Peer buddy"), required=False, max_length=100,
                                 help_text=_("Someone who has been to an event before, chosen by the young person."))


class RespondForm(Form):
    response = forms.ChoiceField(choices=[(Response.CONFIRMED, _("I am coming")),
                                          (Response.DECLINED, _("I cannot come"))])


class MoveForm(Form):
    offer = forms.TypedChoiceField(label=_("Place"), coerce=int, empty_value=0)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("E.g. company relations or your professional judgement."))

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [(0, _("No place at this event"))] + [
            (o.pk, f"{o.company.name}: {o.function}") for o in offers]


class ContentForm(Form):
    game_rules = forms.CharField(label=_("The game's rules"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 6}))
    conversation_cards = forms.CharField(label=_("Conversation cards"), required=False, max_length=10000,
                                         widget=forms.Textarea(attrs={"rows": 10}),
                                         help_text=_("One card a line."))
