"""safety/services.py: concerns, the lead told at once, serious ones pausing placements."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from safety import services
from safety.models import SafetyConcern
from safety.tasks import notify_safety_lead
from students.models import Placement, PlacementStatusChange
from tests.factories import (
    SafetyConcernFactory,
    SafetyPolicyFactory,
    UserFactory,
    ready_placement,
)
from tests.safety.services.helpers import ConcernStatus, Severity, Status

pytestmark = pytest.mark.django_db


# Concerns --------------------------------------------------------------------------------------------


def report(placement, by, severity, **kwargs):
    return services.concern_report(
        student=placement.student,
        partnership=placement.partnership,
        placement=placement,
        by=by,
        severity=severity,
        description="The student was driven home by the mentor alone.",
        **kwargs,
    )


@pytest.fixture
def lead(db):
    lead = UserFactory(email="lead@example.test")
    SafetyPolicyFactory(safety_lead=lead)
    return lead


def test_a_high_severity_concern_pauses_an_active_placement_and_tells_the_safety_lead_once(
    coordinator, lead, django_capture_on_commit_callbacks
):
    placement = ready_placement(status=Status.ACTIVE, student__legal_first_name="Maya", student__last_name="Okafor")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        concern = report(placement, coordinator, Severity.HIGH)
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    placement.refresh_from_db()
    assert placement.status == Status.PAUSED
    change = PlacementStatusChange.objects.get(placement=placement)
    assert (change.from_status, change.to_status, change.changed_by) == (Status.ACTIVE, Status.PAUSED, coordinator)
    assert change.reason == f"Paused at once for a high-severity safety concern (#{concern.pk})."
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["lead@example.test"]
    assert email.subject == "High-severity safety concern reported"
    assert "Maya" not in email.subject and "Okafor" not in email.subject
    assert f"/{concern.pk}/" in email.body
    concern.refresh_from_db()
    assert concern.lead_notified_at is not None

    assert notify_safety_lead(concern.pk) == 0
    assert len(mail.outbox) == 1


def test_running_the_notification_twice_sends_one_email(coordinator, lead):
    concern = SafetyConcernFactory(severity=Severity.HIGH)

    assert notify_safety_lead(concern.pk) == 1
    assert notify_safety_lead(concern.pk) == 0

    assert [email.to for email in mail.outbox] == [["lead@example.test"]]


def test_without_a_safety_lead_the_active_administrators_are_told(
    coordinator, admin_user, django_capture_on_commit_callbacks
):
    UserFactory(email="retired.admin@example.test", is_staff=True, is_superuser=True, is_active=False)
    placement = ready_placement(status=Status.ACTIVE)

    with django_capture_on_commit_callbacks(execute=True):
        report(placement, coordinator, Severity.HIGH)

    assert [email.to for email in mail.outbox] == [["admin@example.test"]]


def test_an_inactive_safety_lead_falls_back_to_the_administrators(coordinator, admin_user, lead):
    lead.is_active = False
    lead.save()
    concern = SafetyConcernFactory(severity=Severity.HIGH)

    notify_safety_lead(concern.pk)

    assert [email.to for email in mail.outbox] == [["admin@example.test"]]


@pytest.mark.parametrize("severity", [Severity.LOW, Severity.MEDIUM])
def test_a_lower_severity_concern_neither_pauses_nor_emails(
    severity, coordinator, lead, django_capture_on_commit_callbacks
):
    placement = ready_placement(status=Status.ACTIVE)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        concern = report(placement, coordinator, severity)

    assert callbacks == []
    assert mail.outbox == []
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE
    assert not PlacementStatusChange.objects.exists()
    assert (concern.status, concern.severity) == (ConcernStatus.OPEN, severity)


def test_a_high_severity_concern_on_a_placement_not_running_leaves_its_status_but_tells_the_lead(
    coordinator, lead, django_capture_on_commit_callbacks
):
    placement = ready_placement(status=Status.APPROVED)

    with django_capture_on_commit_callbacks(execute=True):
        report(placement, coordinator, Severity.HIGH)

    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    assert len(mail.outbox) == 1


def test_the_email_does_not_say_a_placement_was_paused_when_it_was_not(
    coordinator, lead, django_capture_on_commit_callbacks
):
    placement = ready_placement(status=Status.APPROVED)

    with django_capture_on_commit_callbacks(execute=True):
        report(placement, coordinator, Severity.HIGH)

    assert Placement.objects.get(pk=placement.pk).status == Status.APPROVED
    assert "paused" not in mail.outbox[0].body


def test_the_lead_is_told_when_the_placement_was_paused(coordinator, lead, django_capture_on_commit_callbacks):
    placement = ready_placement(status=Status.ACTIVE)

    with django_capture_on_commit_callbacks(execute=True):
        report(placement, coordinator, Severity.HIGH)

    assert "The student's placement has been paused until the concern is dealt with." in mail.outbox[0].body


def test_a_concern_placement_must_be_the_students_at_the_partnership(coordinator):
    placement = ready_placement(status=Status.ACTIVE)
    other = ready_placement(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.concern_report(
            student=other.student,
            partnership=placement.partnership,
            placement=placement,
            by=coordinator,
            severity=Severity.HIGH,
            description="Something happened.",
        )

    assert error.value.message_dict == {"placement": ["The placement must be this student's, at this partnership."]}
    assert not SafetyConcern.objects.exists()
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_a_concern_needs_a_description(coordinator):
    placement = ready_placement(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.concern_report(
            student=placement.student,
            partnership=placement.partnership,
            by=coordinator,
            severity=Severity.LOW,
            description="  ",
        )

    assert error.value.message_dict == {"description": ["Describe what happened."]}


def test_a_concern_goes_open_then_investigating_then_resolved(coordinator):
    concern = SafetyConcernFactory()

    services.concern_transition(concern=concern, to_status=ConcernStatus.INVESTIGATING, by=coordinator)
    assert SafetyConcern.objects.get(pk=concern.pk).status == ConcernStatus.INVESTIGATING
    services.concern_transition(
        concern=concern, to_status=ConcernStatus.RESOLVED, by=coordinator, resolution=" Mentor retrained. "
    )

    concern.refresh_from_db()
    assert (concern.status, concern.resolution) == (ConcernStatus.RESOLVED, "Mentor retrained.")


def test_an_open_concern_may_be_resolved_directly(coordinator):
    concern = SafetyConcernFactory()

    services.concern_transition(
        concern=concern, to_status=ConcernStatus.RESOLVED, by=coordinator, resolution="A misunderstanding."
    )

    assert SafetyConcern.objects.get(pk=concern.pk).status == ConcernStatus.RESOLVED


@pytest.mark.parametrize("resolution", ["", "   "])
def test_resolving_a_concern_needs_a_resolution(resolution, coordinator):
    concern = SafetyConcernFactory(status=ConcernStatus.INVESTIGATING)

    with pytest.raises(ValidationError) as error:
        services.concern_transition(
            concern=concern, to_status=ConcernStatus.RESOLVED, by=coordinator, resolution=resolution
        )

    assert error.value.message_dict == {"resolution": ["Say how the concern was resolved."]}
    assert SafetyConcern.objects.get(pk=concern.pk).status == ConcernStatus.INVESTIGATING


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (ConcernStatus.INVESTIGATING, ConcernStatus.OPEN, "A concern that is investigating cannot become open."),
        (ConcernStatus.RESOLVED, ConcernStatus.OPEN, "A concern that is resolved cannot become open."),
        (
            ConcernStatus.RESOLVED,
            ConcernStatus.INVESTIGATING,
            "A concern that is resolved cannot become investigating.",
        ),
        (ConcernStatus.OPEN, ConcernStatus.OPEN, "A concern that is open cannot become open."),
    ],
)
def test_a_concern_never_goes_back(source, target, message, coordinator):
    resolution = "Dealt with." if source == ConcernStatus.RESOLVED else ""
    concern = SafetyConcernFactory(status=source, resolution=resolution)

    with pytest.raises(ValidationError) as error:
        services.concern_transition(concern=concern, to_status=target, by=coordinator, resolution="Reopened.")

    assert error.value.messages == [message]
    concern.refresh_from_db()
    assert (concern.status, concern.resolution) == (source, resolution)


def test_a_voided_concern_cannot_move(coordinator):
    concern = SafetyConcernFactory()
    services.void(record=concern, by=coordinator, reason="Reported twice.")

    with pytest.raises(ValidationError) as error:
        services.concern_transition(concern=concern, to_status=ConcernStatus.INVESTIGATING, by=coordinator)

    assert error.value.messages == ["This concern was voided."]
    assert SafetyConcern.objects.get(pk=concern.pk).status == ConcernStatus.OPEN
