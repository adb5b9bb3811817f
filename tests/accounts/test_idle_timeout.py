"""IdleTimeoutMiddleware: a signed-in person whose previous request is older than SESSION_IDLE_MINUTES is
signed out, told why, and sent back where they were going after signing in; the last-seen time is written at
most once a minute."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts.middleware import LAST_SEEN, SEEN_RESOLUTION
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

PAGE = "/students/"


def _age(client: Client, seconds: float) -> None:
    session = client.session
    session[LAST_SEEN] = time.time() - seconds
    session.save()


def test_a_coordinator_idle_too_long_is_signed_out_and_told_why(coordinator_client, coordinator, settings):
    assert coordinator_client.get(PAGE).status_code == 200
    _age(coordinator_client, settings.SESSION_IDLE_MINUTES * 60 + 5)

    response = coordinator_client.get(PAGE)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={PAGE}"
    assert "_auth_user_id" not in coordinator_client.session
    login = coordinator_client.get(response.url)
    assert "You were signed out after 30 minutes without activity. Please sign in again." in login.content.decode()

    signed_in = coordinator_client.post(response.url, {"username": coordinator.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in.url == PAGE


def test_a_coordinator_active_within_the_limit_stays_signed_in(coordinator_client, settings):
    coordinator_client.get(PAGE)
    _age(coordinator_client, settings.SESSION_IDLE_MINUTES * 60 - 60)

    assert coordinator_client.get(PAGE).status_code == 200
    assert time.time() - coordinator_client.session[LAST_SEEN] < 5  # the clock restarted


def test_the_limit_is_a_setting(coordinator_client, settings):
    settings.SESSION_IDLE_MINUTES = 5
    coordinator_client.get(PAGE)
    _age(coordinator_client, 6 * 60)

    response = coordinator_client.get(PAGE)

    assert response.status_code == 302
    assert "after 5 minutes" in coordinator_client.get(response.url).content.decode()


def test_the_last_seen_time_is_written_at_most_once_a_minute(coordinator_client):
    coordinator_client.get(PAGE)
    first = coordinator_client.session[LAST_SEEN]
    _age(coordinator_client, 0)  # a fresh stamp
    stamped = coordinator_client.session[LAST_SEEN]

    response = coordinator_client.get(PAGE)

    assert first > 0
    assert coordinator_client.session[LAST_SEEN] == stamped
    assert not response.wsgi_request.session.modified  # nothing to save

    _age(coordinator_client, SEEN_RESOLUTION + 1)
    response = coordinator_client.get(PAGE)
    assert response.wsgi_request.session.modified
    assert time.time() - coordinator_client.session[LAST_SEEN] < 5


def test_anonymous_requests_are_left_alone():
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert LAST_SEEN not in response.wsgi_request.session


def test_signing_in_starts_the_idle_clock_so_the_first_page_writes_no_session(coordinator, django_assert_num_queries):
    client = Client()
    before = time.time()
    assert client.post("/accounts/login/", {"username": coordinator.email, "password": PASSWORD}).status_code == 302
    assert client.session[LAST_SEEN] >= before
    with django_assert_num_queries(4):  # session, user, permissions, unread notifications: no session write
        assert client.get(reverse("health:help")).status_code == 200
