"""Accounts: the email login, lockout, logout, password reset, roles, and the two access middlewares."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core import mail
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.middleware import AccessMiddleware
from accounts.roles import COORDINATOR_GROUP, coordinator_permission_codenames, is_coordinator, sync_coordinator_group
from tests.factories import PASSWORD, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
LOGIN_URL = "/accounts/login/"


def log_in(client: Client, email: str, password: str):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def signed_in_user_id(client: Client):
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id is not None else None


# The user manager -----------------------------------------------------------------------------------


def test_create_user_lower_cases_the_email_and_hashes_the_password():
    user = User.objects.create_user("Ann.Smith@Example.TEST", password="s3cret-enough")

    assert user.email == "ann.smith@example.test"
    assert user.check_password("s3cret-enough")
    assert user.password != "s3cret-enough"
    assert (user.is_staff, user.is_superuser) == (False, False)


def test_create_superuser_sets_staff_and_superuser():
    user = User.objects.create_superuser("Root@Example.test", password="pw")

    assert (user.email, user.is_staff, user.is_superuser) == ("root@example.test", True, True)


def test_create_superuser_refuses_to_be_anything_less():
    with pytest.raises(ValueError):
        User.objects.create_superuser("root@example.test", password="pw", is_staff=False)


@pytest.mark.parametrize("email", ["", None])
def test_an_email_is_required(email):
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user(email, password="pw")


def test_two_users_cannot_share_an_email_in_different_case():
    User.objects.create_user("ann@example.test")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ANN@example.test")


def test_natural_key_lookup_ignores_case():
    user = UserFactory(email="ann@example.test")

    assert User.objects.get_by_natural_key("ANN@Example.Test") == user


# Signing in and out ---------------------------------------------------------------------------------


def test_login_by_email_ignores_case(anon_client, partner_a):
    response = log_in(anon_client, "PARTNER.A@Example.TEST", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(anon_client) == partner_a.pk


def test_login_with_a_wrong_password_shows_an_error_and_keeps_the_typed_email(anon_client, partner_a):
    response = log_in(anon_client, "Partner.A@example.test", "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="Partner.A@example.test"' in response.content.decode()
    assert signed_in_user_id(anon_client) is None


def test_repeated_wrong_passwords_lock_the_account_out(settings, anon_client, partner_a):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        log_in(anon_client, partner_a.email, "wrong")

    response = log_in(anon_client, partner_a.email, PASSWORD)

    assert response.status_code == 429
    assert signed_in_user_id(anon_client) is None


def test_lockout_counts_every_spelling_of_the_same_email(settings, anon_client, partner_a):
    settings.AXES_FAILURE_LIMIT = 3
    for spelling in ["partner.a@example.test", "PARTNER.A@example.test", "Partner.A@Example.test"]:
        log_in(anon_client, spelling, "wrong")

    response = log_in(anon_client, "partner.A@EXAMPLE.test", PASSWORD)

    assert response.status_code == 429
    assert signed_in_user_id(anon_client) is None


def test_one_locked_out_account_does_not_lock_out_others_on_the_same_network(settings, partner_a, partner_b):
    # Everyone in a school shares one public IP address: a lockout must be per account, not per address.
    settings.AXES_FAILURE_LIMIT = 3
    attacker, colleague = Client(), Client()
    for _ in range(3):
        log_in(attacker, partner_a.email, "wrong")

    response = log_in(colleague, partner_b.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(colleague) == partner_b.pk


def test_logout_by_post_signs_the_user_out(partner_a_client, partner_a):
    assert signed_in_user_id(partner_a_client) == partner_a.pk

    response = partner_a_client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert signed_in_user_id(partner_a_client) is None


# Password reset -------------------------------------------------------------------------------------


def test_password_reset_emails_a_link_to_a_known_address(anon_client, partner_a):
    response = anon_client.post(reverse("password_reset"), {"email": "Partner.A@example.test"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == [partner_a.email]
    assert "/accounts/reset/" in message.body


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(anon_client, partner_a):
    known = anon_client.post(reverse("password_reset"), {"email": partner_a.email})
    mail.outbox.clear()

    unknown = anon_client.post(reverse("password_reset"), {"email": "nobody@example.test"})

    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert mail.outbox == []


# Roles --------------------------------------------------------------------------------------------


def _group_permissions() -> set[tuple[str, str]]:
    group = Group.objects.get(name=COORDINATOR_GROUP)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_coordinator_group_holds_exactly_the_listed_permissions():
    sync_coordinator_group()

    expected = set(coordinator_permission_codenames())
    assert _group_permissions() == expected
    assert ("partnerships", "view_partnership") in expected
    assert ("students", "add_placement") in expected
    # Coordinators never manage accounts or the lockout log: that stays with admins.
    assert not {app for app, _codename in expected} & {"accounts", "auth", "axes"}


def test_syncing_the_coordinator_group_is_idempotent_and_removes_extras():
    sync_coordinator_group()
    group = Group.objects.get(name=COORDINATOR_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="accounts", codename="delete_user"))

    sync_coordinator_group()
    sync_coordinator_group()

    assert Group.objects.filter(name=COORDINATOR_GROUP).count() == 1
    assert _group_permissions() == set(coordinator_permission_codenames())


def test_is_coordinator(coordinator, partner_a, admin_user):
    inactive = UserFactory(is_active=False)
    inactive.groups.add(Group.objects.get(name=COORDINATOR_GROUP))

    assert is_coordinator(coordinator)
    assert is_coordinator(admin_user)
    assert not is_coordinator(partner_a)
    assert not is_coordinator(inactive)
    assert not is_coordinator(AnonymousUser())


# AccessMiddleware: deny by default for staff pages ---------------------------------------------------


def _ok(request):
    return HttpResponse("reached the view")


def _through(middleware_class, path, user):
    request = RequestFactory().get(path)
    request.user = user
    return middleware_class(_ok)(request), request


def test_anonymous_user_on_a_staff_page_is_sent_to_login_with_next(anon_client):
    response = anon_client.get("/partnerships/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/partnerships/"


def test_anonymous_user_on_home_is_sent_to_login(anon_client):
    response = anon_client.get("/")

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_partner_on_home_goes_to_the_portal(partner_a_client):
    response = partner_a_client.get("/")

    assert response.status_code == 302
    assert response.url == "/portal/"


@pytest.mark.parametrize("path", ["/partnerships/", "/organizations/", "/partnerships/new/"])
def test_partner_on_a_staff_page_gets_404(partner_a_client, path):
    assert partner_a_client.get(path).status_code == 404


def test_partner_cannot_open_their_own_partnership_in_the_staff_ui(partner_a_client, business_a):
    partnership = PartnershipFactory(business=business_a)

    assert partner_a_client.get(reverse("partnerships:detail", args=[partnership.pk])).status_code == 404


def test_coordinator_passes_the_staff_guard(coordinator):
    response, _ = _through(AccessMiddleware, reverse("partnerships:list"), coordinator)

    assert response.content == b"reached the view"


def test_coordinator_reaches_the_partnership_list(coordinator_client):
    assert coordinator_client.get(reverse("partnerships:list")).status_code not in (302, 404)


def test_user_without_any_role_gets_404_on_a_staff_page():
    with pytest.raises(Http404):
        _through(AccessMiddleware, "/partnerships/", UserFactory())


@pytest.mark.parametrize("path", [LOGIN_URL, "/healthz", "/portal/", "/admin/", "/static/css/app.css", "/r/abc/"])
def test_staff_guard_leaves_self_guarded_prefixes_alone(path):
    response, _ = _through(AccessMiddleware, path, AnonymousUser())

    assert response.content == b"reached the view"


def test_portal_home_through_the_client_is_404_for_a_coordinator(coordinator_client):
    assert coordinator_client.get("/portal/").status_code == 404
