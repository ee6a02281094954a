from django.core.management.base import BaseCommand, CommandError

from nextwork.core.models import API_TOKEN_VALID_DAYS, User
from nextwork.core.tokens import MAX_VALID_DAYS, api_token_issue


class Command(BaseCommand):
    help = "Creates an API token for a user and prints it as the last line (it cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="")
        parser.add_argument("--days", type=int, default=API_TOKEN_VALID_DAYS,
                            help=f"how many days the token is valid (1-{MAX_VALID_DAYS}, default "
                                 f"{API_TOKEN_VALID_DAYS})")

    def handle(self, *args, username, label, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        if not 1 <= days <= MAX_VALID_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_VALID_DAYS}.")
        token, stored = api_token_issue(user=user, label=label, valid_days=days, via="create_api_token")
        self.stdout.write(f"API token for {user.username} ({user.get_role_display()}), valid until "
                          f"{stored.expires_at:%Y-%m-%d %H:%M %Z}. Send it as 'Authorization: Bearer TOKEN'. "
                          "Store it now; it is not shown again.")
        self.stdout.write(token)
