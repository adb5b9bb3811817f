"""Thank-you prompts at milestones (communications/thanks/services.py): completions, hours, anniversaries
and events, each once."""

import datetime

import pytest
from django.utils import timezone

from communications.models import LogEntry, ThankYouNote
from communications.thanks import services as thanks
from partnerships.models import Partnership
from students.models import Placement
from tests.communications.thanks.helpers import Milestone, Status, completed, days_ago, keys, log_hours
from tests.factories import (
    LogEntryFactory,
    PlacementFactory,
    StudentFactory,
    ThankYouNoteFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Prompts at milestones -------------------------------------------------------------------------------


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
