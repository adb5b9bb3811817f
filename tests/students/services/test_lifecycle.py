"""students/services.py: a placement's lifecycle, through the readiness gate."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from students import services
from students.models import Placement, PlacementStatusChange
from tests.factories import (
    ready_placement,
)
from tests.helpers import messages
from tests.students.services.helpers import Status, placement_in

pytestmark = pytest.mark.django_db


# The lifecycle ---------------------------------------------------------------------------------------


# Written out here rather than read from Placement.TRANSITIONS, so a change to the model shows up as a failure.
CAN_BECOME = {
    "proposed": ["approved", "cancelled"],
    "approved": ["active", "proposed", "cancelled"],
    "active": ["paused", "completed", "cancelled"],
    "paused": ["active", "completed", "cancelled"],
    "completed": [],
    "cancelled": [],
}


ALL_PAIRS = [(source, target) for source in CAN_BECOME for target in CAN_BECOME]


ALLOWED = [(source, target) for source, target in ALL_PAIRS if target in CAN_BECOME[source]]


REFUSED = [(source, target) for source, target in ALL_PAIRS if target not in CAN_BECOME[source]]


def test_every_pair_of_statuses_is_either_allowed_or_refused():
    assert len(ALLOWED) == 11
    assert len(ALL_PAIRS) == len(Status.values) ** 2 == 36
    assert {s for pair in ALL_PAIRS for s in pair} == set(Status.values)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_an_allowed_transition_moves_the_placement_and_records_who_and_why(source, target, coordinator):
    placement = placement_in(source)

    services.placement_transition(
        placement=placement, to_status=target, by=coordinator, reason="  Agreed in the meeting. "
    )

    placement.refresh_from_db()
    assert placement.status == target
    change = PlacementStatusChange.objects.get(placement=placement)
    assert (change.from_status, change.to_status) == (source, target)
    assert change.changed_by == coordinator
    assert change.reason == "Agreed in the meeting."


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_a_transition_that_is_not_allowed_is_refused_naming_what_it_can_become(source, target, coordinator):
    placement = placement_in(source)

    with pytest.raises(ValidationError) as error:
        services.placement_transition(placement=placement, to_status=target, by=coordinator, reason="Because.")

    can_become = ", ".join(CAN_BECOME[source]) or "nothing"
    assert messages(error) == [f"A {source} placement cannot become {target}. It can become: {can_become}."]
    placement.refresh_from_db()
    assert placement.status == source
    assert not PlacementStatusChange.objects.filter(placement=placement).exists()


@pytest.mark.parametrize("reason", ["", "   "])
@pytest.mark.parametrize("source", ["proposed", "approved", "active", "paused"])
def test_cancelling_needs_a_reason(source, reason, coordinator):
    placement = placement_in(source)

    with pytest.raises(ValidationError) as error:
        services.placement_transition(placement=placement, to_status=Status.CANCELLED, by=coordinator, reason=reason)

    assert error.value.message_dict == {
        "reason": ["Say why the placement is cancelled: it stays on the student's record."]
    }
    placement.refresh_from_db()
    assert placement.status == source
    assert placement.cancel_reason == ""
    assert not PlacementStatusChange.objects.exists()


def test_cancelling_stores_the_reason_on_the_placement_and_in_its_history(coordinator):
    placement = placement_in(Status.ACTIVE)

    services.placement_transition(
        placement=placement, to_status=Status.CANCELLED, by=coordinator, reason=" The student moved away. "
    )

    assert placement.status == Status.CANCELLED  # the instance passed in is refreshed
    assert Placement.objects.get(pk=placement.pk).cancel_reason == "The student moved away."
    assert placement.status_changes.get().reason == "The student moved away."


def test_the_database_refuses_a_cancelled_placement_without_a_reason():
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(status=Status.CANCELLED, cancel_reason="")


def test_placement_activate_starts_a_ready_approved_placement(coordinator):
    placement = ready_placement()

    services.placement_activate(placement=placement, by=coordinator)

    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE
    assert placement.status_changes.get().to_status == Status.ACTIVE


def test_a_placement_goes_from_proposal_to_completion_keeping_every_step(coordinator):
    placement = ready_placement(status=Status.PROPOSED)

    for target in (Status.APPROVED, Status.PROPOSED, Status.APPROVED, Status.ACTIVE, Status.COMPLETED):
        services.placement_transition(placement=placement, to_status=target, by=coordinator)

    steps = list(placement.status_changes.order_by("pk").values_list("from_status", "to_status"))
    assert steps == [
        ("proposed", "approved"),
        ("approved", "proposed"),
        ("proposed", "approved"),
        ("approved", "active"),
        ("active", "completed"),
    ]
