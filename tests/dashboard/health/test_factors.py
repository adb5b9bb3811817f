"""Each factor of the health score: the points it gives when all is well, the points lost and the reason, in
words and with the address of the page that fixes it, when it is not. Computed through the selectors, as the
daily snapshot computes it, so the gathering of each fact is tested with its factor."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.health.factors import FACTORS, FACTORS_BY_KEY, Health, Reason, commitment_is_behind
from dashboard.health.selectors import open_partnership_health
from partnerships.models import Commitment, Partnership
from safety.models import SafetyProtocol
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    CheckInFactory,
    CommitmentDeliveryFactory,
    CommitmentFactory,
    CoordinatorFactory,
    EvaluationFactory,
    FeedbackResponseFactory,
    GradingPeriodFactory,
    PartnershipFactory,
    PlacementFactory,
    PointOfContactFactory,
    ProtocolAcknowledgmentFactory,
    RatingFactory,
    SafetyProtocolFactory,
    SiteVisitFactory,
    SuccessStoryFactory,
    ThankYouNoteFactory,
    _days_ago,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def health_of(partnership: Partnership, today: datetime.date | None = None) -> Health:
    today = today or timezone.localdate()
    return next(h for h in open_partnership_health(today) if h.pk == partnership.pk)


def factor(partnership: Partnership, key: str, today: datetime.date | None = None):
    return health_of(partnership, today).results[key]


def weight(key: str) -> int:
    return FACTORS_BY_KEY[key].weight


def contacted(partnership: Partnership, days_ago: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Partnership.objects.filter(pk=partnership.pk).update(last_contacted_at=moment)


def test_the_weights_sum_to_100():
    assert sum(f.weight for f in FACTORS) == 100
    assert len({f.key for f in FACTORS}) == len(FACTORS)


def test_the_score_is_the_sum_of_the_factors_points():
    partnership = active_partnership()
    health = health_of(partnership)
    assert health.score == sum(result.points for result in health.results.values())
    assert set(health.results) == set(FACTORS_BY_KEY)


# Contact against the cadence ----------------------------------------------------------------------


def test_a_partner_contacted_within_the_cadence_keeps_every_contact_point():
    partnership = active_partnership()
    contacted(partnership, 10)
    assert factor(partnership, "contact").points == weight("contact")
    assert factor(partnership, "contact").reasons == ()


def test_a_partner_silent_past_the_cadence_loses_half_and_says_for_how_long():
    partnership = active_partnership()
    contacted(partnership, 45)
    result = factor(partnership, "contact")
    assert result.points == weight("contact") // 2
    log = reverse("communications:log_create") + f"?partnership={partnership.pk}"
    assert result.reasons == (Reason("no contact in 45 days", log),)


def test_a_partner_silent_past_twice_the_cadence_loses_every_contact_point():
    partnership = active_partnership()
    contacted(partnership, 61)
    assert factor(partnership, "contact").points == 0


def test_a_partnership_never_contacted_counts_its_silence_from_its_start():
    partnership = active_partnership(start_date=_days_ago(50))
    result = factor(partnership, "contact")
    assert result.points == weight("contact") // 2
    assert result.reasons[0].text == "never contacted in 50 days"


def test_a_prospect_is_not_expected_to_be_in_touch_yet():
    partnership = PartnershipFactory(status=Partnership.Status.PROSPECT)
    assert factor(partnership, "contact", timezone.localdate() + datetime.timedelta(days=200)).points == weight(
        "contact"
    )


# Check-ins and site visits ------------------------------------------------------------------------


def test_a_partnership_without_active_placements_keeps_its_schedule_points():
    partnership = active_partnership()
    GradingPeriodFactory()
    assert factor(partnership, "schedule").points == weight("schedule")


def test_check_ins_and_visits_on_schedule_keep_every_point():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    CheckInFactory(placement=placement)
    GradingPeriodFactory()
    SiteVisitFactory(partnership=placement.partnership, placements=[placement])
    result = factor(placement.partnership, "schedule")
    assert result.points == weight("schedule")
    assert result.reasons == ()


def test_an_overdue_check_in_costs_the_check_in_points_and_links_to_recording_it():
    placement = PlacementFactory(status=Placement.Status.ACTIVE, start_date=_days_ago(20))  # due every 14 days
    result = factor(placement.partnership, "schedule")
    assert result.points == weight("schedule") // 3  # the visits' third; no grading period, no visit due
    record = reverse("safety:check_in_create") + f"?placement={placement.pk}"
    assert result.reasons == (Reason("check-in overdue on 1 of 1 placements", record),)


def test_several_overdue_check_ins_link_to_the_safety_page_that_lists_them():
    partnership = active_partnership()
    for _ in range(2):
        PlacementFactory(partnership=partnership, status=Placement.Status.ACTIVE, start_date=_days_ago(20))
    CheckInFactory(placement=PlacementFactory(partnership=partnership, status=Placement.Status.ACTIVE))
    result = factor(partnership, "schedule")
    assert result.reasons == (Reason("check-in overdue on 2 of 3 placements", reverse("safety:dashboard")),)
    assert result.points == weight("schedule") - round(10 * 2 / 3)


def test_a_site_visit_due_this_grading_period_costs_the_visit_points_and_links_to_scheduling_one():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    CheckInFactory(placement=placement)
    GradingPeriodFactory(name="Quarter 2")
    result = factor(placement.partnership, "schedule")
    assert result.points == weight("schedule") - weight("schedule") // 3
    schedule = reverse("safety:visit_create") + f"?partnership={placement.partnership.pk}"
    assert result.reasons == (Reason("site visit due this grading period (Quarter 2)", schedule),)


# Commitments ------------------------------------------------------------------------------------------


def test_commitments_on_track_keep_every_point():
    partnership = active_partnership()
    CommitmentFactory(partnership=partnership, status=Commitment.Status.FULFILLED)
    CommitmentFactory(partnership=partnership, status=Commitment.Status.IN_PROGRESS)
    assert factor(partnership, "commitments").points == weight("commitments")


def test_commitments_behind_cost_their_share_and_link_to_the_commitments():
    partnership = active_partnership()
    CommitmentFactory(partnership=partnership, status=Commitment.Status.MISSED)
    CommitmentFactory(partnership=partnership, period_start=_days_ago(90), period_end=_days_ago(1))
    CommitmentFactory(partnership=partnership, status=Commitment.Status.FULFILLED)
    CommitmentFactory(partnership=partnership, status=Commitment.Status.CANCELLED)  # not counted
    result = factor(partnership, "commitments")
    assert result.points == 5  # 15 less two thirds of it
    url = reverse("partnerships:detail", args=[partnership.pk]) + "#commitments"
    assert result.reasons == (Reason("2 of 3 commitments behind", url),)


def test_a_one_off_commitment_is_behind_when_less_was_given_than_the_time_passed():
    partnership = active_partnership()
    behind = CommitmentFactory(
        partnership=partnership, amount=Decimal("10"), period_start=_days_ago(50), period_end=_days_ago(-49)
    )
    CommitmentDeliveryFactory(commitment=behind, amount=Decimal("2"))
    on_time = CommitmentFactory(
        partnership=partnership, amount=Decimal("10"), period_start=_days_ago(50), period_end=_days_ago(-49)
    )
    CommitmentDeliveryFactory(commitment=on_time, amount=Decimal("6"))
    assert factor(partnership, "commitments").reasons[0].text == "1 of 2 commitments behind"


def test_a_recurring_commitment_is_behind_only_once_its_period_is_over():
    today = datetime.date(2026, 6, 1)
    common = {"amount": Decimal("10"), "delivered": Decimal("0"), "today": today}
    running = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 12, 31)}
    assert not commitment_is_behind(status="in_progress", cadence="weekly", **running, **common)
    assert commitment_is_behind(status="in_progress", cadence="once", **running, **common)
    over = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 5, 31)}
    assert commitment_is_behind(status="in_progress", cadence="weekly", **over, **common)
    assert not commitment_is_behind(status="fulfilled", cadence="once", **over, **common)


# Evaluations and surveys -----------------------------------------------------------------------------


def test_no_feedback_yet_costs_nothing():
    assert factor(active_partnership(), "feedback").points == weight("feedback")


def test_good_evaluations_and_surveys_keep_every_point():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    RatingFactory(evaluation__placement=placement, score=3)
    FeedbackResponseFactory(request__partnership=placement.partnership, communication=4, organization=4, value=4)
    result = factor(placement.partnership, "feedback")
    assert result.points == weight("feedback")
    assert result.reasons == ()


def test_low_evaluations_cost_points_and_link_to_the_alignment_page():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    RatingFactory(evaluation__placement=placement, score=2)
    result = factor(placement.partnership, "feedback")
    assert result.points == weight("feedback") // 2
    url = reverse("students:partnership_alignment", args=[placement.partnership.pk])
    assert result.reasons == (Reason("evaluations average 2.0 of 4", url),)


def test_low_surveys_cost_points_and_link_to_the_partnerships_surveys():
    partnership = active_partnership()
    FeedbackResponseFactory(request__partnership=partnership, communication=2, organization=3, value=2)
    FeedbackResponseFactory(request__partnership=partnership, communication=3, organization=3, value=2)
    result = factor(partnership, "feedback")
    assert result.points == weight("feedback") // 2
    url = reverse("communications:feedback_list") + f"?partnership={partnership.pk}"
    assert result.reasons == (Reason("surveys average 2.5 of 5", url),)


def test_evaluations_older_than_a_year_no_longer_count():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    evaluation = EvaluationFactory(placement=placement, submitted_at=timezone.now() - datetime.timedelta(days=400))
    RatingFactory(evaluation=evaluation, score=1)
    assert factor(placement.partnership, "feedback").points == weight("feedback")


# Points of contact -------------------------------------------------------------------------------------


def test_primaries_on_both_sides_keep_every_point():
    assert factor(active_partnership(), "points_of_contact").points == weight("points_of_contact")


def test_a_vacant_business_side_costs_half_and_links_to_naming_one():
    partnership = PartnershipFactory(status=Partnership.Status.ONBOARDING)
    PointOfContactFactory(partnership=partnership, side="school")
    result = factor(partnership, "points_of_contact")
    assert result.points == weight("points_of_contact") // 2
    url = reverse("partnerships:poc_add", args=[partnership.pk]) + "?side=business"
    assert result.reasons == (Reason("business point of contact vacant", url),)


def test_both_sides_vacant_cost_every_point():
    partnership = PartnershipFactory(status=Partnership.Status.ONBOARDING)
    result = factor(partnership, "points_of_contact")
    assert result.points == 0
    assert [r.text for r in result.reasons] == ["school point of contact vacant", "business point of contact vacant"]


# Safety compliance ---------------------------------------------------------------------------------


def test_cleared_people_and_acknowledged_protocols_keep_every_point():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    BackgroundCheckFactory(contact=placement.mentor)
    protocol = SafetyProtocolFactory(effective_on=_days_ago(30))
    ProtocolAcknowledgmentFactory(organization=placement.partnership.business, protocol=protocol)
    result = factor(placement.partnership, "safety")
    assert result.points == weight("safety")
    assert result.reasons == ()


def test_a_mentor_without_a_cleared_check_costs_the_check_points_and_links_to_recording_one():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    result = factor(placement.partnership, "safety")
    assert result.points == weight("safety") - weight("safety") // 2
    url = reverse("safety:check_create") + f"?contact={placement.mentor.pk}"
    assert result.reasons == (Reason("1 placement without a background check cleared through its end", url),)


def test_a_protocol_left_unacknowledged_past_the_grace_week_costs_the_protocol_points():
    partnership = active_partnership()
    SafetyProtocolFactory(effective_on=_days_ago(10))
    SafetyProtocolFactory(effective_on=timezone.localdate())  # still in its week of grace
    result = factor(partnership, "safety")
    assert result.points == weight("safety") // 2
    text = f"1 of 1 safety protocols not acknowledged by {partnership.business.name}"
    assert result.reasons == (Reason(text, reverse("safety:protocol_list")),)


def test_only_the_current_version_of_a_protocol_is_asked_for():
    partnership = active_partnership()
    old = SafetyProtocolFactory(key="supervision", version=1, effective_on=_days_ago(100))
    ProtocolAcknowledgmentFactory(organization=partnership.business, protocol=old)
    SafetyProtocolFactory(key="supervision", version=2, effective_on=_days_ago(20))
    assert SafetyProtocol.objects.current().count() == 1
    assert factor(partnership, "safety").reasons[0].text.startswith("1 of 1 safety protocols")


# Acknowledgments ------------------------------------------------------------------------------------


def test_an_acknowledged_charter_keeps_every_point():
    partnership = active_partnership()
    CharterFactory(partnership=partnership, acknowledged_at=timezone.now(), acknowledged_by=CoordinatorFactory())
    assert factor(partnership, "acknowledgments").points == weight("acknowledgments")


def test_a_new_charter_version_has_a_week_to_be_acknowledged():
    partnership = active_partnership()
    CharterFactory(partnership=partnership, created_at=timezone.now() - datetime.timedelta(days=3))
    assert factor(partnership, "acknowledgments").points == weight("acknowledgments")


def test_a_charter_waiting_past_the_week_costs_every_point_and_links_to_its_version():
    partnership = active_partnership()
    CharterFactory(partnership=partnership, created_at=timezone.now() - datetime.timedelta(days=10))
    result = factor(partnership, "acknowledgments")
    assert result.points == 0
    url = reverse("partnerships:charter_version", args=[partnership.pk, 1])
    assert result.reasons == (Reason(f"charter version 1 not acknowledged by {partnership.business.name}", url),)


def test_a_partnership_under_way_without_a_charter_is_asked_to_write_one():
    partnership = active_partnership()
    result = factor(partnership, "acknowledgments")
    assert result.points == 0
    assert result.reasons == (
        Reason("no charter written yet", reverse("partnerships:charter_edit", args=[partnership.pk])),
    )


# Thanks ---------------------------------------------------------------------------------------------


def test_a_partner_thanked_recently_keeps_every_point():
    partnership = active_partnership(start_date=_days_ago(400))
    ThankYouNoteFactory(
        partnership=partnership,
        status="approved",
        body="Thank you!",
        reviewed_at=timezone.now() - datetime.timedelta(days=20),
    )
    assert factor(partnership, "thanks").points == weight("thanks")


def test_a_published_story_counts_as_thanks():
    partnership = active_partnership(start_date=_days_ago(400))
    SuccessStoryFactory(
        partnership=partnership,
        status="published",
        approved_by=CoordinatorFactory(),
        approved_at=timezone.now(),
        publish_on=_days_ago(5),
    )
    assert factor(partnership, "thanks").points == weight("thanks")


def test_a_partner_last_thanked_long_ago_loses_half_and_links_to_a_new_note():
    partnership = active_partnership(start_date=_days_ago(400))
    ThankYouNoteFactory(
        partnership=partnership,
        status="approved",
        body="Thanks",
        reviewed_at=timezone.now() - datetime.timedelta(days=200),
    )
    result = factor(partnership, "thanks")
    assert result.points == weight("thanks") // 2
    url = reverse("communications:thanks_create") + f"?partnership={partnership.pk}"
    assert result.reasons == (Reason("not thanked in 200 days", url),)


def test_a_partner_never_thanked_in_over_a_year_loses_every_thanks_point():
    partnership = active_partnership(start_date=_days_ago(400))
    ThankYouNoteFactory(partnership=partnership, status="prompted")  # asked for, not written: not thanks yet
    result = factor(partnership, "thanks")
    assert result.points == 0
    assert result.reasons[0].text == "not thanked yet in 400 days"


def test_a_partnership_not_started_is_not_expected_to_have_been_thanked():
    partnership = PartnershipFactory(status=Partnership.Status.ONBOARDING)
    assert factor(partnership, "thanks", timezone.localdate() + datetime.timedelta(days=500)).points == weight("thanks")


# Reasons --------------------------------------------------------------------------------------------


def test_the_reasons_come_the_most_costly_first():
    partnership = PartnershipFactory(status=Partnership.Status.ONBOARDING)  # no charter (6), no business primary (7)
    PointOfContactFactory(partnership=partnership, side="school")
    texts = [reason.text for reason in health_of(partnership).reasons]
    assert texts == ["business point of contact vacant", "no charter written yet"]


def test_the_help_pages_words_follow_the_weights():
    assert FACTORS_BY_KEY["schedule"].explanation.startswith("10 points for check-ins")
    assert "; 5 for site visits" in FACTORS_BY_KEY["schedule"].explanation
    assert FACTORS_BY_KEY["points_of_contact"].explanation.startswith("7 points for a current primary")
