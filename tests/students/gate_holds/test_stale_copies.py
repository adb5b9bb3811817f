"""A caller's copy older than the stored row never undoes what happened since."""

import pytest

from partnerships import services as partnership_services
from partnerships.models import Partnership
from safety import services as safety_services
from students import readiness, services
from students.models import Placement, Student
from tests.factories import (
    UserFactory,
)
from tests.students.gate_holds.helpers import Status, refused, running

pytestmark = pytest.mark.django_db


# A caller's copy older than the stored row never undoes what happened since --------------------------


def test_a_stale_copy_cannot_put_a_placement_paused_by_a_concern_back_to_active():
    placement = running()
    stale = Placement.objects.get(pk=placement.pk)
    safety_services.concern_report(
        student=placement.student,
        partnership=placement.partnership,
        placement=placement,
        by=UserFactory(),
        severity="high",
        description="Left alone.",
    )

    services.placement_update(placement=stale, by=None, days="Mon")

    stored = Placement.objects.get(pk=placement.pk)
    assert (stored.status, stored.days) == (Status.PAUSED, "Mon")
    assert stale.status == Status.PAUSED  # the caller's copy is brought up to date


def test_a_stale_copy_cannot_bring_an_ended_partnership_back():
    placement = running()
    services.placement_transition(placement=placement, to_status=Status.COMPLETED, by=None)
    stale = Partnership.objects.get(pk=placement.partnership_id)
    partnership_services.partnership_transition(partnership=stale, to_status=Partnership.Status.ENDED, by=None)
    stale.status = Partnership.Status.ACTIVE  # what an old copy still says

    partnership_services.partnership_update(partnership=stale, by=None, notes="Thanks for everything.")

    stored = Partnership.objects.get(pk=placement.partnership_id)
    assert (stored.status, stored.notes) == (Partnership.Status.ENDED, "Thanks for everything.")


def test_a_paused_partnership_cannot_end_while_its_paused_placement_waits():
    """Pausing the placement, then the partnership, then ending it: the placement would never go on."""
    placement = running()
    services.placement_transition(placement=placement, to_status=Status.PAUSED, by=None)
    partnership = placement.partnership
    partnership_services.partnership_transition(partnership=partnership, to_status=Partnership.Status.PAUSED, by=None)

    refusal = refused(
        lambda: partnership_services.partnership_transition(
            partnership=partnership, to_status=Partnership.Status.ENDED, by=None
        )
    )

    assert refusal.messages[0].startswith(f"{partnership.name} cannot end while placements there are under way.")
    assert Partnership.objects.get(pk=partnership.pk).status == Partnership.Status.PAUSED


def test_changing_a_phone_number_does_not_ask_the_gate(monkeypatch):
    """Only emptying what the gate reads can fail it: other edits skip its (many) queries."""
    placement = running()
    monkeypatch.setattr(readiness, "checklist", lambda placement: pytest.fail("the gate was asked"))

    services.student_update(student=placement.student, by=None, guardian_phone="555-0100")

    assert Student.objects.get(pk=placement.student_id).guardian_phone == "555-0100"
