"""Two-factor login for staff (TOTP, django-otp): enrol an authenticator app at the first login, enter a code
from it at every later one. TwoFactorMiddleware sends every unverified session here while NEXTWORK_REQUIRE_2FA
is on. django-otp throttles wrong codes per device (each failure doubles the wait before the next try)."""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, backup_codes
from .forms import DesignSystemFormMixin

SHOW_CODES_KEY = "backup_codes_to_show"


class BackupCodeForm(DesignSystemFormMixin, forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Backup code"), regex=r"^[ ]*[0-9a-zA-Z]{5}[- ]?[0-9a-zA-Z]{5}[ ]*$", strip=True,
        error_messages={"invalid": gettext_lazy("A backup code has 10 letters and digits, like abcde-23456."),
                        "required": gettext_lazy("Enter one of your backup codes.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": "13", "autocapitalize": "none"}))


class CodeForm(DesignSystemFormMixin, forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from the app"), regex=r"^\d{3} ?\d{3}$", strip=True,
        error_messages={"invalid": gettext_lazy("Enter the 6 digits the app shows."),
                        "required": gettext_lazy("Enter the 6 digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "7"}))

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "")


@login_required
def two_factor(request):
    """Enrolment when the user has no confirmed device yet, else verification."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk").first()
    if device is None:
        return _enrol(request, next_url)
    return _verify(request, device, next_url)


def _enrol(request, next_url):
    user = request.user
    # The same unconfirmed device until it is confirmed, so the code on screen stays the one in the app.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _check(device, form):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
                audit.record(actor=user, action="change", object_type="user", object_id=user.pk,
                             municipality_id=user.municipality_id, summary="two-factor enrolled")
            otp_login(request, device)
            request.session[SHOW_CODES_KEY] = backup_codes.backup_codes_make(user=user)
            return redirect(f"{reverse('core:backup_codes')}?{urlencode({'next': next_url})}")
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    response = render(request, "core/2fa_enrol.html", {
        "form": form, "next": next_url,
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "qr_svg": qr.svg_inline(scale=5, border=2, title=_("QR code for the authenticator app")),
    }, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


def _verify(request, device, next_url):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        otp_login(request, device)
        return redirect(next_url)
    return render(request, "core/2fa_verify.html", {"form": form, "next": next_url},
                  status=400 if form.errors else 200)


def _check(device, form) -> bool:
    """Checks the code against the device (django-otp counts the failures and throttles); a refusal is
    written next to the field."""
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("Too many wrong codes. Wait a little and try again with a new code."))
        return False
    if device.verify_token(form.cleaned_data["code"]):
        return True
    form.add_error("code", _("The code is not right. Enter the code the app shows now."))
    return False


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return "/"
    return next_url


@login_required
def backup_login(request):
    """A backup code instead of the app's code: each works once."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    form = BackupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = backup_codes.backup_device(request.user)
        if device is not None and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            audit.record(actor=request.user, action="change", object_type="user", object_id=request.user.pk,
                         municipality_id=request.user.municipality_id, summary="two-factor backup code used")
            left = backup_codes.codes_left(request.user)
            messages.warning(request, _("You logged in with a backup code. %(left)s codes are left: make new "
                                        "ones under Backup codes if you are running out.") % {"left": left})
            return redirect(next_url)
        form.add_error("code", _("That code does not work. Each code works once; check that you typed it "
                                 "as it is written."))
    return render(request, "core/2fa_backup_login.html", {"form": form, "next": next_url},
                  status=400 if form.errors else 200)


@login_required
def backup_code_list(request):
    """The codes are shown once, right after they are made; afterwards only how many are left."""
    if request.method == "POST":
        codes = backup_codes.backup_codes_make(user=request.user)
    else:
        codes = request.session.pop(SHOW_CODES_KEY, None)
    response = render(request, "core/2fa_backup_codes.html", {
        "codes": codes, "left": backup_codes.codes_left(request.user), "next": _next_url(request)})
    response["Cache-Control"] = "no-store"
    return response
