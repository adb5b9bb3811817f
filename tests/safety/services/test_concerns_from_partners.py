"""safety/services.py: a concern a business partner reports (from the portal) reaches the safety lead at once,
whatever its severity; what it pauses follows the same rules as a coordinator's report."""

import pytest
from django.core import mail

from safety import services
from safety.tasks import notify_safety_lead
from students.models import PlacementStatusChange
from tests.factories import PartnerMembershipFactory, SafetyPolicyFactory, UserFactory, ready_placement
from tests.safety.services.helpers import Severity, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    lead = UserFactory(email="lead@example.test")
    SafetyPolicyFactory(safety_lead=lead)
    return lead


@pytest.fixture
def placement():
    return ready_placement(status=Status.ACTIVE, student__legal_first_name="Maya", student__last_name="Okafor")


@pytest.fixture
def partner(placement):
    return PartnerMembershipFactory(organization=placement.partnership.business).user


def report(placement, by, severity, **kwargs):
    return services.concern_report(
        student=placement.student,
        partnership=placement.partnership,
        placement=placement,
        by=by,
        severity=severity,
        description="The student seemed frightened of a customer.",
        **kwargs,
    )


@pytest.mark.parametrize("severity", [Severity.LOW, Severity.MEDIUM])
def test_a_partners_lower_severity_concern_tells_the_lead_once_and_pauses_nothing(
    severity, lead, placement, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        concern = report(placement, partner, severity, from_partner=True)
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    [email] = mail.outbox
    assert email.to == ["lead@example.test"]
    assert email.subject == f"{severity.label}-severity safety concern reported"
    assert "Maya" not in email.subject and "Okafor" not in email.subject
    assert f"A {severity.label.lower()}-severity safety concern was reported" in email.body
    assert f"/{concern.pk}/" in email.body
    concern.refresh_from_db()
    assert concern.lead_notified_at is not None
    assert (concern.reported_by, concern.severity, concern.placement) == (partner, severity, placement)
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE
    assert not PlacementStatusChange.objects.exists()

    assert notify_safety_lead(concern.pk) == 0
    assert len(mail.outbox) == 1


def test_a_partners_high_severity_concern_pauses_the_placement_as_a_coordinators_does(
    lead, placement, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        concern = report(placement, partner, Severity.HIGH, from_partner=True)

    placement.refresh_from_db()
    assert placement.status == Status.PAUSED
    assert concern.paused_placements == [placement]
    assert [email.subject for email in mail.outbox] == ["High-severity safety concern reported"]


def test_a_coordinators_lower_severity_concern_still_tells_no_one(
    coordinator, lead, placement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report(placement, coordinator, Severity.LOW)

    assert callbacks == []
    assert mail.outbox == []
