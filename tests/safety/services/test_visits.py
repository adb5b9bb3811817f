"""safety/services.py: site visits."""

import pytest
from django.core.exceptions import ValidationError

from safety import services
from safety.models import SiteVisit
from tests.factories import (
    ready_placement,
)
from tests.helpers import days_ago, today
from tests.safety.services.helpers import Status

pytestmark = pytest.mark.django_db


# Site visits -----------------------------------------------------------------------------------------


def test_visit_save_records_a_completed_visit_with_its_placements(coordinator):
    placement = ready_placement(status=Status.ACTIVE)

    visit = services.visit_save(
        partnership=placement.partnership,
        visitor=coordinator,
        scheduled_for=days_ago(1),
        placements=[placement],
        status=SiteVisit.Status.COMPLETED,
        completed_on=days_ago(1),
        findings="All well.",
    )

    visit.refresh_from_db()
    assert (visit.status, visit.completed_on, visit.findings) == (SiteVisit.Status.COMPLETED, days_ago(1), "All well.")
    assert list(visit.placements.all()) == [placement]


def completed_visit(placement, by, **kwargs):
    fields = {"status": SiteVisit.Status.COMPLETED, "completed_on": today(), "findings": "All well.", **kwargs}
    return services.visit_save(partnership=placement.partnership, visitor=by, scheduled_for=today(), **fields)


def test_a_completed_visit_needs_its_date(coordinator):
    with pytest.raises(ValidationError) as error:
        completed_visit(ready_placement(), coordinator, completed_on=None)

    assert error.value.message_dict == {"completed_on": ["Give the date of the visit."]}
    assert not SiteVisit.objects.exists()


def test_a_completed_visit_cannot_be_in_the_future(coordinator):
    with pytest.raises(ValidationError) as error:
        completed_visit(ready_placement(), coordinator, completed_on=days_ago(-1))

    assert error.value.message_dict == {"completed_on": ["A visit is recorded once it has happened."]}
    assert not SiteVisit.objects.exists()


def test_a_completed_visit_needs_findings(coordinator):
    with pytest.raises(ValidationError) as error:
        completed_visit(ready_placement(), coordinator, findings="  ")

    assert error.value.message_dict == {"findings": ["Say what you found, even if all was well."]}
    assert not SiteVisit.objects.exists()


def test_a_scheduled_visit_needs_no_findings_and_keeps_no_completion_date(coordinator):
    placement = ready_placement()

    visit = services.visit_save(
        partnership=placement.partnership, visitor=coordinator, scheduled_for=days_ago(-7), completed_on=today()
    )

    assert (visit.status, visit.completed_on) == (SiteVisit.Status.SCHEDULED, None)


def test_a_visit_covers_placements_of_its_partnership_only(coordinator):
    placement = ready_placement()
    elsewhere = ready_placement()

    with pytest.raises(ValidationError) as error:
        completed_visit(placement, coordinator, placements=[placement, elsewhere])

    assert error.value.message_dict == {"placements": ["Choose placements at this partnership only."]}
    assert not SiteVisit.objects.exists()


def test_a_voided_visit_cannot_be_saved_again(coordinator):
    placement = ready_placement()
    visit = services.visit_save(partnership=placement.partnership, visitor=coordinator, scheduled_for=today())
    services.void(record=visit, by=coordinator, reason="Cancelled by phone.")

    with pytest.raises(ValidationError) as error:
        completed_visit(placement, coordinator, visit=visit)

    assert error.value.messages == ["This visit was voided."]
    assert SiteVisit.objects.get(pk=visit.pk).status == SiteVisit.Status.SCHEDULED
