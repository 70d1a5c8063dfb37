import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure someone can log in to the admin: when no superuser exists, create one with a generated "
        "password and print it once. Nothing is printed on later runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            if options["verbosity"] >= 1:
                self.stdout.write(
                    "A superuser exists already; log in with it, or run `manage.py createsuperuser`."
                )
            return
        password = secrets.token_urlsafe(16)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created superuser {username!r} with password {password} (shown only this once)."
            )
        )
