"""Every rule in safety/services.py, one sentence per test."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from safety import services
from safety.models import BackgroundCheck, CheckIn, ProtocolAcknowledgment, SafetyConcern, SiteVisit
from safety.tasks import notify_safety_lead
from students.models import Placement, PlacementStatusChange
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    SafetyConcernFactory,
    SafetyPolicyFactory,
    SafetyProtocolFactory,
    SchoolFactory,
    SiteVisitFactory,
    UserFactory,
    ready_placement,
)

pytestmark = pytest.mark.django_db

Status = Placement.Status
CheckStatus = BackgroundCheck.Status
Severity = SafetyConcern.Severity
ConcernStatus = SafetyConcern.Status


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


# Background checks -------------------------------------------------------------------------------


def test_check_record_gives_a_cleared_check_its_expiry_from_the_policy(coordinator):
    SafetyPolicyFactory(check_valid_days=365)
    contact = ContactFactory()

    check = services.check_record(
        contact=contact, by=coordinator, provider="Sterling", status=CheckStatus.CLEARED, completed_on=days_ago(10)
    )

    check.refresh_from_db()
    assert check.expires_on == days_ago(10) + datetime.timedelta(days=365)
    assert (check.contact, check.recorded_by, check.provider) == (contact, coordinator, "Sterling")


def test_check_record_keeps_an_expiry_date_it_is_given(coordinator):
    check = services.check_record(
        contact=ContactFactory(),
        by=coordinator,
        status=CheckStatus.CLEARED,
        completed_on=days_ago(10),
        expires_on=days_ago(-100),
    )

    assert BackgroundCheck.objects.get(pk=check.pk).expires_on == days_ago(-100)


def test_a_pending_check_gets_no_expiry_date(coordinator):
    check = services.check_record(
        contact=ContactFactory(), by=coordinator, status=CheckStatus.PENDING, requested_on=today()
    )

    assert BackgroundCheck.objects.get(pk=check.pk).expires_on is None


@pytest.mark.parametrize("field", ["requested_on", "completed_on"])
def test_check_record_refuses_a_date_in_the_future(field, coordinator):
    with pytest.raises(ValidationError) as error:
        services.check_record(
            contact=ContactFactory(), by=coordinator, status=CheckStatus.PENDING, **{field: days_ago(-1)}
        )

    assert error.value.message_dict == {field: ["This date is in the future."]}
    assert not BackgroundCheck.objects.exists()


@pytest.mark.parametrize("status", [CheckStatus.CLEARED, CheckStatus.NOT_CLEARED])
def test_check_record_refuses_a_result_without_the_date_it_came_back(status, coordinator):
    with pytest.raises(ValidationError) as error:
        services.check_record(contact=ContactFactory(), by=coordinator, status=status)

    assert error.value.message_dict == {"completed_on": ["Give the date the check came back."]}
    assert not BackgroundCheck.objects.exists()


@pytest.mark.parametrize("expires", [0, 5])
def test_check_record_refuses_an_expiry_on_or_before_completion(expires, coordinator):
    with pytest.raises(ValidationError) as error:
        services.check_record(
            contact=ContactFactory(),
            by=coordinator,
            status=CheckStatus.CLEARED,
            completed_on=days_ago(10),
            expires_on=days_ago(10 + expires),
        )

    assert error.value.message_dict == {"expires_on": ["A check expires after it was completed."]}
    assert not BackgroundCheck.objects.exists()


def test_check_record_refuses_someone_at_a_school(coordinator):
    teacher = ContactFactory(organization=SchoolFactory())

    with pytest.raises(ValidationError) as error:
        services.check_record(contact=teacher, by=coordinator, status=CheckStatus.PENDING)

    assert error.value.message_dict == {"contact": ["Background checks are for people at businesses."]}
    assert not BackgroundCheck.objects.exists()


def test_check_record_refuses_fields_it_does_not_set(coordinator):
    with pytest.raises(ValueError, match="voided_at"):
        services.check_record(contact=ContactFactory(), by=coordinator, voided_at=timezone.now())


def test_check_update_changes_a_check_and_fills_in_the_expiry_once_cleared(coordinator):
    SafetyPolicyFactory(check_valid_days=730)
    check = BackgroundCheckFactory(status=CheckStatus.PENDING, completed_on=None, expires_on=None)

    services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=days_ago(2))

    check.refresh_from_db()
    assert (check.status, check.expires_on) == (CheckStatus.CLEARED, days_ago(2) + datetime.timedelta(days=730))


def test_a_check_whose_recorder_left_can_still_be_updated(coordinator):
    # recorded_by is SET_NULL: deleting the user who recorded a check must not lock the check.
    check = BackgroundCheckFactory(status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    check.recorded_by.delete()
    check.refresh_from_db()
    assert check.recorded_by is None

    services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=days_ago(1))

    assert BackgroundCheck.objects.get(pk=check.pk).status == CheckStatus.CLEARED


def test_check_update_refuses_a_voided_check(coordinator):
    check = BackgroundCheckFactory(status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    services.void(record=check, by=coordinator, reason="Duplicate.")

    with pytest.raises(ValidationError) as error:
        services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=today())

    assert error.value.messages == ["This check was voided: record a new one instead."]
    assert BackgroundCheck.objects.get(pk=check.pk).status == CheckStatus.PENDING


# Voiding instead of deleting ---------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_voiding_needs_a_reason(reason, coordinator):
    check = BackgroundCheckFactory()

    with pytest.raises(ValidationError) as error:
        services.void(record=check, by=coordinator, reason=reason)

    assert error.value.message_dict == {"reason": ["Say why this record is voided: it stays in the history."]}
    assert BackgroundCheck.objects.get(pk=check.pk).voided_at is None


def test_voiding_records_who_when_and_why_and_keeps_the_record(coordinator):
    check = BackgroundCheckFactory()
    before = timezone.now()

    services.void(record=check, by=coordinator, reason="  Recorded against the wrong person. ")

    assert check.is_voided
    assert (check.voided_by, check.void_reason) == (coordinator, "Recorded against the wrong person.")
    assert before <= check.voided_at <= timezone.now()
    assert BackgroundCheck.objects.filter(pk=check.pk).exists()
    assert not BackgroundCheck.objects.live().filter(pk=check.pk).exists()


def test_voiding_twice_is_refused_and_keeps_the_first_void(coordinator):
    check = BackgroundCheckFactory()
    services.void(record=check, by=coordinator, reason="First.")
    other = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.void(record=check, by=other, reason="Second.")

    assert error.value.messages == ["This record was already voided."]
    check.refresh_from_db()
    assert (check.voided_by, check.void_reason) == (coordinator, "First.")


def test_voided_visits_check_ins_and_concerns_leave_live_but_stay(coordinator):
    visit = SiteVisitFactory()
    concern = SafetyConcernFactory()
    check_in = services.check_in_record(
        placement=concern.placement, by=coordinator, date=today(), mode=CheckIn.Mode.PHONE, wellbeing=3
    )

    for record in (visit, concern, check_in):
        services.void(record=record, by=coordinator, reason="Entered twice.")

    for model, record in ((SiteVisit, visit), (SafetyConcern, concern), (CheckIn, check_in)):
        assert not model.objects.live().filter(pk=record.pk).exists()
        assert model.objects.get(pk=record.pk).void_reason == "Entered twice."


# Protocols ---------------------------------------------------------------------------------------


def test_protocol_publish_numbers_versions_per_key():
    first = services.protocol_publish(key="supervision", title=" Supervision ", body="Two adults.")
    second = services.protocol_publish(key="supervision", title="Supervision", body="Two adults, always.")
    other = services.protocol_publish(key="transport", title="Transport", body="No rides.")

    assert [(p.key, p.version) for p in (first, second, other)] == [
        ("supervision", 1),
        ("supervision", 2),
        ("transport", 1),
    ]
    assert first.title == "Supervision"
    assert first.effective_on == today()


def test_protocol_acknowledge_once_per_version_a_second_call_returns_the_same_row(coordinator):
    protocol = SafetyProtocolFactory()
    business = ContactFactory().organization

    first = services.protocol_acknowledge(
        organization=business, protocol=protocol, by_name=" Olga Owner ", by=coordinator
    )
    again = services.protocol_acknowledge(organization=business, protocol=protocol, by_name="Someone Else")

    assert again.pk == first.pk
    assert ProtocolAcknowledgment.objects.get().acknowledged_by_name == "Olga Owner"
    assert first.acknowledged_by == coordinator


def test_protocol_acknowledge_refuses_a_school():
    with pytest.raises(ValidationError) as error:
        services.protocol_acknowledge(organization=SchoolFactory(), protocol=SafetyProtocolFactory(), by_name="Pat")

    assert error.value.messages == ["Protocols are acknowledged by businesses."]
    assert not ProtocolAcknowledgment.objects.exists()


def test_protocol_acknowledge_needs_a_name():
    with pytest.raises(ValidationError) as error:
        services.protocol_acknowledge(
            organization=ContactFactory().organization, protocol=SafetyProtocolFactory(), by_name="  "
        )

    assert error.value.message_dict == {"by_name": ["Say who acknowledged it."]}


# Site visits -------------------------------------------------------------------------------------


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


# Check-ins ---------------------------------------------------------------------------------------


def check_in(placement, by, **kwargs):
    fields = {"date": today(), "mode": CheckIn.Mode.PHONE, "wellbeing": 4, **kwargs}
    return services.check_in_record(placement=placement, by=by, **fields)


@pytest.mark.parametrize("status", [Status.ACTIVE, Status.PAUSED, Status.COMPLETED])
def test_check_in_record_saves_a_check_in_with_the_placements_student(status, coordinator):
    placement = ready_placement(status=status)

    made = check_in(placement, coordinator, notes=" Happy. ", wellbeing=5)

    made.refresh_from_db()
    assert (made.placement, made.student, made.by) == (placement, placement.student, coordinator)
    assert (made.date, made.wellbeing, made.notes) == (today(), 5, "Happy.")


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_check_in_record_refuses_a_placement_that_has_not_started(status, coordinator):
    placement = ready_placement(status=status, cancel_reason="Moved away." if status == Status.CANCELLED else "")

    with pytest.raises(ValidationError) as error:
        check_in(placement, coordinator)

    assert error.value.messages == ["Check-ins are for placements that have started."]
    assert not CheckIn.objects.exists()


def test_check_in_record_refuses_a_future_date(coordinator):
    with pytest.raises(ValidationError) as error:
        check_in(ready_placement(status=Status.ACTIVE), coordinator, date=days_ago(-1))

    assert error.value.message_dict == {"date": ["Record a check-in once it has happened: choose today or earlier."]}
    assert not CheckIn.objects.exists()


def test_check_in_record_refuses_a_date_before_the_start(coordinator):
    placement = ready_placement(status=Status.ACTIVE, start_date=days_ago(10))

    with pytest.raises(ValidationError) as error:
        check_in(placement, coordinator, date=days_ago(11))

    assert error.value.message_dict == {"date": [f"The placement started on {days_ago(10):%d %b %Y}."]}
    assert check_in(placement, coordinator, date=days_ago(10)).date == days_ago(10)


def test_check_in_record_refuses_wellbeing_outside_1_to_5(coordinator):
    with pytest.raises(ValidationError) as error:
        check_in(ready_placement(status=Status.ACTIVE), coordinator, wellbeing=6)

    assert "wellbeing" in error.value.message_dict
    assert not CheckIn.objects.exists()


# Concerns ----------------------------------------------------------------------------------------


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


# History -----------------------------------------------------------------------------------------


def test_history_records_each_change_to_a_background_check_with_the_field_changed(coordinator):
    check = services.check_record(
        contact=ContactFactory(), by=coordinator, status=CheckStatus.PENDING, requested_on=days_ago(5)
    )
    created = LogEntry.objects.get_for_object(check).count()

    services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=days_ago(1))

    entries = LogEntry.objects.get_for_object(check).order_by("pk")
    assert created == 1
    assert entries.count() == 2
    update = entries.last()
    assert update.action == LogEntry.Action.UPDATE
    assert update.changes_dict["status"] == ["pending", "cleared"]
    assert update.changes_dict["completed_on"][1] == str(days_ago(1))


def test_a_protocol_version_published_at_the_same_moment_elsewhere_is_refused_in_words(monkeypatch):
    from safety.models import SafetyProtocol as Protocol

    first = services.protocol_publish(key="transport", title="Transport", body="Parents drive.")
    # What a second publisher sees when both read the versions before either saved: the same number.
    monkeypatch.setattr(type(Protocol.objects), "select_for_update", lambda self: Protocol.objects.filter(pk__in=[]))

    with pytest.raises(ValidationError) as error:
        services.protocol_publish(key="transport", title="Transport", body="Buses only.")

    assert "published a version of this protocol at the same moment" in error.value.messages[0]
    assert list(Protocol.objects.filter(key="transport")) == [first]
