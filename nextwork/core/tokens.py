import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from .audit import record
from .models import API_TOKEN_VALID_DAYS, ApiToken, User

MAX_VALID_DAYS = 365
LAST_USED_PRECISION = dt.timedelta(minutes=5)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(*, user: User, label: str, valid_days: int) -> tuple[str, ApiToken]:
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValueError(f"A token is valid for 1 to {MAX_VALID_DAYS} days.")
    token = "nw_" + secrets.token_urlsafe(32)
    stored = ApiToken.objects.create(user=user, token_hash=_hash(token), label=label[:100],
                                     expires_at=timezone.now() + dt.timedelta(days=valid_days))
    return token, stored


def api_token_create(*, user: User, label: str = "", valid_days: int = API_TOKEN_VALID_DAYS) -> str:
    """Creates a token and returns it; only its hash is stored, so it cannot be shown again. Not audited:
    for tests and the benchmarks; people get theirs through api_token_issue."""
    return _issue(user=user, label=label, valid_days=valid_days)[0]


def api_token_issue(*, user: User, label: str, valid_days: int = API_TOKEN_VALID_DAYS,
                    via: str = "web") -> tuple[str, ApiToken]:
    """Creates a token for `user` (the token page, the create_api_token command) and writes an audit row.
    Returns the token (shown once) and the stored row."""
    token, stored = _issue(user=user, label=label, valid_days=valid_days)
    record(actor=user, action="create", object_type="api_token", object_id=stored.pk,
           municipality_id=user.municipality_id,
           summary=f"via {via}, valid until {stored.expires_at:%Y-%m-%d}, label {stored.label!r}")
    return token, stored


def user_for_token(token: str) -> User | None:
    """The active user of a token that is neither revoked nor expired; notes when it was used."""
    if not token or len(token) > 200:
        return None
    now = timezone.now()
    match = (
        ApiToken.objects.select_related("user", "user__municipality")
        .filter(token_hash=_hash(token), revoked_at=None, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if match is None:
        return None
    if match.last_used_at is None or now - match.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=match.pk).update(last_used_at=now)
    return match.user


def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Revokes one of the actor's own tokens (callers look it up by actor) and writes an audit row."""
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=actor, action="change", object_type="api_token", object_id=token.pk,
           municipality_id=actor.municipality_id, summary=f"revoked, label {token.label!r}")
