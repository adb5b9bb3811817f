"""Safety news stops a placement at once, and the placement goes on only once the news is dealt with.

A high-severity concern pauses the placements it is about and is an item of the readiness gate until it
is resolved: a paused placement cannot go back to active meanwhile, and the refusal links to the
concern. A background check that no longer clears someone (recorded not cleared, changed, voided)
pauses the active placements they work on, and the page says which.
"""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safety import services
from safety.models import BackgroundCheck, SafetyConcern, SiteVisit
from students import readiness
from students import services as student_services
from students.models import Placement
from tests.factories import UserFactory, ready_placement
from tests.helpers import today

pytestmark = pytest.mark.django_db

Status = Placement.Status
Severity = SafetyConcern.Severity
CheckStatus = BackgroundCheck.Status


def text(response) -> str:
    return html.unescape(response.content.decode())


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def running(**kwargs) -> Placement:
    return student_services.placement_activate(placement=ready_placement(**kwargs), by=None)


def report(placement, severity=Severity.HIGH, *, named=True, by=None) -> SafetyConcern:
    return services.concern_report(
        student=placement.student,
        partnership=placement.partnership,
        placement=placement if named else None,
        by=by or UserFactory.create(),
        severity=severity,
        description="Left alone with an adult who is not the mentor.",
    )


def resume(placement) -> Placement:
    return student_services.placement_transition(placement=placement, to_status=Status.ACTIVE, by=None)


def concern_problem(concern) -> str:
    return (
        f"A high-severity safety concern reported on {timezone.localtime(concern.created_at):%d %b %Y} "
        "is still open: resolve it first."
    )


# Hole 2: a serious concern's pause holds until the concern is resolved -----------------------------------


def test_a_paused_placement_cannot_go_back_to_active_while_its_serious_concern_is_open():
    placement = running()
    concern = report(placement)
    placement.refresh_from_db()
    assert placement.status == Status.PAUSED

    with pytest.raises(readiness.GateRefused) as error:
        resume(placement)

    assert error.value.messages == ["This placement cannot start yet.", concern_problem(concern)]
    (fix,) = error.value.fixes
    assert (fix.url, fix.label) == (reverse("safety:concern_detail", args=[concern.pk]), "Open the concern")
    assert Placement.objects.get(pk=placement.pk).status == Status.PAUSED


@pytest.mark.parametrize("next_status", [SafetyConcern.Status.INVESTIGATING])
def test_investigating_is_still_open(next_status):
    placement = running()
    concern = report(placement)
    services.concern_transition(concern=concern, to_status=next_status, by=None)

    with pytest.raises(ValidationError):
        resume(placement)


def test_once_the_concern_is_resolved_the_placement_may_go_on():
    placement = running()
    concern = report(placement)
    services.concern_transition(concern=concern, to_status=SafetyConcern.Status.RESOLVED, by=None, resolution="Fine.")

    resume(placement)

    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_a_serious_concern_reported_about_a_student_without_naming_the_placement_pauses_it_too():
    placement = running()
    elsewhere = running(student=placement.student)

    concern = report(placement, named=False)

    assert [p.pk for p in concern.paused_placements] == [placement.pk]
    assert Placement.objects.get(pk=placement.pk).status == Status.PAUSED
    assert Placement.objects.get(pk=elsewhere.pk).status == Status.ACTIVE  # another partnership
    with pytest.raises(ValidationError):
        resume(placement)


def test_a_serious_concern_keeps_a_placement_not_started_yet_from_starting():
    placement = ready_placement()
    concern = report(placement)

    with pytest.raises(readiness.GateRefused) as error:
        resume(placement)

    assert error.value.messages[1] == concern_problem(concern)


@pytest.mark.parametrize("severity", [Severity.LOW, Severity.MEDIUM])
def test_a_lesser_concern_neither_pauses_nor_blocks(severity):
    placement = running()

    concern = report(placement, severity)

    assert concern.paused_placements == []
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_a_voided_concern_no_longer_blocks():
    placement = running()
    concern = report(placement)
    services.void(record=concern, by=UserFactory(), reason="Reported about the wrong student.")

    resume(placement)

    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_the_start_page_says_so_and_links_to_the_concern(coordinator_client):
    placement = running()
    concern = report(placement)
    url = reverse("students:placement_transition", args=[placement.pk, "active"])

    for response in (coordinator_client.get(url), coordinator_client.post(url)):
        page = text(response)
        assert response.status_code == 200
        assert concern_problem(concern) in page
        assert f'href="{reverse("safety:concern_detail", args=[concern.pk])}">Open the concern</a>' in page
    assert Placement.objects.get(pk=placement.pk).status == Status.PAUSED


def test_the_concern_page_flash_names_the_placement_it_paused(coordinator_client):
    placement = running(student__legal_first_name="Ivy", student__last_name="Stone")

    response = coordinator_client.post(
        reverse("safety:concern_create"),
        {
            "student": placement.student_id,
            "partnership": placement.partnership_id,
            "severity": "high",
            "description": "Worried.",
        },
    )

    business = placement.partnership.business.name
    assert flashed(response) == [
        f"Concern reported. Ivy Stone at {business} is paused. The safety lead is being told by email."
    ]


# Background checks ---------------------------------------------------------------------------------


def test_a_result_that_does_not_clear_the_mentor_pauses_their_active_placements_at_once():
    placement = running()
    planned = ready_placement(mentor=placement.mentor, partnership=placement.partnership)

    check = services.check_record(
        contact=placement.mentor, by=None, status=CheckStatus.NOT_CLEARED, completed_on=today()
    )

    assert [p.pk for p in check.paused_placements] == [placement.pk]
    placement.refresh_from_db()
    assert placement.status == Status.PAUSED
    reason = placement.status_changes.get(to_status=Status.PAUSED).reason
    assert reason.startswith(f"Paused at once: {placement.mentor.full_name}'s background check changed.")
    assert "did not clear the background check" in reason
    assert Placement.objects.get(pk=planned.pk).status == Status.APPROVED  # not started: its gate will say


def test_a_pending_renewal_pauses_nothing():
    placement = running()

    check = services.check_record(contact=placement.mentor, by=None, status=CheckStatus.PENDING)

    assert check.paused_placements == []
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_correcting_the_expiry_to_before_the_placement_ends_pauses_it():
    placement = running()
    check = placement.mentor.background_checks.get()

    services.check_update(check=check, by=None, expires_on=placement.end_date - datetime.timedelta(days=1))

    assert [p.pk for p in check.paused_placements] == [placement.pk]


def test_voiding_the_check_that_clears_a_mentor_pauses_the_placement():
    placement = running()
    check = placement.mentor.background_checks.get()

    assert services.placements_paused_by_voiding(check) == [placement]
    assert not BackgroundCheck.objects.get(pk=check.pk).is_voided  # only asked

    services.void(record=check, by=UserFactory(), reason="Recorded for the wrong person.")

    assert [p.pk for p in check.paused_placements] == [placement.pk]
    assert Placement.objects.get(pk=placement.pk).status == Status.PAUSED


def test_voiding_a_spare_check_pauses_nothing():
    placement = running()
    spare = BackgroundCheck.objects.get(contact=placement.mentor)
    spare.pk = None
    spare.reference = "duplicate"
    spare.save()

    services.void(record=spare, by=UserFactory(), reason="Entered twice.")

    assert spare.paused_placements == []
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_the_void_page_says_beforehand_which_placement_it_pauses_and_after_that_it_did(coordinator_client):
    placement = running(student__legal_first_name="Ivy", student__last_name="Stone")
    check = placement.mentor.background_checks.get()
    url = reverse("safety:check_void", args=[check.pk])
    business = placement.partnership.business.name

    page = text(coordinator_client.get(url))
    assert f"Voiding it pauses this placement at once: Ivy Stone at {business}." in page
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE

    response = coordinator_client.post(url, {"reason": "Wrong person."})

    assert flashed(response)[1].startswith(f"Paused at once, because {placement.mentor.full_name} is no longer")
    assert f"Ivy Stone at {business}" in flashed(response)[1]
    assert Placement.objects.get(pk=placement.pk).status == Status.PAUSED


def test_recording_a_not_cleared_result_on_the_page_says_what_it_paused(coordinator_client):
    placement = running()
    response = coordinator_client.post(
        reverse("safety:check_create"),
        {
            "contact": placement.mentor_id,
            "status": CheckStatus.NOT_CLEARED,
            "requested_on": (today() - datetime.timedelta(days=20)).isoformat(),
            "completed_on": today().isoformat(),
        },
    )

    assert response.status_code == 302
    assert any(message.startswith("Paused at once, because") for message in flashed(response))


def test_every_kind_of_check_change_that_uncovers_a_mentor_pauses_their_placement():
    placements = [running() for _ in range(3)]
    second, third = (p.mentor.background_checks.get() for p in placements[1:])
    bystander = running()

    services.check_record(contact=placements[0].mentor, by=None, status=CheckStatus.NOT_CLEARED, completed_on=today())
    services.check_update(check=second, by=None, status=CheckStatus.EXPIRED)
    services.void(record=third, by=UserFactory(), reason="Wrong.")

    assert list(Placement.objects.active()) == [bystander]
    assert readiness.problems(bystander) == []


def test_a_stale_copy_of_a_voided_check_cannot_unvoid_it():
    placement = running()
    stale = BackgroundCheck.objects.get(contact=placement.mentor)
    services.void(record=BackgroundCheck.objects.get(pk=stale.pk), by=UserFactory(), reason="Wrong person.")

    with pytest.raises(ValidationError):
        services.check_update(check=stale, by=None, notes="Reference corrected.")

    stored = BackgroundCheck.objects.get(pk=stale.pk)
    assert stored.is_voided and stored.void_reason == "Wrong person."


def test_a_stale_copy_of_a_voided_visit_cannot_unvoid_it():
    placement = running()
    visit = services.visit_save(
        partnership=placement.partnership, visitor=UserFactory(), scheduled_for=today(), placements=[placement]
    )
    services.void(record=SiteVisit.objects.get(pk=visit.pk), by=UserFactory(), reason="Entered twice.")

    with pytest.raises(ValidationError):
        services.visit_save(
            partnership=placement.partnership, visitor=visit.visitor, scheduled_for=today(), visit=visit
        )

    assert SiteVisit.objects.get(pk=visit.pk).is_voided


def test_the_gate_says_did_not_clear_when_a_later_result_overrides_a_clearance():
    placement = ready_placement()
    pending = services.check_record(contact=placement.mentor, by=None, status=CheckStatus.PENDING)
    services.check_update(check=pending, by=None, status=CheckStatus.NOT_CLEARED, completed_on=today())

    assert readiness.problems(placement) == [
        f"Mentor {placement.mentor.full_name} did not clear the background check: choose another person."
    ]
