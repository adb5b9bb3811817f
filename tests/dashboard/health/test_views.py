"""The health pages: the help page, drawn from the one registry of factors, and a partnership's health with its
reasons, factor breakdown and trend, read from the daily snapshots. Coordinators only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from dashboard.health import services
from dashboard.health.factors import FACTORS
from dashboard.models import HealthSnapshot
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, PointOfContactFactory, active_partnership

pytestmark = pytest.mark.django_db


def test_the_help_page_explains_every_factor_with_its_weight(coordinator_client):
    response = coordinator_client.get(reverse("health:help"))
    assert response.status_code == 200
    for factor in FACTORS:
        assertContains(response, f'<tr id="factor-{factor.key}"><th scope="row">{factor.label}</th>', html=False)
        assertContains(response, f'<td class="text-end">{factor.weight}</td><td data-label="">', html=False)
        assertContains(response, escape(factor.explanation))
    assertContains(response, '<td class="text-end">100</td>')
    assertContains(response, "<strong>Needs attention</strong>: 0 to 49", html=True)


def test_a_partner_is_never_shown_the_help_page(partner_a_client):
    assert partner_a_client.get(reverse("health:help")).status_code == 404


def test_the_partnership_page_shows_the_score_its_reasons_linked_to_their_fixes_and_the_breakdown(
    coordinator_client,
):
    partnership = PartnershipFactory(name="Quiet Partners", status=Partnership.Status.ONBOARDING)
    PointOfContactFactory(partnership=partnership, side="school")
    services.health_snapshot(today=timezone.localdate())
    response = coordinator_client.get(reverse("health:partnership", args=[partnership.pk]))
    assert response.status_code == 200
    assertContains(response, '<h1 class="h3 mb-0 me-auto">Health of Quiet Partners</h1>', html=True)
    assertContains(response, '87<span class="visually-hidden"> out of 100</span> · Healthy')
    fix = reverse("partnerships:poc_add", args=[partnership.pk]) + "?side=business"
    assertContains(response, f'<a href="{fix}">Business point of contact vacant</a>', html=True)
    assertContains(response, '<td class="text-end text-nowrap">7 of 14</td>', html=True)
    assertContains(response, f'href="{reverse("health:help")}#factor-points_of_contact"')


def test_the_trend_shows_the_last_90_days_of_scores_oldest_to_newest(coordinator_client):
    partnership = active_partnership()
    today = timezone.localdate()
    for days_ago, score in ((120, 10), (89, 40), (30, 55), (0, 70)):
        HealthSnapshot.objects.create(partnership=partnership, date=today - datetime.timedelta(days_ago), score=score)
    response = coordinator_client.get(reverse("health:partnership", args=[partnership.pk]))
    assert [s.score for s in response.context["snapshots"]] == [40, 55, 70]
    assert response.context["spark"] == "0.0,36.0 198.9,27.0 300.0,18.0"  # placed by date
    assertContains(response, "Each day's score (3 days)")
    assertContains(response, f'aria-label="Score from 40 on {(today - datetime.timedelta(89)):%-d %b %Y} to 70')
    assertNotContains(response, ">10</td>")


def test_a_partnership_not_scored_yet_says_so_in_plain_words(coordinator_client):
    partnership = active_partnership()
    response = coordinator_client.get(reverse("health:partnership", args=[partnership.pk]))
    assertContains(response, "Not scored yet. Every open partnership is scored each morning")
    assertContains(response, "No daily scores yet")
    assertNotContains(response, "Points by factor")


def test_an_unknown_partnership_is_not_found(coordinator_client):
    assert coordinator_client.get(reverse("health:partnership", args=[987654])).status_code == 404


@pytest.mark.parametrize("days", [2, 60])
def test_the_partnership_page_uses_a_fixed_number_of_queries(days, coordinator_client, django_assert_num_queries):
    partnership = active_partnership()
    today = timezone.localdate()
    for n in range(days):
        services.health_snapshot(today=today - datetime.timedelta(days=n))
    # The frame's 4 (session, user, their permissions, unread notifications), the
    # partnership, its snapshots.
    with django_assert_num_queries(6):
        response = coordinator_client.get(reverse("health:partnership", args=[partnership.pk]))
    assert len(response.context["snapshots"]) == days


def test_the_help_page_uses_a_fixed_number_of_queries(coordinator_client, django_assert_num_queries):
    with django_assert_num_queries(4):  # the frame's, nothing more
        assert coordinator_client.get(reverse("health:help")).status_code == 200
