import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, label: str = "") -> str:
    """Creates a token and returns it; only its hash is stored, so it cannot be shown again."""
    token = "nw_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, token_hash=_hash(token), label=label)
    return token


def user_for_token(token: str) -> User | None:
    match = (
        ApiToken.objects.select_related("user", "user__municipality")
        .filter(token_hash=_hash(token), revoked_at=None, user__is_active=True)
        .first()
    )
    return match.user if match else None


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
