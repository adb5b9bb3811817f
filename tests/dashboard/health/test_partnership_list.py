"""The partnership list shows each partnership's health and when it was last contacted, and sorts and filters by
both (partnerships/filters.py), from the columns the daily snapshot writes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from partnerships.models import Partnership
from tests.factories import PartnershipFactory, active_partnership

pytestmark = pytest.mark.django_db


def scored(name: str, score: int | None, contacted_days_ago: int | None = None) -> Partnership:
    partnership = active_partnership(name=name)
    moment = None if contacted_days_ago is None else timezone.now() - datetime.timedelta(days=contacted_days_ago)
    Partnership.objects.filter(pk=partnership.pk).update(
        health_score=score,
        health_as_of=timezone.localdate() if score is not None else None,
        last_contacted_at=moment,
    )
    return partnership


def names(response) -> list[str]:
    return [p.name for p in response.context["page"].object_list]


@pytest.fixture
def district():
    scored("Amber", 72, contacted_days_ago=40)
    scored("Birch", 35, contacted_days_ago=5)
    scored("Cedar", None)
    scored("Delta", 91, contacted_days_ago=120)
    scored("Elm", 50, contacted_days_ago=29)


def test_the_list_shows_the_score_with_its_date_and_the_last_contact(coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"))
    today = timezone.localdate()
    assertContains(
        response,
        '<span class="badge text-bg-danger">35<span class="visually-hidden"> out of 100</span> · Needs attention</span>'
        f' <span class="small text-body-secondary text-nowrap">as of {today.day} {today:%b %Y}</span>',
        html=True,
    )
    assertContains(response, '<span class="badge text-bg-light border">Not scored yet</span>', html=True)
    assertContains(response, "(5 days ago)")
    assertContains(response, "<td>Never</td>", html=True)


def test_sorting_by_health_puts_the_least_healthy_first_and_the_unscored_last(coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"), {"sort": "health"})
    assert names(response) == ["Birch", "Elm", "Amber", "Delta", "Cedar"]
    response = coordinator_client.get(reverse("partnerships:list"), {"sort": "-health"})
    assert names(response) == ["Delta", "Amber", "Elm", "Birch", "Cedar"]


def test_sorting_by_last_contacted_puts_the_never_contacted_first_then_the_longest_silent(coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"), {"sort": "contacted"})
    assert names(response) == ["Cedar", "Delta", "Amber", "Elm", "Birch"]
    response = coordinator_client.get(reverse("partnerships:list"), {"sort": "-contacted"})
    assert names(response) == ["Birch", "Elm", "Amber", "Delta", "Cedar"]


def test_the_health_column_header_sorts_and_says_which_way(coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"), {"sort": "health"})
    assertContains(
        response,
        '<th scope="col" aria-sort="ascending"><a class="link-dark" href="?sort=-health">Health ▲</a></th>',
        html=True,
    )


@pytest.mark.parametrize(
    ("band", "expected"),
    [("low", ["Birch"]), ("fair", ["Amber", "Elm"]), ("high", ["Delta"]), ("none", ["Cedar"])],
)
def test_filtering_by_score_band(band, expected, coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"), {"health": band})
    assert names(response) == expected


@pytest.mark.parametrize(
    ("contacted", "expected"),
    [("30", ["Birch", "Elm"]), ("90", ["Amber"]), ("over90", ["Cedar", "Delta"])],
)
def test_filtering_by_last_contacted(contacted, expected, coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"), {"contacted": contacted})
    assert names(response) == expected


def test_an_unknown_band_is_refused_in_words_and_the_list_stays(coordinator_client, district):
    response = coordinator_client.get(reverse("partnerships:list"), {"health": "purple"})
    assert response.status_code == 200
    assertContains(response, "Select a valid choice. purple is not one of the available choices.")


def test_the_health_filter_and_sort_combine_with_the_others(coordinator_client, district):
    PartnershipFactory(name="Fir", status=Partnership.Status.PROSPECT, health_score=20)
    response = coordinator_client.get(reverse("partnerships:list"), {"health": "low", "status": "active"})
    assert names(response) == ["Birch"]


@pytest.mark.parametrize("size", [3, 12])
def test_sorting_and_filtering_by_health_keep_the_list_at_a_fixed_number_of_queries(
    size, coordinator_client, django_assert_num_queries
):
    for i in range(size):
        scored(f"Partnership {i}", 30 + i, contacted_days_ago=100 + i)
    # As tests/test_query_counts.py pins the plain list: the frame's 4, the schools filter's, the count, the page.
    with django_assert_num_queries(7):
        response = coordinator_client.get(
            reverse("partnerships:list"), {"sort": "health", "health": "low", "contacted": "over90"}
        )
    assert response.status_code == 200
