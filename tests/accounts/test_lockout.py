"""Sign-in lockout (django-axes, config/settings.py and accounts/lockout.py): five wrong passwords pause an
account for fifteen minutes, a success starts the count again, and an unknown address gets exactly the same
answers as a known one, so nobody learns which accounts exist."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
LOCKED = (
    "Sign-in is paused after several wrong passwords, for this account or from this network. Try again in 15 minutes"
)


def log_in(client: Client, email: str, password: str):
    return client.post(LOGIN, {"username": email, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail(client: Client, email: str, times: int):
    return [log_in(client, email, "not-the-password") for _ in range(times)]


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_the_limits_are_five_failures_and_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(hours=settings.AXES_COOLOFF_TIME) == datetime.timedelta(minutes=15)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(clock, partner_a):
    client = Client()
    *before, fifth = fail(client, partner_a.email, 5)
    assert [response.status_code for response in before] == [200] * 4
    assert fifth.status_code == 429

    clock.shift(datetime.timedelta(minutes=14, seconds=59))
    locked = log_in(Client(), partner_a.email, PASSWORD)  # the right password, from another browser too
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()

    # An attempt during the lockout counts as one more failure: the 15 minutes start again from it
    # (django-axes' AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT, left at its default).
    clock.shift(datetime.timedelta(minutes=14, seconds=59))
    assert log_in(client, partner_a.email, PASSWORD).status_code == 429
    assert not signed_in(client)

    clock.shift(datetime.timedelta(minutes=15, seconds=1))
    response = log_in(client, partner_a.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_four_wrong_passwords_do_not_lock(partner_a):
    client = Client()
    fail(client, partner_a.email, 4)

    assert log_in(client, partner_a.email, PASSWORD).status_code == 302


def test_a_successful_sign_in_starts_the_count_again(partner_a):
    client = Client()
    fail(client, partner_a.email, 4)
    assert log_in(client, partner_a.email, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    fail(client, partner_a.email, 4)  # eight failures in all, but never five in a row

    assert log_in(client, partner_a.email, PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_unknown_address_gets_the_same_answers_as_a_known_one(partner_a):
    known, unknown = Client(), Client()
    known_answers = fail(known, partner_a.email, 5)
    unknown_answers = fail(unknown, "nobody.here@example.test", 5)

    for known_answer, unknown_answer in zip(known_answers, unknown_answers, strict=True):
        assert known_answer.status_code == unknown_answer.status_code
    wrong_known, wrong_unknown = known_answers[0].context["form"], unknown_answers[0].context["form"]
    assert wrong_known.non_field_errors() == wrong_unknown.non_field_errors()
    assert wrong_known.non_field_errors()  # a message is shown, the same one

    locked_known = log_in(known, partner_a.email, PASSWORD)
    locked_unknown = log_in(unknown, "nobody.here@example.test", PASSWORD)
    assert locked_known.status_code == locked_unknown.status_code == 429
    assert locked_known.content == locked_unknown.content
    assert LOCKED in locked_unknown.content.decode()
