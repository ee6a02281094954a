from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, register


@register()
def check_encryption_keys(app_configs, **kwargs):
    keys = getattr(settings, "NEXTWORK_ENCRYPTION_KEYS", None)
    if not keys:
        return [Error("NEXTWORK_ENCRYPTION_KEYS is not set.", id="nextwork.E001")]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.strip().encode())
        except ValueError:
            errors.append(
                Error(
                    f"Encryption key number {position} is not a valid Fernet key.",
                    hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="nextwork.E002",
                )
            )
    if not getattr(settings, "NEXTWORK_LOOKUP_KEY", ""):
        errors.append(Error("NEXTWORK_LOOKUP_KEY is not set.", id="nextwork.E003"))
    return errors
