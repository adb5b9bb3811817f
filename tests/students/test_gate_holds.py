"""The readiness gate keeps holding once a placement runs, on every path that could break it.

A change that would make an active (for the placement's own edits: an active or paused) placement fail
an item of its checklist is refused, in the gate's own words and with the links that fix each item, and
nothing of it is saved. What time does on its own (an end date that passes) stays a flag: a later change
that adds no new failure is still saved.
"""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.refusals import Refused
from partnerships import services as partnership_services
from partnerships.models import Contact, Partnership
from safety import services as safety_services
from safety.models import SafetyPolicy
from students import readiness, services
from students.imports import jobs as imports_jobs
from students.imports import tasks as imports
from students.models import ImportJob, Placement, Student
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    SafetyPolicyFactory,
    UserFactory,
    ready_placement,
)
from tests.helpers import today
from tests.students.imports.helpers import new_job, student_row, to_csv

pytestmark = pytest.mark.django_db

Status = Placement.Status
NOT_SAVED = "Not saved: this placement is active, and the change would fail its checklist."


def days_from_today(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def text(response) -> str:
    return html.unescape(response.content.decode())


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def running(**kwargs) -> Placement:
    """A placement that passed the gate and started."""
    placement = ready_placement(**kwargs)
    return services.placement_activate(placement=placement, by=None)


def refused(call) -> Refused:
    with pytest.raises(Refused) as error:
        call()
    return error.value


def uncleared(placement) -> Contact:
    return ContactFactory.create(organization=placement.partnership.business, first_name="Una", last_name="Cleared")


def words_at_activation(placement, **changes) -> list[str]:
    """What the gate says of the same placement, so changed, if it were starting now."""
    for name, value in changes.items():
        setattr(placement, name, value)
    return readiness.problems(placement)


# Hole 1: editing a placement under way ----------------------------------------------------------------


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

    response = coordinator_client.post(reverse("students:placement_edit", args=[placement.pk]), data)

    assert response.status_code == 200
    page = text(response)
    assert NOT_SAVED in page
    link = reverse("safety:check_create") + f"?contact={newcomer.pk}"
    assert '<li>Mentor Una Cleared has no background check. <a class="alert-link" href="' + link in page
    assert 'value="Mon only"' in page  # what the coordinator typed is still there
    assert "Placement saved." not in page
    placement.refresh_from_db()
    assert (placement.mentor_id, placement.days) != (newcomer.pk, "Mon only")


# The student on a placement ----------------------------------------------------------------------------


def row_of(student, **changes) -> dict:
    """The student's row of a class list as the school would upload it again, with `changes`."""
    consent = student.guardian_consent_on.isoformat() if student.guardian_consent_on else ""
    values = {
        "school": student.school.name,
        "legal_first_name": student.legal_first_name,
        "last_name": student.last_name,
        "grade": str(student.grade),
        "date_of_birth": student.date_of_birth.isoformat(),
        "guardian_consent_on": consent,
    }
    return student_row(student.district_student_id, **(values | changes))


def test_taking_away_the_guardian_consent_of_a_student_on_an_active_placement_is_refused():
    placement = running()
    student = placement.student

    refusal = refused(lambda: services.student_update(student=student, by=None, guardian_consent_on=None))

    assert refusal.messages == [
        services.student_refusal_lead(student),
        f"{student.partner_name}'s internship at {placement.partnership.business.name}: "
        f"{student.full_name}'s guardian consent is not on file.",
    ]
    assert Student.objects.get(pk=student.pk).guardian_consent_on is not None


def test_once_the_placement_is_paused_the_consent_may_be_withdrawn():
    placement = running()
    services.placement_transition(placement=placement, to_status=Status.PAUSED, by=None)

    services.student_update(student=placement.student, by=None, guardian_consent_on=None)

    assert Student.objects.get(pk=placement.student_id).guardian_consent_on is None


def test_the_student_edit_page_refuses_it_and_links_to_the_placement_fix(coordinator_client):
    placement = running()
    student = placement.student
    data = {
        "legal_first_name": "Changed",
        "last_name": student.last_name,
        "date_of_birth": student.date_of_birth.isoformat(),
        "grade": student.grade,
        "school": student.school_id,
        "district_student_id": student.district_student_id,
        "guardian_consent_on": "",
        "disclosure_basis": student.disclosure_basis,
    }

    response = coordinator_client.post(reverse("students:student_edit", args=[student.pk]), data)

    assert response.status_code == 200
    assert services.student_refusal_lead(student) in text(response)
    assert 'value="Changed"' in text(response)
    assert Student.objects.get(pk=student.pk).legal_first_name != "Changed"


def test_an_import_that_takes_the_consent_away_names_the_line_and_column_and_imports_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    placement = running()
    student = placement.student
    row = row_of(student, guardian_consent_on="")
    other = student_row("S-NEW-1", school=student.school.name)

    job = new_job("students", to_csv([other, row]))

    assert job.status == ImportJob.Status.INVALID
    (error,) = job.errors
    assert (error["line"], error["column"]) == (3, "guardian_consent_on")
    assert error["message"].startswith(services.student_refusal_lead(student))
    assert f"{student.full_name}'s guardian consent is not on file." in error["message"]
    assert Student.objects.get(pk=student.pk).guardian_consent_on is not None
    assert not Student.objects.filter(district_student_id="S-NEW-1").exists()


def test_the_celery_import_task_refuses_it_too_when_the_consent_goes_after_the_dry_run(settings, tmp_path):
    """The worker checks the file again before writing: a placement started since the check is kept."""
    settings.MEDIA_ROOT = tmp_path
    placement = ready_placement()
    student = placement.student
    row = row_of(student, guardian_consent_on="")
    job = new_job("students", to_csv([row]))
    assert job.status == ImportJob.Status.CHECKED  # not started yet: taking the consent away is allowed
    services.placement_activate(placement=placement, by=None)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)

    assert imports.run_import(job.pk) == ImportJob.Status.FAILED

    job.refresh_from_db()
    assert [(error["line"], error["column"]) for error in job.errors] == [(2, "guardian_consent_on")]
    assert Student.objects.get(pk=student.pk).guardian_consent_on is not None


def test_an_import_that_changes_other_details_of_a_student_on_a_placement_goes_through(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    placement = running()
    student = placement.student
    row = row_of(student, guardian_phone="555-0111")

    job = imports_jobs.apply(new_job("students", to_csv([row])))

    assert (job.status, job.errors) == (ImportJob.Status.DONE, [])
    assert Student.objects.get(pk=student.pk).guardian_phone == "555-0111"


# People at the business and the partnership ------------------------------------------------------


def test_the_mentor_of_an_active_placement_cannot_be_deactivated():
    placement = running()
    mentor = placement.mentor

    refusal = refused(lambda: partnership_services.contact_deactivate(contact=mentor, by=None))

    assert refusal.messages == [
        f"{mentor} mentors students on active placements: name another mentor on these before deactivating:",
        f"{placement.student.partner_name}'s internship at {placement.partnership.business.name}: "
        f"Mentor {mentor} is no longer active.",
    ]
    assert refusal.fixes[0].url == reverse("students:placement_edit", args=[placement.pk])
    assert Contact.objects.get(pk=mentor.pk).active


def test_the_deactivate_page_shows_which_placement_to_give_another_mentor(coordinator_client):
    placement = running()

    response = coordinator_client.post(reverse("partnerships:contact_deactivate", args=[placement.mentor_id]), {})

    assert response.status_code == 200
    assert f'href="{reverse("students:placement_edit", args=[placement.pk])}">Name another mentor</a>' in text(response)
    assert Contact.objects.get(pk=placement.mentor_id).active


def test_once_someone_else_mentors_it_the_old_mentor_may_leave():
    placement = running()
    mentor = placement.mentor
    successor = BackgroundCheckFactory(contact=uncleared(placement), expires_on=days_from_today(800)).contact
    services.placement_update(placement=placement, by=None, mentor=successor)

    partnership_services.contact_deactivate(contact=mentor, by=None)

    assert not Contact.objects.get(pk=mentor.pk).active


def test_a_partnership_with_active_placements_cannot_be_paused():
    placement = running()
    partnership = placement.partnership

    refusal = refused(
        lambda: partnership_services.partnership_transition(
            partnership=partnership, to_status=Partnership.Status.PAUSED, by=None
        )
    )

    assert refusal.messages == [
        f"{partnership.name} cannot become paused while placements there are active. Pause or complete them first:",
        f"{placement.student.partner_name}'s internship at {partnership.business.name}.",
    ]
    assert refusal.fixes[0].url == placement.get_absolute_url()
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.ACTIVE
    assert not partnership.status_changes.exists()


@pytest.mark.parametrize("placement_status", [Status.ACTIVE, Status.PAUSED])
def test_a_partnership_cannot_end_while_a_placement_is_under_way_even_a_paused_one(placement_status):
    placement = running()
    if placement_status == Status.PAUSED:
        services.placement_transition(placement=placement, to_status=Status.PAUSED, by=None)
    partnership = placement.partnership

    refusal = refused(
        lambda: partnership_services.partnership_transition(
            partnership=partnership, to_status=Partnership.Status.ENDED, by=None
        )
    )

    assert refusal.messages == [
        f"{partnership.name} cannot end while placements there are under way. Complete or cancel them first:",
        f"{placement.student.partner_name}'s internship at {partnership.business.name}.",
    ]
    assert Partnership.objects.get(pk=partnership.pk).status == Partnership.Status.ACTIVE


@pytest.mark.parametrize(
    ("placement_to", "partnership_to"),
    [(Status.COMPLETED, Partnership.Status.ENDED), (Status.PAUSED, Partnership.Status.PAUSED)],
)
def test_once_its_placements_are_out_of_the_way_the_partnership_may_follow(placement_to, partnership_to):
    """Finished placements let it end; paused ones let it pause."""
    placement = running()
    services.placement_transition(placement=placement, to_status=placement_to, by=None)

    partnership_services.partnership_transition(partnership=placement.partnership, to_status=partnership_to, by=None)

    assert Partnership.objects.get(pk=placement.partnership_id).status == partnership_to


def test_the_partnership_page_says_which_placements_to_pause_first(coordinator_client):
    placement = running()
    url = reverse("partnerships:transition", args=[placement.partnership_id, "paused"])

    response = coordinator_client.post(url, {"reason": "Renovation."})

    assert response.status_code == 200
    page = text(response)
    assert "cannot become paused while placements there are active. Pause or complete them first:" in page
    link = f'<a class="alert-link" href="{placement.get_absolute_url()}">Open the placement</a>'
    assert f"<li>{placement.student.partner_name}'s internship at {placement.partnership.business.name}. {link}" in page


def test_a_handoff_of_the_business_primary_keeps_the_gate(coordinator):
    """Points of contact change hands on a running partnership without a gap, so no placement notices."""
    placement = running()
    primary = placement.partnership.points_of_contact.get(side="business", end_date=None)
    successor = ContactFactory(organization=placement.partnership.business)

    partnership_services.poc_handoff(poc=primary, successor=successor, by=coordinator)

    assert readiness.problems(Placement.objects.get(pk=placement.pk)) == []


@pytest.mark.django_db(transaction=True)
def test_a_watch_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError):
        readiness.Watch(Placement.objects.all())


def test_a_refusal_is_a_validation_error_so_every_caller_handles_it():
    placement = running()
    with pytest.raises(ValidationError):
        services.placement_update(placement=placement, by=None, mentor=None)


# A caller's copy older than the stored row never undoes what happened since ---------------------------


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
