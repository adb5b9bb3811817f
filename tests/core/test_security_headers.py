"""SecurityHeadersMiddleware: Permissions-Policy on every response; `Cache-Control: no-store` on HTML, CSV
and calendar responses to a signed-in person unless the view chose its own caching."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from communications.calendar import services

pytestmark = pytest.mark.django_db


def test_every_response_turns_off_browser_features_no_page_uses():
    policy = Client().get("/accounts/login/")["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_referrer_policy_stays_same_origin():
    assert Client().get("/accounts/login/")["Referrer-Policy"] == "same-origin"


def test_pages_for_a_signed_in_person_are_not_stored(coordinator_client):
    response = coordinator_client.get("/students/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_csv_exports_for_a_signed_in_person_are_not_stored(coordinator_client):
    response = coordinator_client.get(reverse("exports:export", args=["partnerships"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content)  # the file still arrives


def test_anonymous_responses_keep_their_caching():
    response = Client().get("/students/")  # to the login page

    assert response.status_code == 302
    assert "Cache-Control" not in response.headers


def test_a_view_that_sets_its_own_caching_keeps_it(coordinator, coordinator_client):
    """The calendar feed says `private, max-age=…` itself (calendar apps poll it), even in a signed-in browser."""
    token = services.calendar_feed_create(user=coordinator, by=coordinator)

    response = coordinator_client.get(reverse("calendar:feed", args=[token]))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private, max-age=")
    assert "no-store" not in response["Cache-Control"]
