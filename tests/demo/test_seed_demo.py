"""`manage.py seed_demo`: when it runs, what it prints, and running it again. What the demo holds is in
test_demo_district.py."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from demo.management.commands.seed_demo import DEFAULT_PASSWORD
from tests.demo.seeding import DEMO_EMAILS, seed, user

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    models = [
        *apps.get_app_config("partnerships").get_models(),
        *apps.get_app_config("students").get_models(),
        *apps.get_app_config("accounts").get_models(),
        *apps.get_app_config("safety").get_models(),
        *apps.get_app_config("communications").get_models(),
        get_user_model(),
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


def test_refuses_without_force_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not get_user_model().objects.filter(email__in=DEMO_EMAILS).exists()


def test_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    seed("--force")
    assert get_user_model().objects.filter(email__in=DEMO_EMAILS).count() == len(DEMO_EMAILS)


def test_runs_when_debug_is_on_and_prints_the_logins(debug):
    output = seed()
    for email in DEMO_EMAILS:
        assert email in output
    assert DEFAULT_PASSWORD in output


def test_a_second_run_creates_nothing_new(debug):
    seed()
    first = row_counts()
    assert first["students.Student"] and first["students.Placement"] and first["students.HoursEntry"]
    for label in ("BackgroundCheck", "SafetyProtocol", "ProtocolAcknowledgment", "SiteVisit", "CheckIn"):
        assert first[f"safety.{label}"], label
    assert first["safety.SafetyConcern"] and first["safety.GradingPeriod"] == 4 and first["safety.SafetyPolicy"] == 1
    output = seed()
    assert row_counts() == first
    assert "nothing new" in output


def test_password_option_resets_the_demo_passwords_and_a_plain_run_keeps_them(debug):
    seed()
    output = seed("--password", "first-pass")
    assert "first-pass" in output
    for email in DEMO_EMAILS:
        assert user(email).check_password("first-pass")

    seed("--password", "second-pass")
    for email in DEMO_EMAILS:
        assert user(email).check_password("second-pass")

    output = seed()
    assert "unchanged" in output
    for email in DEMO_EMAILS:
        assert user(email).check_password("second-pass")
