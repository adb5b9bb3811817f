"""`manage.py seed_demo`: the demo district, its four logins, and running it again."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from dashboard.management.commands.seed_demo import DEFAULT_PASSWORD
from partnerships.models import Contact, Handoff, Organization, PartnerMembership, Partnership, PointOfContact

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "admin@demo.schoolbridge.test",
    "coordinator@demo.schoolbridge.test",
    "partner1@demo.schoolbridge.test",
    "partner2@demo.schoolbridge.test",
]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def user(email):
    # A fresh instance each time, so permission caches never hide a change.
    return get_user_model().objects.get(email=email)


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("partnerships").get_models(), get_user_model()]
    return {model._meta.label: model._default_manager.count() for model in models}


def test_refuses_without_force_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not get_user_model().objects.filter(email__in=DEMO_EMAILS).exists()


def test_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    seed("--force")
    assert get_user_model().objects.filter(email__in=DEMO_EMAILS).count() == 4


def test_runs_when_debug_is_on_and_prints_the_four_logins(debug):
    output = seed()
    for email in DEMO_EMAILS:
        assert email in output
    assert DEFAULT_PASSWORD in output


def test_creates_the_four_users_with_their_roles(debug):
    seed()
    admin = user("admin@demo.schoolbridge.test")
    assert admin.is_superuser and admin.is_staff

    coordinator = user("coordinator@demo.schoolbridge.test")
    assert coordinator.has_perm("partnerships.view_partnership")
    assert not coordinator.is_superuser
    assert Contact.objects.filter(user=coordinator, organization__kind=Organization.Kind.DISTRICT).exists()

    partner1 = user("partner1@demo.schoolbridge.test")
    partner2 = user("partner2@demo.schoolbridge.test")
    business1 = PartnerMembership.objects.get(user=partner1).organization
    business2 = PartnerMembership.objects.get(user=partner2).organization
    assert business1 != business2
    for partner, business in [(partner1, business1), (partner2, business2)]:
        assert business.kind == Organization.Kind.BUSINESS
        assert not partner.has_perm("partnerships.view_partnership")
        assert Contact.objects.filter(user=partner, organization=business).exists()
        assert Partnership.objects.filter(business=business, status=Partnership.Status.ACTIVE).exists()
    assert all(u.first_name and u.last_name for u in get_user_model().objects.filter(email__in=DEMO_EMAILS))


def test_new_users_get_the_default_password(debug):
    seed()
    for email in DEMO_EMAILS:
        assert user(email).check_password(DEFAULT_PASSWORD)


def test_every_partnership_status_is_present(debug):
    seed()
    present = set(Partnership.objects.values_list("status", flat=True))
    assert present == set(Partnership.Status.values)


def test_every_active_partnership_has_a_current_primary_on_both_sides(debug):
    seed()
    active = Partnership.objects.filter(status=Partnership.Status.ACTIVE)
    assert active.count() >= 3
    for partnership in active:
        sides = set(
            PointOfContact.objects.current().primary().filter(partnership=partnership).values_list("side", flat=True)
        )
        assert sides == {"school", "business"}, partnership


def test_an_onboarding_partnership_is_missing_its_business_primary(debug):
    seed()
    flagged = Partnership.objects.missing_primary_contact()
    assert flagged.filter(status=Partnership.Status.ONBOARDING).exists()


def test_a_past_handoff_comes_from_a_contact_who_has_left(debug):
    seed()
    handoff = Handoff.objects.get()
    assert not handoff.from_poc.contact.active
    assert handoff.to_poc.is_current and handoff.to_poc.contact.active


def test_a_second_run_creates_nothing_new(debug):
    seed()
    first = row_counts()
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
