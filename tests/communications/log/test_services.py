"""The communications log's rules in communications/log/services.py: "last contacted" follows the live
entries, a contact is logged once it has happened and only with the partnership's own people, and the
"not contacted" list follows the policy's cadence."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communications.log.services import log_entry_save, log_entry_void, partnerships_not_contacted
from communications.models import LogEntry
from partnerships.models import Partnership
from tests.factories import (
    ContactFactory,
    CoordinatorFactory,
    DistrictFactory,
    PartnershipFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def _ago(**kwargs) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**kwargs)


def _log(partnership, occurred_at, **kwargs):
    kwargs.setdefault("by", CoordinatorFactory())
    kwargs.setdefault("channel", LogEntry.Channel.PHONE)
    kwargs.setdefault("direction", LogEntry.Direction.OUTGOING)
    kwargs.setdefault("summary", "Planned the spring mentoring day.")
    return log_entry_save(partnership=partnership, occurred_at=occurred_at, **kwargs)


def _last_contacted(partnership):
    return Partnership.objects.get(pk=partnership.pk).last_contacted_at


def test_saving_an_entry_sets_last_contacted():
    partnership = active_partnership()
    when = _ago(days=2)
    _log(partnership, when)
    assert _last_contacted(partnership) == when
    assert partnership.last_contacted_at == when


def test_an_older_entry_does_not_move_last_contacted_back():
    partnership = active_partnership()
    recent = _ago(days=1)
    _log(partnership, recent)
    _log(partnership, _ago(days=10))
    assert _last_contacted(partnership) == recent


def test_editing_the_latest_entry_to_an_earlier_time_moves_last_contacted_back():
    partnership = active_partnership()
    older = _ago(days=10)
    _log(partnership, older)
    latest = _log(partnership, _ago(days=1))
    log_entry_save(
        partnership=partnership,
        by=latest.logged_by,
        occurred_at=_ago(days=20),
        channel=latest.channel,
        direction=latest.direction,
        summary=latest.summary,
        entry=latest,
    )
    assert _last_contacted(partnership) == older
    assert LogEntry.objects.count() == 2


def test_voiding_the_latest_entry_falls_back_to_the_previous_one():
    partnership = active_partnership()
    older = _ago(days=10)
    _log(partnership, older)
    latest = _log(partnership, _ago(days=1))
    log_entry_void(entry=latest, by=latest.logged_by, reason="Logged against the wrong partnership.")
    assert _last_contacted(partnership) == older
    latest.refresh_from_db()
    assert latest.is_voided


def test_voiding_the_only_entry_leaves_the_partnership_never_contacted():
    partnership = active_partnership()
    entry = _log(partnership, _ago(days=1))
    log_entry_void(entry=entry, by=entry.logged_by, reason="Duplicate.")
    assert _last_contacted(partnership) is None


def test_void_needs_a_reason_and_changes_nothing_without_one():
    partnership = active_partnership()
    entry = _log(partnership, _ago(days=1))
    with pytest.raises(ValidationError):
        log_entry_void(entry=entry, by=entry.logged_by, reason="  ")
    assert _last_contacted(partnership) == entry.occurred_at


def test_a_voided_entry_cannot_be_edited():
    partnership = active_partnership()
    entry = _log(partnership, _ago(days=1))
    log_entry_void(entry=entry, by=entry.logged_by, reason="Duplicate.")
    with pytest.raises(ValidationError):
        _log(partnership, _ago(days=2), entry=entry)


def test_a_contact_in_the_future_is_refused():
    partnership = active_partnership()
    with pytest.raises(ValidationError) as error:
        _log(partnership, timezone.now() + datetime.timedelta(hours=2))
    assert "occurred_at" in error.value.error_dict
    assert not LogEntry.objects.exists()
    assert _last_contacted(partnership) is None


def test_an_empty_summary_is_refused():
    with pytest.raises(ValidationError) as error:
        _log(active_partnership(), _ago(hours=1), summary="   ")
    assert "summary" in error.value.error_dict


def test_a_contact_from_another_business_is_refused():
    partnership = active_partnership()
    stranger = ContactFactory()  # at some other business
    with pytest.raises(ValidationError) as error:
        _log(partnership, _ago(hours=1), contacts=[stranger])
    assert "contacts" in error.value.error_dict
    assert not LogEntry.objects.exists()


def test_people_of_both_sides_and_the_district_may_take_part():
    partnership = active_partnership()
    people = [
        ContactFactory(organization=partnership.business),
        ContactFactory(organization=partnership.school),
        ContactFactory(organization=DistrictFactory()),
    ]
    coordinator = CoordinatorFactory()
    entry = _log(partnership, _ago(hours=1), contacts=people, users=[coordinator], follow_up_on=timezone.localdate())
    assert set(entry.contacts.all()) == set(people)
    assert list(entry.users.all()) == [coordinator]
    assert entry.follow_up_on == timezone.localdate()


def _contacted_on(partnership, day: datetime.date):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    if moment > timezone.now():
        moment = timezone.now() - datetime.timedelta(minutes=1)
    _log(partnership, moment)


def test_not_contacted_list_starts_the_day_after_the_cadence_runs_out():
    today = timezone.localdate()
    on_time = active_partnership(name="On time")
    overdue = active_partnership(name="Overdue")
    _contacted_on(on_time, today - datetime.timedelta(days=30))
    _contacted_on(overdue, today - datetime.timedelta(days=31))
    assert list(partnerships_not_contacted(today, 30)) == [overdue]


def test_not_contacted_list_puts_never_contacted_first_then_the_longest_silent():
    today = timezone.localdate()
    long_ago = active_partnership(name="A long ago")
    a_while = PartnershipFactory(name="B a while", status=Partnership.Status.PAUSED)
    never = PartnershipFactory(name="C never", status=Partnership.Status.ONBOARDING)
    _contacted_on(long_ago, today - datetime.timedelta(days=90))
    _contacted_on(a_while, today - datetime.timedelta(days=40))
    assert list(partnerships_not_contacted(today, 30)) == [never, long_ago, a_while]


def test_not_contacted_list_leaves_out_ended_and_prospect_partnerships():
    PartnershipFactory(status=Partnership.Status.ENDED)
    PartnershipFactory(status=Partnership.Status.PROSPECT)
    assert list(partnerships_not_contacted(timezone.localdate(), 30)) == []


def test_a_voided_contact_does_not_count_for_the_cadence():
    partnership = active_partnership()
    entry = _log(partnership, _ago(hours=1))
    assert list(partnerships_not_contacted(timezone.localdate(), 30)) == []
    log_entry_void(entry=entry, by=entry.logged_by, reason="Never happened.")
    assert list(partnerships_not_contacted(timezone.localdate(), 30)) == [partnership]
