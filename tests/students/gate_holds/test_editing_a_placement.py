"""The readiness gate keeps holding when a placement under way is edited: refused in the gate's words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from safety.models import SafetyPolicy
from students import readiness, services
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    SafetyPolicyFactory,
    ready_placement,
)
from tests.form_data import versioned
from tests.students.gate_holds.helpers import (
    NOT_SAVED,
    Status,
    days_from_today,
    refused,
    running,
    text,
    uncleared,
    words_at_activation,
)

pytestmark = pytest.mark.django_db


# Hole 1: editing a placement under way ---------------------------------------------------------------


def test_naming_a_mentor_without_a_cleared_check_on_an_active_placement_is_refused_in_the_gates_words():
    placement = running()
    mentor, newcomer = placement.mentor, uncleared(placement)

    refusal = refused(lambda: services.placement_update(placement=placement, by=None, mentor=newcomer))

    assert refusal.messages == [NOT_SAVED, "Mentor Una Cleared has no background check."]
    assert refusal.messages[1:] == words_at_activation(Placement.objects.get(pk=placement.pk), mentor=newcomer)
    (fix,) = refusal.fixes
    assert fix.url.startswith(reverse("safety:check_create") + f"?contact={newcomer.pk}")
    assert fix.label == "Record a check"
    placement.refresh_from_db()
    assert (placement.mentor, placement.status) == (mentor, Status.ACTIVE)


def test_moving_the_end_past_the_mentors_clearance_is_refused():
    placement = running()
    expiry = placement.mentor.background_checks.get().expires_on
    later = expiry + datetime.timedelta(days=365 * 3)

    refusal = refused(lambda: services.placement_update(placement=placement, by=None, end_date=later))

    assert refusal.messages == [
        NOT_SAVED,
        f"Mentor {placement.mentor.full_name}'s background check expires on {expiry:%d %b %Y}, before the "
        f"placement ends on {later:%d %b %Y}.",
    ]
    placement.refresh_from_db()
    assert placement.end_date < later


def test_adding_other_staff_without_a_check_is_refused_when_the_policy_asks_for_everyone():
    SafetyPolicyFactory(checks_required_for=SafetyPolicy.ChecksFor.EVERYONE)
    placement = running()
    helper = uncleared(placement)

    refusal = refused(lambda: services.placement_update(placement=placement, by=None, other_staff=[helper]))

    assert refusal.messages == [NOT_SAVED, "Staff member Una Cleared has no background check."]
    assert not placement.other_staff.exists()


def test_a_paused_placement_is_kept_ready_too():
    placement = running()
    services.placement_transition(placement=placement, to_status=Status.PAUSED, by=None)

    refusal = refused(lambda: services.placement_update(placement=placement, by=None, mentor=uncleared(placement)))

    assert refusal.messages == [
        "Not saved: this placement is paused, and the change would fail its checklist.",
        "Mentor Una Cleared has no background check.",
    ]


def test_a_placement_under_way_cannot_lose_its_mentor_whatever_writes_it():
    placement = running()

    with pytest.raises(ValidationError) as error:
        services.placement_update(placement=placement, by=None, mentor=None)

    assert error.value.messages == ["No mentor is named: a placement under way keeps one. Name another mentor."]
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(mentor=None)


def test_a_placement_not_started_yet_may_change_freely_and_is_checked_when_it_starts():
    placement = ready_placement()
    newcomer = uncleared(placement)

    services.placement_update(placement=placement, by=None, mentor=newcomer)

    assert Placement.objects.get(pk=placement.pk).mentor == newcomer


def test_a_change_that_keeps_the_gate_is_saved():
    placement = running()
    cleared = BackgroundCheckFactory(contact=uncleared(placement), expires_on=days_from_today(800)).contact

    services.placement_update(placement=placement, by=None, mentor=cleared, days="Mon, Wed", notes="Swapped mentors.")

    placement.refresh_from_db()
    assert (placement.mentor, placement.days) == (cleared, "Mon, Wed")


def test_what_time_did_is_no_reason_to_refuse_an_unrelated_change():
    """The end date passed while it ran (time, flagged): changing the days adds no new failure."""
    placement = running()
    Placement.objects.filter(pk=placement.pk).update(end_date=days_from_today(-1))
    placement.refresh_from_db()
    assert readiness.problems(placement) == ["The placement's end date has passed."]

    services.placement_update(placement=placement, by=None, days="Fri")

    assert Placement.objects.get(pk=placement.pk).days == "Fri"


def test_the_edit_page_shows_the_refusal_with_its_links_and_keeps_what_was_typed(coordinator_client):
    placement = running()
    newcomer = uncleared(placement)
    data = {
        "kind": placement.kind,
        "mentor": newcomer.pk,
        "start_date": placement.start_date.isoformat(),
        "end_date": placement.end_date.isoformat(),
        "days": "Mon only",
        "hours_per_week": "6",
    }

    response = coordinator_client.post(
        reverse("students:placement_edit", args=[placement.pk]), versioned(placement, data)
    )

    assert response.status_code == 200
    page = text(response)
    assert NOT_SAVED in page
    link = reverse("safety:check_create") + f"?contact={newcomer.pk}"
    assert '<li>Mentor Una Cleared has no background check. <a class="alert-link" href="' + link in page
    assert 'value="Mon only"' in page  # what the coordinator typed is still there
    assert "Placement saved." not in page
    placement.refresh_from_db()
    assert (placement.mentor_id, placement.days) != (newcomer.pk, "Mon only")
