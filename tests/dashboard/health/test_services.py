"""The daily snapshot: one row per open partnership and day however often it runs, the partnership's columns
written with it, and a number of queries that does not grow with the district."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from dashboard.health import services, tasks
from dashboard.health.factors import FACTORS_BY_KEY
from dashboard.models import HealthSnapshot
from partnerships.models import Partnership
from students.models import Placement
from tests.factories import (
    CharterFactory,
    CheckInFactory,
    CommitmentDeliveryFactory,
    FeedbackResponseFactory,
    GradingPeriodFactory,
    PartnershipFactory,
    PlacementFactory,
    RatingFactory,
    SafetyProtocolFactory,
    SuccessStoryFactory,
    ThankYouNoteFactory,
    _days_ago,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def test_a_snapshot_scores_each_open_partnership_and_writes_its_columns():
    today = timezone.localdate()
    partnership = PartnershipFactory(status=Partnership.Status.ONBOARDING)  # nobody named on either side
    assert services.health_snapshot(today=today) == 1
    snapshot = HealthSnapshot.objects.get()
    partnership.refresh_from_db()
    assert (snapshot.partnership, snapshot.date) == (partnership, today)
    assert partnership.health_score == snapshot.score == 100 - 14 - 6
    assert partnership.health_as_of == today
    assert [r["text"] for r in partnership.health_reasons] == [
        "school point of contact vacant",
        "business point of contact vacant",
        "no charter written yet",
    ]
    assert snapshot.factors["points_of_contact"] == {
        "points": 0,
        "weight": FACTORS_BY_KEY["points_of_contact"].weight,
        "reasons": partnership.health_reasons[:2],
    }


def test_running_twice_in_a_day_leaves_one_row_brought_up_to_date():
    today = timezone.localdate()
    partnership = active_partnership()
    services.health_snapshot(today=today)
    before = HealthSnapshot.objects.get().score
    CharterFactory(partnership=partnership)  # the charter written later that day
    services.health_snapshot(today=today)
    snapshot = HealthSnapshot.objects.get()
    assert snapshot.score == before + FACTORS_BY_KEY["acknowledgments"].weight
    partnership.refresh_from_db()
    assert partnership.health_score == snapshot.score


def test_each_day_keeps_its_own_row():
    partnership = active_partnership()
    today = timezone.localdate()
    services.health_snapshot(today=today - datetime.timedelta(days=1))
    services.health_snapshot(today=today)
    assert list(partnership.health_snapshots.values_list("date", flat=True)) == [today, today - datetime.timedelta(1)]


def test_an_ended_partnership_is_not_scored_and_keeps_its_last_score():
    partnership = PartnershipFactory(
        status=Partnership.Status.ENDED, start_date=_days_ago(100), end_date=_days_ago(1), health_score=64
    )
    assert services.health_snapshot(today=timezone.localdate()) == 0
    partnership.refresh_from_db()
    assert partnership.health_score == 64
    assert not HealthSnapshot.objects.exists()


def build(size: int) -> None:
    """`size` partnerships with one of everything each factor reads."""
    GradingPeriodFactory()
    SafetyProtocolFactory(effective_on=_days_ago(30))
    for _ in range(size):
        placement = PlacementFactory(status=Placement.Status.ACTIVE, start_date=_days_ago(20))
        partnership = placement.partnership
        CheckInFactory(placement=PlacementFactory(partnership=partnership, status=Placement.Status.ACTIVE))
        CharterFactory(partnership=partnership)
        CommitmentDeliveryFactory(commitment__partnership=partnership)
        RatingFactory(evaluation__placement=placement, score=2)
        FeedbackResponseFactory(request__partnership=partnership)
        ThankYouNoteFactory(partnership=partnership, status="approved", body="Thanks", reviewed_at=timezone.now())
        SuccessStoryFactory(partnership=partnership)
        PartnershipFactory(status=Partnership.Status.ONBOARDING)


@pytest.mark.parametrize("size", [3, 12])
def test_the_snapshot_uses_the_same_number_of_queries_for_a_small_and_a_larger_district(
    size, django_assert_num_queries
):
    build(size)
    # Reads: the policy, the partnerships, active placements, overdue check-ins (2: the cadences in use), the
    # grading period and the sites due a visit, commitments, ratings, surveys, lapsing checks, protocols (2),
    # charters, notes and stories. Writes: the transaction's savepoint, the snapshots, the partnerships.
    with django_assert_num_queries(20):
        assert services.health_snapshot(today=timezone.localdate()) == 2 * size


def test_the_task_scores_today():
    partnership = active_partnership()
    assert tasks.snapshot_health() == 1
    partnership.refresh_from_db()
    assert partnership.health_as_of == timezone.localdate()


def test_the_command_scores_a_given_day_and_says_so():
    active_partnership()
    out = StringIO()
    call_command("snapshot_health", "--date", "2026-11-30", stdout=out)
    assert out.getvalue().strip() == "Scored the health of 1 open partnership for 2026-11-30."
    assert HealthSnapshot.objects.get().date == datetime.date(2026, 11, 30)


def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError, match="is not a date"):
        call_command("snapshot_health", "--date", "30/11/2026")
