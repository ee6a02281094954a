"""The staff member's own API tokens: listed, created (the token is shown once) and revoked."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .confirm import confirmation_page, confirmed
from .forms import DesignSystemFormMixin
from .models import API_TOKEN_VALID_DAYS, ApiToken
from .tokens import api_token_issue, api_token_revoke


class TokenForm(DesignSystemFormMixin, forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100, strip=True,
                            help_text=_("What the token is for, e.g. the system that uses it."))


def _page(request, *, form, new_token=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "core/tokens.html", {
        "tokens": tokens, "now": timezone.now(), "form": form, "new_token": new_token, "valid_days": API_TOKEN_VALID_DAYS,
    }, status=status)


@never_cache
@login_required
def token_list(request):
    if request.method != "POST":
        return _page(request, form=TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    token, _stored = api_token_issue(user=request.user, label=form.cleaned_data["label"])
    # Rendered, not redirected: the token exists only in this answer and is never stored in clear.
    return _page(request, form=TokenForm(), new_token=token)


@never_cache
@login_required
@require_POST
def token_revoke(request, token_id):
    token = ApiToken.objects.filter(pk=token_id, user=request.user, revoked_at=None).first()
    if token is None:
        messages.warning(request, _("The token was already revoked or does not exist."))
        return redirect("core:tokens")
    if not confirmed(request):
        return confirmation_page(
            request, title=_("Revoke the API token “%(label)s”?") % {"label": token.label},
            lines=[_("Programs that use this token lose access to the API at once."),
                   _("You can create a new token afterwards.")],
            button=_("Revoke the token"), cancel_url=reverse("core:tokens"))
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token is revoked."))
    return redirect("core:tokens")
