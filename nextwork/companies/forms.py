import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.errors import DomainError
from nextwork.core.forms import DateInput, DesignSystemFormMixin
from nextwork.people.models import Course

from . import codes
from .choices import AgreementStatus, ContactKind, Initiative, InternshipKind, Outcome, Sector, SizeBand
from .models import Company, Offer, Representative
from .services.imports import MAX_FILE_BYTES
from .services.offers import MAX_PLACES

LONG_TEXT = 10_000  # characters in a notes field

OVERRIDE_HELP = _("Only a team lead can override a rule. The reason is kept with the internship.")


class Form(DesignSystemFormMixin, forms.Form):
    pass


class CompanyForm(Form):
    cvr = forms.CharField(label=_("CVR number"), max_length=12, help_text=_("8 digits."))
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    industry_code = forms.ChoiceField(label=_("Industry (DB07)"))
    size_band = forms.ChoiceField(label=_("Size"), choices=SizeBand.choices)
    sector = forms.ChoiceField(label=_("Private or public"), choices=Sector.choices)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=LONG_TEXT,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry_code"].choices = [("", "—")] + codes.industry_choices()
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean_cvr(self) -> str:
        """Checked with the other fields, so a wrong CVR number shows on the first submit too."""
        from .services.companies import clean_cvr

        try:
            return clean_cvr(self.cleaned_data["cvr"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from error


class RepresentativeForm(Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class ContactForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)
    representative = forms.ModelChoiceField(label=_("With"), queryset=Representative.objects.none(),
                                            required=False)
    note = forms.CharField(label=_("Note"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    next_follow_up_on = forms.DateField(label=_("Next follow-up"), widget=DateInput(), required=False)

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        if company is not None:
            self.fields["representative"].queryset = company.representatives.all()


class OfferForm(Form):
    function = forms.CharField(label=_("Function"), max_length=200)
    tasks = forms.CharField(label=_("Tasks"), required=False, max_length=LONG_TEXT,
                            widget=forms.Textarea(attrs={"rows": 3}))
    occupation_code = forms.ChoiceField(label=_("Occupation (DISCO-08)"))
    industry_code = forms.ChoiceField(label=_("Industry (DB07)"), required=False,
                                      help_text=_("Leave empty to use the company's industry."))
    kind = forms.ChoiceField(label=_("Kind"), choices=InternshipKind.choices, initial=InternshipKind.TRAINING)
    paid_hours_possible = forms.BooleanField(label=_("Paid hours are possible"), required=False)
    hours_flexibility = forms.CharField(label=_("Hours flexibility"), max_length=200, required=False,
                                        help_text=_("For example: from 8 hours a week, mornings only."))
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=MAX_PLACES, initial=1)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    directions = forms.CharField(label=_("How to get there"), required=False, max_length=LONG_TEXT,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    is_open = forms.BooleanField(label=_("Open for young people now"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation_code"].choices = [("", "—")] + codes.occupation_choices()
        self.fields["industry_code"].choices = [("", "—")] + codes.industry_choices()


class ImportForm(Form):
    kind = forms.ChoiceField(label=_("What the file holds"),
                             choices=[("companies", _("Companies")), ("offers", _("Internship offers"))])
    file = forms.FileField(label=_("File"), help_text=_("CSV (comma or semicolon) or XLSX, with a header row."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)d MB; split it into smaller files.")
                                        % {"size": MAX_FILE_BYTES // (1024 * 1024)})
        return upload


class MeetingForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, max_length=LONG_TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}))


class InviteForm(Form):
    companies = forms.ModelMultipleChoiceField(label=_("Companies to invite"), queryset=Company.objects.none(),
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, municipality_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["companies"].queryset = Company.objects.filter(municipality_id=municipality_id)


class AttendanceForm(Form):
    attended = forms.MultipleChoiceField(label=_("Companies that attended"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=LONG_TEXT,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, invitations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(i.company_id), i.company.name) for i in invitations]


class InternshipForm(Form):
    course = forms.ModelChoiceField(label=_("Young person"), queryset=Course.objects.none())
    company = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.none())
    offer = forms.ModelChoiceField(label=_("Offer"), queryset=Offer.objects.none(), required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False,
                               help_text=_("Leave empty to use the offer's function."))
    wished_on = forms.DateField(
        label=_("The young person wished for it on"), widget=DateInput(), required=False,
        help_text=_("The 14-day promise counts from the wish. Leave empty for today."))
    start_on = forms.DateField(label=_("First day"), widget=DateInput())
    planned_end_on = forms.DateField(label=_("Planned end"), widget=DateInput())
    hours_per_week = forms.DecimalField(label=_("Hours per week"), min_value=1, max_value=60, decimal_places=1,
                                        help_text=_("The young person chooses the hours."))
    kind = forms.ChoiceField(label=_("Kind"), choices=InternshipKind.choices, initial=InternshipKind.TRAINING)
    paid_hours = forms.BooleanField(label=_("With paid hours"), required=False)
    override_reason = forms.CharField(label=_("Reason for overriding a rule"), required=False, max_length=2000,
                                      help_text=OVERRIDE_HELP, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, courses=None, companies=None, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["course"].label_from_instance = lambda c: c.person.full_name
        self.fields["company"].queryset = companies
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda o: f"{o.company.name}: {o.function}"

    def show_courses(self, courses) -> None:
        """The young-person drop-down renders `courses`, a list an access function evaluated and audited;
        the queryset given at creation only checks a posted choice, so the drop-down never queries names."""
        field = self.fields["course"]
        field.widget.choices = [("", field.empty_label)] + [(c.pk, c.person.full_name) for c in courses]


# The lifecycle forms: one per action, each posted to companies:internship_action.
class AgreementForm(Form):
    status = forms.ChoiceField(label=_("Agreement status"), choices=AgreementStatus.choices[1:])
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)


class MeetingHeldForm(Form):
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=dt.date.today)
    notes = forms.CharField(label=_("Expectations agreed"), required=False, max_length=LONG_TEXT,
                            widget=forms.Textarea(attrs={"rows": 3}))


class StartForm(Form):
    on = forms.DateField(label=_("First day"), widget=DateInput(), initial=dt.date.today)
    override_reason = forms.CharField(label=_("Reason for overriding a rule"), required=False,
                                      help_text=OVERRIDE_HELP, widget=forms.Textarea(attrs={"rows": 2}))


class FunctionForm(Form):
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=dt.date.today)
    function = forms.CharField(label=_("New function"), max_length=200)


class HoursForm(Form):
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=dt.date.today)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), min_value=1, max_value=60, decimal_places=1)
    override_reason = forms.CharField(label=_("Reason for overriding a rule"), required=False,
                                      help_text=OVERRIDE_HELP, widget=forms.Textarea(attrs={"rows": 2}))


class PauseForm(Form):
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=dt.date.today)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=250)


class ResumeForm(Form):
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=dt.date.today)


class ExtendForm(Form):
    planned_end_on = forms.DateField(label=_("New planned end"), widget=DateInput())
    override_reason = forms.CharField(label=_("Reason for overriding a rule"), required=False,
                                      help_text=OVERRIDE_HELP, widget=forms.Textarea(attrs={"rows": 2}))


class InterruptForm(Form):
    on = forms.DateField(label=_("Last day"), widget=DateInput(), initial=dt.date.today)
    initiative = forms.ChoiceField(label=_("Who took the initiative"), choices=Initiative.choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class EndForm(Form):
    on = forms.DateField(label=_("Last day"), widget=DateInput(), initial=dt.date.today)


class ConvertForm(Form):
    on = forms.DateField(label=_("Last day as an intern"), widget=DateInput(), initial=dt.date.today)
    to = forms.ChoiceField(label=_("Continues as"), choices=[(o.value, o.label) for o in (Outcome.PAID_HOURS,
                                                                                          Outcome.JOB)])
