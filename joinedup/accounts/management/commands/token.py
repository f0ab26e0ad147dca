"""`joinedup token create USERNAME`: print a new API bearer token for a user."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.accounts import services
from joinedup.accounts.models import User
from joinedup.core.clock import now


class Command(BaseCommand):
    help = "Create an API token: joinedup token create USERNAME"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user called {options['username']!r}")
        if not user.is_active:
            raise CommandError(f"User {options['username']!r} is switched off")
        token = services.create_api_token(user=user, name=options["name"], now=now())
        self.stdout.write(token)
