from django.core.management.base import BaseCommand, CommandError

from nextwork.core.models import User
from nextwork.core.tokens import api_token_create


class Command(BaseCommand):
    help = "Creates an API token for a user and prints it as the last line (it cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="")

    def handle(self, *args, username, label, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        token = api_token_create(user=user, label=label)
        self.stdout.write(f"API token for {user.username} ({user.get_role_display()}). Send it as "
                          "'Authorization: Bearer TOKEN'. Store it now; it is not shown again.")
        self.stdout.write(token)
