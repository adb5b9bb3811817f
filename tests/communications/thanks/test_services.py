"""Thank-you notes, the rules in communications.thanks: milestone prompts, asking a student, the student's
note, approval (perhaps edited) or rejection, the partner's email, and who was thanked this term."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import signed_links
from communications.models import LogEntry, ThankYouNote
from communications.thanks import selectors as thanks_selectors
from communications.thanks import services as thanks
from communications.thanks import tasks as thanks_tasks
from partnerships.models import Partnership, PointOfContact, Side
from students.models import Placement
from tests.factories import (
    ContactFactory,
    GradingPeriodFactory,
    HoursEntryFactory,
    LogEntryFactory,
    PartnerMembershipFactory,
    PlacementFactory,
    PointOfContactFactory,
    StudentFactory,
    ThankYouNoteFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Milestone = ThankYouNote.Milestone
Status = ThankYouNote.Status


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def completed(end_days_ago: int, **kwargs) -> Placement:
    kwargs.setdefault("start_date", days_ago(end_days_ago + 90))
    return PlacementFactory.create(status=Placement.Status.COMPLETED, end_date=days_ago(end_days_ago), **kwargs)


def log_hours(placement, total, on: datetime.date):
    """`total` hours on one day, in entries of at most 24 hours (a day's most)."""
    left = Decimal(str(total))
    while left > 0:
        chunk = min(left, Decimal(24))
        HoursEntryFactory(placement=placement, hours=chunk, date=on)
        left -= chunk


def keys(notes) -> set[str]:
    return {note.milestone_key for note in notes}


# Prompts: placement completed


def test_a_placement_completed_in_the_window_gets_a_prompt_with_its_student_and_a_link():
    placement = completed(3, student=StudentFactory(legal_first_name="Maya", last_name="Rivera"))
    created = thanks.thank_you_prompts_create(timezone.localdate())
    assert len(created) == 1
    note = ThankYouNote.objects.get()
    assert note.milestone == Milestone.PLACEMENT_COMPLETED
    assert note.milestone_key == f"placement:{placement.pk}"
    assert note.milestone_on == placement.end_date
    assert (note.partnership, note.placement, note.student) == (placement.partnership, placement, placement.student)
    assert note.status == Status.PROMPTED
    assert note.link.purpose == thanks.THANKS_LINK
    assert note.link.recipient_name == "Maya R."
    lifetime = note.link.expires_at - note.link.created_at
    assert datetime.timedelta(days=29, hours=23) < lifetime <= datetime.timedelta(days=30)


@pytest.mark.parametrize(("ended", "prompted"), [(0, True), (14, True), (15, False), (-1, False)])
def test_completion_prompts_only_within_the_last_14_days(ended, prompted):
    completed(ended)
    assert bool(thanks.thank_you_prompts_create(timezone.localdate())) is prompted


def test_a_placement_still_active_is_not_a_completion():
    PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(90), end_date=days_ago(2))
    assert thanks.thank_you_prompts_create(timezone.localdate()) == []


def test_running_the_sweep_again_creates_nothing_and_keeps_the_first_link():
    completed(2)
    today = timezone.localdate()
    first = thanks.thank_you_prompts_create(today)
    assert thanks.thank_you_prompts_create(today) == []
    assert thanks.thank_you_prompts_create(today + datetime.timedelta(days=1)) == []
    note = ThankYouNote.objects.get()
    assert note.link_id == first[0].link_id


def test_a_prompt_made_by_another_sweep_meanwhile_is_not_made_again_or_returned():
    placement = completed(2)
    ThankYouNoteFactory(
        partnership=placement.partnership, milestone_key=f"placement:{placement.pk}", milestone_on=placement.end_date
    )
    assert thanks.thank_you_prompts_create(timezone.localdate()) == []
    assert ThankYouNote.objects.count() == 1


# Prompts: hours reached


def test_hours_crossing_50_prompts_on_the_date_of_the_entry_that_crossed():
    placement = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    log_hours(placement, "40", days_ago(60))  # older hours count too
    log_hours(placement, "8", days_ago(9))
    log_hours(placement, "3", days_ago(5))  # 51: crosses here
    log_hours(placement, "3", days_ago(2))
    created = thanks.thank_you_prompts_create(timezone.localdate())
    assert keys(created) == {f"hours:50:{placement.pk}"}
    note = created[0]
    assert note.milestone == Milestone.HOURS_REACHED
    assert note.milestone_on == days_ago(5)
    assert note.student == placement.student and note.link is not None


def test_reaching_exactly_the_threshold_counts_and_one_day_can_cross_both():
    exact = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    log_hours(exact, "49.5", days_ago(30))
    log_hours(exact, "0.5", days_ago(1))
    both = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    log_hours(both, "45", days_ago(40))
    log_hours(both, "60", days_ago(3))
    created = thanks.thank_you_prompts_create(timezone.localdate())
    assert keys(created) == {f"hours:50:{exact.pk}", f"hours:50:{both.pk}", f"hours:100:{both.pk}"}


def test_a_threshold_crossed_before_the_window_is_not_prompted_even_with_new_hours():
    placement = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    log_hours(placement, "55", days_ago(15))
    log_hours(placement, "5", days_ago(1))
    assert thanks.thank_you_prompts_create(timezone.localdate()) == []


def test_below_the_threshold_nothing_is_prompted_and_hours_are_counted_per_placement():
    one = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    other = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    log_hours(one, "30", days_ago(3))
    log_hours(other, "30", days_ago(2))
    assert thanks.thank_you_prompts_create(timezone.localdate()) == []


def test_hours_prompts_are_made_once():
    placement = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
    log_hours(placement, "51", days_ago(3))
    assert len(thanks.thank_you_prompts_create(timezone.localdate())) == 1
    log_hours(placement, "2", days_ago(1))
    assert thanks.thank_you_prompts_create(timezone.localdate()) == []


# Prompts: anniversary and event


def test_an_active_partnership_anniversary_in_the_window_is_prompted_without_a_student():
    today = timezone.localdate()
    start = (today - datetime.timedelta(days=5)).replace(year=today.year - 2)
    partnership = active_partnership(start_date=start)
    created = thanks.thank_you_prompts_create(today)
    assert len(created) == 1
    note = created[0]
    assert note.partnership == partnership and note.milestone == Milestone.ANNIVERSARY
    assert note.milestone_key == f"anniversary:{(today - datetime.timedelta(days=5)).year}"
    assert note.milestone_on == today - datetime.timedelta(days=5)
    assert note.student is None and note.link is None


def test_no_anniversary_in_the_first_year_for_an_old_one_or_for_a_paused_partnership():
    today = timezone.localdate()
    active_partnership(start_date=today - datetime.timedelta(days=3))  # started this week: no birthday yet
    day = today - datetime.timedelta(days=20)
    active_partnership(start_date=day.replace(year=day.year - 1))  # anniversary 20 days ago: too old
    recent = today - datetime.timedelta(days=2)
    active_partnership(start_date=recent.replace(year=recent.year - 3), status=Partnership.Status.PAUSED)
    assert thanks.thank_you_prompts_create(today) == []


def test_an_anniversary_across_new_year_is_found_in_the_window():
    today = datetime.date(2027, 1, 5)
    partnership = active_partnership(start_date=datetime.date(2024, 12, 28))
    created = thanks.thank_you_prompts_create(today)
    assert [(n.partnership, n.milestone_key, n.milestone_on) for n in created] == [
        (partnership, "anniversary:2026", datetime.date(2026, 12, 28))
    ]


def test_a_live_event_in_the_window_is_prompted_once_and_a_voided_or_other_entry_is_not():
    event = LogEntryFactory(channel=LogEntry.Channel.EVENT, occurred_at=timezone.now() - datetime.timedelta(days=2))
    LogEntryFactory(
        channel=LogEntry.Channel.EVENT,
        occurred_at=timezone.now() - datetime.timedelta(days=1),
        voided_at=timezone.now(),
        void_reason="Logged twice.",
    )
    LogEntryFactory(channel=LogEntry.Channel.MEETING)
    LogEntryFactory(channel=LogEntry.Channel.EVENT, occurred_at=timezone.now() - datetime.timedelta(days=16))
    created = thanks.thank_you_prompts_create(timezone.localdate())
    assert [(n.partnership, n.milestone, n.milestone_key) for n in created] == [
        (event.partnership, Milestone.EVENT_HOSTED, f"event:{event.pk}")
    ]
    assert created[0].milestone_on == timezone.localtime(event.occurred_at).date()
    assert thanks.thank_you_prompts_create(timezone.localdate()) == []


def test_the_sweep_uses_a_handful_of_queries_however_many_placements(django_assert_max_num_queries):
    for _ in range(6):
        placement = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(100))
        log_hours(placement, "20", days_ago(2))
    thanks.thank_you_prompts_create(timezone.localdate())  # nothing is due
    with django_assert_max_num_queries(4):
        assert thanks.thank_you_prompts_create(timezone.localdate()) == []


# Starting and asking by hand


def test_a_coordinator_starts_a_note_by_hand_with_a_unique_key(coordinator):
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    first = thanks.thanks_start(
        partnership=placement.partnership,
        by=coordinator,
        milestone=Milestone.EVENT_HOSTED,
        milestone_on=days_ago(1),
        placement=placement,
    )
    second = thanks.thanks_start(
        partnership=placement.partnership, by=coordinator, milestone=Milestone.EVENT_HOSTED, milestone_on=days_ago(1)
    )
    assert first.milestone_key.startswith("manual:") and first.milestone_key != second.milestone_key
    assert first.student == placement.student and first.status == Status.PROMPTED and first.link is None
    assert second.student is None


def test_starting_a_note_refuses_a_future_date_and_another_partnerships_placement(coordinator):
    partnership = active_partnership()
    with pytest.raises(ValidationError) as error:
        thanks.thanks_start(
            partnership=partnership,
            by=coordinator,
            milestone=Milestone.ANNIVERSARY,
            milestone_on=days_ago(-1),
            placement=PlacementFactory(),
        )
    assert set(error.value.error_dict) == {"milestone_on", "placement"}
    assert not ThankYouNote.objects.exists()


def test_starting_a_note_refuses_an_ended_partnership(coordinator):
    partnership = active_partnership(status=Partnership.Status.ENDED, end_date=timezone.localdate())
    with pytest.raises(ValidationError, match="has ended"):
        thanks.thanks_start(
            partnership=partnership, by=coordinator, milestone=Milestone.ANNIVERSARY, milestone_on=days_ago(1)
        )


def test_inviting_a_student_makes_a_30_day_link_in_their_partner_name(coordinator):
    note = ThankYouNoteFactory()
    student = StudentFactory(preferred_first_name="Jo", legal_first_name="Joanna", last_name="Smith")
    PlacementFactory(partnership=note.partnership, student=student, status=Placement.Status.COMPLETED)
    link = thanks.thanks_invite(note=note, student=student, by=coordinator)
    note.refresh_from_db()
    assert note.link == link and note.student == student
    assert link.recipient_name == "Jo S." and link.created_by == coordinator
    assert signed_links.resolve(signed_links.token_for(link)) == link


def test_a_student_without_a_placement_in_the_partnership_cannot_be_invited(coordinator):
    note = ThankYouNoteFactory()
    elsewhere = PlacementFactory(status=Placement.Status.ACTIVE)  # another partnership
    cancelled = PlacementFactory(
        partnership=note.partnership, status=Placement.Status.CANCELLED, cancel_reason="Moved away"
    )
    for student in (elsewhere.student, cancelled.student):
        with pytest.raises(ValidationError) as error:
            thanks.thanks_invite(note=note, student=student, by=coordinator)
        assert "student" in error.value.error_dict
    note.refresh_from_db()
    assert note.link is None


def test_a_new_invite_replaces_the_unused_earlier_link(coordinator):
    note = ThankYouNoteFactory()
    first = PlacementFactory(partnership=note.partnership, status=Placement.Status.ACTIVE).student
    second = PlacementFactory(partnership=note.partnership, status=Placement.Status.ACTIVE).student
    old = thanks.thanks_invite(note=note, student=first, by=coordinator)
    new = thanks.thanks_invite(note=note, student=second, by=coordinator)
    old.refresh_from_db()
    assert old.is_expired
    with pytest.raises(signed_links.LinkInvalid):
        signed_links.resolve(signed_links.token_for(old))
    note.refresh_from_db()
    assert note.link == new and note.student == second


def test_a_submitted_note_cannot_be_given_a_new_student(coordinator):
    note = ThankYouNoteFactory(status=Status.SUBMITTED)
    student = PlacementFactory(partnership=note.partnership, status=Placement.Status.ACTIVE).student
    with pytest.raises(ValidationError, match="waiting for approval"):
        thanks.thanks_invite(note=note, student=student, by=coordinator)


# The student's note


@pytest.fixture
def invited(coordinator):
    note = ThankYouNoteFactory()
    student = StudentFactory(legal_first_name="Maya", last_name="Rivera")
    PlacementFactory(partnership=note.partnership, student=student, status=Placement.Status.ACTIVE)
    thanks.thanks_invite(note=note, student=student, by=coordinator)
    note.refresh_from_db()
    return note


def test_submitting_keeps_the_words_as_written_uses_the_link_and_signs_with_the_partner_name(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="  Thank you for teaching me CAD!  ", signed_as="")
    invited.refresh_from_db()
    assert invited.status == Status.SUBMITTED and invited.submitted_at is not None
    assert invited.body == invited.original_body == "Thank you for teaching me CAD!"
    assert invited.signed_as == "Maya R."
    assert invited.link.is_used


def test_the_link_works_once(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="Thank you!", signed_as="Maya")
    with pytest.raises(ValidationError, match="already been used"):
        thanks.thanks_submit(note=invited, link=invited.link, body="Changed my mind", signed_as="Maya")
    invited.refresh_from_db()
    assert invited.body == "Thank you!"


def test_an_expired_link_cannot_submit(invited):
    invited.link.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invited.link.save()
    with pytest.raises(ValidationError):
        thanks.thanks_submit(note=invited, link=invited.link, body="Thank you!", signed_as="")
    invited.refresh_from_db()
    assert invited.status == Status.PROMPTED


@pytest.mark.parametrize(("body", "message"), [("   ", "Write the note"), ("x" * 2001, "2,000 characters")])
def test_the_body_is_required_and_at_most_2000_characters(invited, body, message):
    with pytest.raises(ValidationError, match=message):
        thanks.thanks_submit(note=invited, link=invited.link, body=body, signed_as="")
    invited.refresh_from_db()
    assert invited.status == Status.PROMPTED and not invited.link.is_used


def test_2000_characters_are_allowed(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="y" * 2000, signed_as="")
    invited.refresh_from_db()
    assert len(invited.body) == 2000


def test_another_notes_link_cannot_submit_this_note(invited, coordinator):
    other = ThankYouNoteFactory(partnership=invited.partnership)
    thanks.thanks_invite(note=other, student=invited.student, by=coordinator)
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        thanks.thanks_submit(note=invited, link=other.link, body="Thanks", signed_as="")
    other.link.refresh_from_db()
    assert not other.link.is_used


# Approval and rejection


@pytest.fixture
def submitted(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="Thank you for the internship.", signed_as="Maya R.")
    invited.refresh_from_db()
    return invited


def test_approving_records_who_and_when_and_emails_the_partner(
    submitted, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thanks.thanks_approve(note=submitted, by=coordinator)
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.reviewed_by == coordinator and submitted.reviewed_at is not None
    assert submitted.delivered_at is not None
    assert len(mail.outbox) == 1


def test_an_edited_note_is_delivered_and_the_students_words_are_kept(
    submitted, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thanks.thanks_approve(note=submitted, by=coordinator, body="Thank you for the wonderful internship.")
    submitted.refresh_from_db()
    assert submitted.body == "Thank you for the wonderful internship."
    assert submitted.original_body == "Thank you for the internship."
    assert "wonderful internship" in mail.outbox[0].body


def test_an_edit_cannot_empty_the_note(submitted, coordinator):
    with pytest.raises(ValidationError, match="Write the note"):
        thanks.thanks_approve(note=submitted, by=coordinator, body="  ")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.PROMPTED, Status.APPROVED, Status.REJECTED])
def test_only_a_submitted_note_is_approved_or_rejected(status, coordinator):
    note = ThankYouNoteFactory(status=status, reviewed_at=timezone.now() if status != Status.PROMPTED else None)
    with pytest.raises(ValidationError, match="Only a note waiting for approval"):
        thanks.thanks_approve(note=note, by=coordinator)
    with pytest.raises(ValidationError, match="Only a note waiting for approval"):
        thanks.thanks_reject(note=note, by=coordinator, reason="No")
    assert ThankYouNote.objects.get(pk=note.pk).status == status


def test_rejecting_needs_a_reason_and_sends_nothing(submitted, coordinator, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as error:
        thanks.thanks_reject(note=submitted, by=coordinator, reason=" ")
    assert "reason" in error.value.error_dict
    with django_capture_on_commit_callbacks(execute=True):
        thanks.thanks_reject(note=submitted, by=coordinator, reason="Names a classmate in full.")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED and submitted.reject_reason == "Names a classmate in full."
    assert submitted.reviewed_by == coordinator and submitted.reviewed_at is not None
    assert mail.outbox == []


# Delivery


@pytest.fixture
def approved():
    partnership = active_partnership(school__name="Lincoln High", business__name="Acme Tools")
    student = StudentFactory(legal_first_name="Maya", last_name="Rivera", school=partnership.school)
    return ThankYouNoteFactory(
        partnership=partnership,
        student=student,
        status=Status.APPROVED,
        body="You made me love engineering.",
        original_body="You made me love engineering.",
        signed_as="Maya R.",
        reviewed_at=timezone.now(),
    )


def test_the_email_names_the_school_never_the_student_and_has_html_and_text(approved):
    assert thanks_tasks.deliver_thank_you(approved.pk) > 0
    message = mail.outbox[0]
    assert message.subject == "A thank-you note from a student at Lincoln High"
    assert "Rivera" not in message.subject and "Maya" not in message.subject
    assert "You made me love engineering." in message.body and "Maya R." in message.body
    assert "Rivera" not in message.body
    html, content_type = message.alternatives[0]
    assert content_type == "text/html" and "You made me love engineering." in html
    assert "/portal/thanks/" in message.body


def test_the_email_goes_to_the_business_primary_contact_and_its_portal_users(approved):
    business = approved.partnership.business
    primary = PointOfContact.objects.get(partnership=approved.partnership, side=Side.BUSINESS)
    PointOfContactFactory(
        partnership=approved.partnership,
        side=Side.BUSINESS,
        role=PointOfContact.Role.BACKUP,
        contact=ContactFactory(organization=business, email="backup@example.test"),
    )
    PartnerMembershipFactory(organization=business, user=UserFactory(email="portal@acme.test"))
    PartnerMembershipFactory(organization=business, user=UserFactory(email="gone@acme.test", is_active=False))
    PartnerMembershipFactory(user=UserFactory(email="someone@elsewhere.test"))
    school_side = PointOfContact.objects.get(partnership=approved.partnership, side=Side.SCHOOL)
    assert thanks_tasks.deliver_thank_you(approved.pk) == 2
    assert sorted(mail.outbox[0].to) == sorted([primary.contact.email, "portal@acme.test"])
    assert school_side.contact.email not in mail.outbox[0].to


def test_a_former_primary_contact_is_not_emailed(approved):
    old = PointOfContact.objects.get(partnership=approved.partnership, side=Side.BUSINESS)
    old.end_date = timezone.localdate() - datetime.timedelta(days=1)
    old.save()
    PartnerMembershipFactory(organization=approved.partnership.business, user=UserFactory(email="portal@acme.test"))
    thanks_tasks.deliver_thank_you(approved.pk)
    assert mail.outbox[0].to == ["portal@acme.test"]


def test_the_email_is_sent_once_even_if_the_task_runs_twice(approved):
    assert thanks_tasks.deliver_thank_you(approved.pk) == 1
    assert thanks_tasks.deliver_thank_you(approved.pk) == 0
    assert len(mail.outbox) == 1
    approved.refresh_from_db()
    assert approved.delivered_at is not None


def test_a_failed_send_releases_the_claim_for_the_retry(approved, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        thanks_tasks.deliver_thank_you.run(approved.pk)
    approved.refresh_from_db()
    assert approved.delivered_at is None


def test_a_note_not_approved_is_never_emailed():
    note = ThankYouNoteFactory(status=Status.SUBMITTED, body="Thanks")
    assert thanks_tasks.deliver_thank_you(note.pk) == 0
    assert mail.outbox == []


# Thanked this term


def test_partners_thanked_this_term_counts_notes_approved_in_the_grading_period():
    GradingPeriodFactory(start_date=days_ago(30), end_date=days_ago(-60))
    thanked = active_partnership(name="A Thanked")
    earlier = active_partnership(name="B Thanked last term")
    pending = active_partnership(name="C Only waiting")
    active_partnership(name="D Never")
    active_partnership(name="E Paused", status=Partnership.Status.PAUSED)
    ThankYouNoteFactory(partnership=thanked, status=Status.APPROVED, reviewed_at=timezone.now())
    ThankYouNoteFactory(
        partnership=earlier, status=Status.APPROVED, reviewed_at=timezone.now() - datetime.timedelta(days=31)
    )
    ThankYouNoteFactory(partnership=pending, status=Status.SUBMITTED)
    ThankYouNoteFactory(partnership=pending, status=Status.REJECTED, reviewed_at=timezone.now())
    yes, no = thanks_selectors.partners_thanked_this_term(timezone.localdate())
    assert [p.name for p in yes] == ["A Thanked"]
    assert [p.name for p in no] == ["B Thanked last term", "C Only waiting", "D Never"]


def test_without_a_grading_period_this_term_is_the_last_90_days():
    recent = active_partnership(name="Recent")
    old = active_partnership(name="Old")
    ThankYouNoteFactory(
        partnership=recent, status=Status.APPROVED, reviewed_at=timezone.now() - datetime.timedelta(days=89)
    )
    ThankYouNoteFactory(
        partnership=old, status=Status.APPROVED, reviewed_at=timezone.now() - datetime.timedelta(days=92)
    )
    yes, no = thanks_selectors.partners_thanked_this_term(timezone.localdate())
    assert [p.name for p in yes] == ["Recent"] and [p.name for p in no] == ["Old"]
    assert thanks_selectors.thanks_term(timezone.localdate())[0] == "the last 90 days"


def test_thanked_this_term_takes_two_queries(django_assert_num_queries):
    for _ in range(3):
        ThankYouNoteFactory(partnership=active_partnership(), status=Status.APPROVED, reviewed_at=timezone.now())
    active_partnership()
    with django_assert_num_queries(2):
        yes, no = thanks_selectors.partners_thanked_this_term(timezone.localdate())
        assert [p.business.name for p in yes + no]
    assert (len(yes), len(no)) == (3, 1)
