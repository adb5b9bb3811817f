"""What the demo tests share: the demo's logins, running `seed_demo`, and reading a user afresh."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

DEMO_EMAILS = [
    "admin@demo.schoolbridge.test",
    "coordinator@demo.schoolbridge.test",
    "partner1@demo.schoolbridge.test",
    "partner2@demo.schoolbridge.test",
    "mentor1@demo.schoolbridge.test",
    "multi@demo.schoolbridge.test",
]


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def user(email):
    # A fresh instance each time, so permission caches never hide a change.
    return get_user_model().objects.get(email=email)
