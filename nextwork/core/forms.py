import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# No date in the platform is outside these years; a date beyond them is a typo (and some would overflow).
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
DATE_OUT_OF_RANGE = _("Enter a date between 1900 and 2099.")


class DesignSystemFormMixin:
    """Gives widgets the design system's classes and ties error messages to their fields for screen readers;
    bounds every date to the years 1900-2099."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.validators = [*field.validators, MinValueValidator(EARLIEST_DATE, DATE_OUT_OF_RANGE),
                                    MaxValueValidator(LATEST_DATE, DATE_OUT_OF_RANGE)]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-checkbox")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-checkbox")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-input")
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} id_{self.add_prefix(name)}-error".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def add_domain_error(form: forms.Form, error) -> None:
    """Shows a service's DomainError next to its field, or above the form when the field is not on it."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
