"""Sign-in lockout by client address (accounts/lockout.py, core/client_ip.py): one address guessing at many
accounts is locked for all of them; the address is the connection's own unless TRUSTED_PROXY_COUNT proxies
stand in front, and then it is the one the nearest trusted proxy saw, never one the client wrote itself."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from core.client_ip import ClientAddressAuditlogMiddleware, client_ip_from_meta
from tests.accounts.test_lockout import LOCKED, fail, log_in, signed_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"  # the compose nginx, as gunicorn sees it


@pytest.fixture
def address_limit(settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    return 8


def guess_many_accounts(client: Client, failures: int) -> None:
    for n in range(failures):
        log_in(client, f"guess{n}@example.test", "not-the-password")


def test_an_address_is_locked_after_more_failures_than_an_account():
    from django.conf import settings

    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 50 > settings.AXES_FAILURE_LIMIT


def test_wrong_passwords_for_many_accounts_lock_the_address_for_every_account(address_limit, partner_a):
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    guess_many_accounts(guesser, address_limit - 1)
    assert log_in(guesser, partner_a.email, PASSWORD).status_code == 302  # not yet: one short of the limit
    guesser.post(reverse("logout"))

    guess_many_accounts(guesser, 1)  # the sign-in above did not forgive the address's failures

    locked = log_in(guesser, partner_a.email, PASSWORD)
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    assert not signed_in(guesser)
    admin = Client(REMOTE_ADDR="198.51.100.7").post("/admin/login/", {"username": "x", "password": "y"})
    assert admin.status_code == 429  # the admin's sign-in too
    # Someone elsewhere signs in as usual.
    assert log_in(Client(REMOTE_ADDR="198.51.100.8"), partner_a.email, PASSWORD).status_code == 302


def test_a_forwarded_address_written_by_the_client_is_ignored_without_a_trusted_proxy(settings, partner_a):
    assert settings.TRUSTED_PROXY_COUNT == 0
    client = Client()
    for n in range(5):
        log_in_from = client.post(
            reverse("login"),
            {"username": partner_a.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert log_in_from.status_code == 429  # five different claimed addresses, one real one

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_one_proxy_two_clients_do_not_lock_each_other_out(settings, partner_a):
    settings.TRUSTED_PROXY_COUNT = 1
    # Each client may write whatever it likes on the left; the proxy appends the address it saw.
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.50, 203.0.113.7")
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.50, 203.0.113.8")

    *_, fifth = fail(attacker, partner_a.email, 5)
    assert fifth.status_code == 429

    assert log_in(colleague, partner_a.email, PASSWORD).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) <= {"203.0.113.7", "203.0.113.8"}
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7", failures_since_start=5).exists()


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("203.0.113.7", 0, "10.0.0.1"),  # no trusted proxy: the header is the client's word
        ("192.0.2.50, 203.0.113.7", 1, "203.0.113.7"),  # the right-most, added by our proxy
        ("192.0.2.50, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),  # district TLS proxy, then nginx
        ("203.0.113.7", 2, "10.0.0.1"),  # fewer addresses than proxies: it did not come through them
        ("", 1, "10.0.0.1"),
        ("192.0.2.50, not-an-address", 1, "10.0.0.1"),
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_right_of_the_trusted_proxies(forwarded, proxies, expected):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}

    assert client_ip_from_meta(meta, proxies) == expected


def test_the_audit_trail_records_the_same_client_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.50, 203.0.113.7")
    request.META["HTTP_X_FORWARDED_PORT"] = "1234"
    request.user = UserFactory()

    data = ClientAddressAuditlogMiddleware(lambda r: None).get_extra_data(request)

    assert data["remote_addr"] == "203.0.113.7"  # auditlog's own would say the client-written 192.0.2.50
    assert data["remote_port"] is None  # the client's word too
