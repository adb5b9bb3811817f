"""The communications log pages in communications/log/views.py, with good and bad input.

The coordinator persona (Cora Ordinator) logs and voids contacts; partner A gets a 404 everywhere.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.log.services import log_entry_save
from communications.models import LogEntry
from partnerships.models import Partnership
from tests.factories import (
    ContactFactory,
    LogEntryFactory,
    PartnershipFactory,
    SafetyPolicyFactory,
    SchoolFactory,
    active_partnership,
)
from tests.form_data import versioned

pytestmark = pytest.mark.django_db


def _form_time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _post_data(**changes):
    data = {
        "occurred_at": _form_time(timezone.now() - datetime.timedelta(hours=2)),
        "channel": "meeting",
        "direction": "outgoing",
        "summary": "Agreed on two mentors for the robotics club.",
    }
    data.update(changes)
    return data


def _saved(entry: LogEntry, by, **changes) -> LogEntry:
    fields = {
        "partnership": entry.partnership,
        "by": by,
        "occurred_at": entry.occurred_at,
        "channel": entry.channel,
        "direction": entry.direction,
        "summary": entry.summary,
        "entry": entry,
    }
    fields.update(changes)
    return log_entry_save(**fields)


def test_log_lists_live_entries_and_the_partners_not_contacted(coordinator_client):
    SafetyPolicyFactory(partner_check_in_days=21)
    live = LogEntryFactory(summary="Talked about the career fair.")
    LogEntryFactory(summary="A call that never happened.", voided_at=timezone.now(), void_reason="Duplicate")
    active_partnership(name="Quiet Partnership")
    response = coordinator_client.get(reverse("communications:log_list"))
    assertContains(response, "Talked about the career fair.")
    assertNotContains(response, "A call that never happened.")
    assertContains(response, "Not contacted in 21 days")
    assertContains(response, "Quiet Partnership")
    assertContains(response, "never")
    assertContains(response, live.partnership.name)


def test_log_narrowed_to_a_school_lists_only_its_quiet_partnerships(coordinator_client):
    lincoln, hamilton = SchoolFactory(name="Lincoln High"), SchoolFactory(name="Hamilton High")
    active_partnership(name="Quiet at Lincoln", school=lincoln)
    active_partnership(name="Quiet at Hamilton", school=hamilton)

    response = coordinator_client.get(reverse("communications:log_list"), {"school": lincoln.pk})

    assertContains(response, "Quiet at Lincoln")
    assertNotContains(response, "Quiet at Hamilton")
    everywhere = coordinator_client.get(reverse("communications:log_list"), {"school": "not a school"})
    assertContains(everywhere, "Quiet at Hamilton")  # a school that is no school narrows nothing
    assertContains(everywhere, "Select a valid choice")


def test_log_shows_voided_entries_when_asked(coordinator_client):
    LogEntryFactory(summary="A call that never happened.", voided_at=timezone.now(), void_reason="Duplicate")
    response = coordinator_client.get(reverse("communications:log_list"), {"show": "voided"})
    assertContains(response, "A call that never happened.")
    assertContains(response, "Voided")


def test_log_filters_by_partnership_channel_follow_up_and_words(coordinator_client):
    mine = LogEntryFactory(summary="Budget for laptops", channel="email", follow_up_on=timezone.localdate())
    LogEntryFactory(summary="Budget for the fair", channel="phone")
    url = reverse("communications:log_list")
    for params in (
        {"partnership": mine.partnership.pk},
        {"channel": "email"},
        {"follow_up": "due"},
        {"q": "laptops"},
        {"school": mine.partnership.school_id},
    ):
        response = coordinator_client.get(url, params)
        assertContains(response, "Budget for laptops")
        assertNotContains(response, "Budget for the fair")


def test_log_survives_bad_filters(coordinator_client):
    response = coordinator_client.get(
        reverse("communications:log_list"), {"partnership": "nope", "channel": "fax", "page": "x", "q": "a\x00b"}
    )
    assert response.status_code == 200


def test_log_create_without_a_partnership_asks_for_one(coordinator_client):
    response = coordinator_client.get(reverse("communications:log_create"))
    assertContains(response, "Which partnership was it with?")


def test_log_create_offers_only_the_partnerships_people(coordinator_client):
    partnership = active_partnership()
    theirs = ContactFactory(organization=partnership.business, last_name="Insider")
    ContactFactory(last_name="Outsider")
    response = coordinator_client.get(reverse("communications:log_create"), {"partnership": partnership.pk})
    assertContains(response, "Insider")
    assertNotContains(response, "Outsider")
    assert theirs.pk


def test_logging_a_contact_updates_last_contacted(coordinator, coordinator_client):
    partnership = active_partnership()
    person = ContactFactory(organization=partnership.business)
    # This minute, truncated: earlier than now and always on today's date, even just after midnight.
    when = timezone.now().replace(second=0, microsecond=0)
    url = reverse("communications:log_create") + f"?partnership={partnership.pk}"
    response = coordinator_client.post(
        url, _post_data(occurred_at=_form_time(when), contacts=[person.pk], users=[coordinator.pk])
    )
    assertRedirects(response, reverse("communications:log_list"))
    entry = LogEntry.objects.get()
    assert entry.logged_by == coordinator
    assert list(entry.contacts.all()) == [person]
    partnership.refresh_from_db()
    assert partnership.last_contacted_at == when
    detail = coordinator_client.get(partnership.get_absolute_url())
    assertContains(detail, "Last contacted")
    assertContains(detail, "today")


def test_partnership_page_says_never_contacted(coordinator_client):
    partnership = active_partnership()
    response = coordinator_client.get(partnership.get_absolute_url())
    assertContains(response, "Never")
    assertContains(response, f"{reverse('communications:log_create')}?partnership={partnership.pk}")


def test_logging_a_future_contact_shows_the_error(coordinator_client):
    partnership = active_partnership()
    url = reverse("communications:log_create") + f"?partnership={partnership.pk}"
    response = coordinator_client.post(
        url, _post_data(occurred_at=_form_time(timezone.now() + datetime.timedelta(days=1)))
    )
    assert response.status_code == 200
    assertContains(response, "Log a contact once it has happened")
    assert not LogEntry.objects.exists()


def test_logging_with_someone_elses_contact_is_refused(coordinator_client):
    partnership = active_partnership()
    stranger = ContactFactory()
    url = reverse("communications:log_create") + f"?partnership={partnership.pk}"
    response = coordinator_client.post(url, _post_data(contacts=[stranger.pk]))
    assert response.status_code == 200
    assert not LogEntry.objects.exists()


def test_logging_without_a_summary_is_refused(coordinator_client):
    partnership = active_partnership()
    url = reverse("communications:log_create") + f"?partnership={partnership.pk}"
    response = coordinator_client.post(url, _post_data(summary=""))
    assert response.status_code == 200
    assert not LogEntry.objects.exists()


def test_log_create_for_a_missing_partnership_is_404(coordinator_client):
    response = coordinator_client.get(reverse("communications:log_create"), {"partnership": 999999})
    assert response.status_code == 404


def test_editing_an_entry_moves_last_contacted(coordinator, coordinator_client):
    entry = _saved(LogEntryFactory(), coordinator)
    earlier = (timezone.now() - datetime.timedelta(days=5)).replace(second=0, microsecond=0)
    url = reverse("communications:log_edit", args=[entry.pk])
    assertContains(coordinator_client.get(url), "Correct this entry")
    response = coordinator_client.post(
        url, versioned(entry, _post_data(occurred_at=_form_time(earlier), summary="Corrected."))
    )
    assertRedirects(response, reverse("communications:log_list"))
    entry.refresh_from_db()
    assert entry.summary == "Corrected."
    assert Partnership.objects.get(pk=entry.partnership_id).last_contacted_at == earlier


def test_void_flow_asks_for_a_reason_then_falls_back(coordinator, coordinator_client):
    partnership = active_partnership()
    older = _saved(
        LogEntryFactory(partnership=partnership, occurred_at=timezone.now() - datetime.timedelta(days=9)), coordinator
    )
    latest = _saved(LogEntryFactory(partnership=partnership), coordinator)
    url = reverse("communications:log_void", args=[latest.pk])
    assertContains(coordinator_client.get(url), "Void this log entry?")
    response = coordinator_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assertContains(response, "Say why this record is voided")
    latest.refresh_from_db()
    assert not latest.is_voided

    response = coordinator_client.post(url, {"reason": "Logged twice."})
    assertRedirects(response, reverse("communications:log_edit", args=[latest.pk]))
    latest.refresh_from_db()
    assert latest.is_voided
    assert latest.voided_by == coordinator
    assert Partnership.objects.get(pk=partnership.pk).last_contacted_at == older.occurred_at

    page = coordinator_client.get(reverse("communications:log_edit", args=[latest.pk]))
    assertContains(page, "Logged twice.")
    assertNotContains(page, "Correct this entry")
    assert (
        coordinator_client.post(reverse("communications:log_edit", args=[latest.pk]), _post_data()).status_code == 403
    )
    again = coordinator_client.post(url, {"reason": "Again."})
    assertRedirects(again, reverse("communications:log_edit", args=[latest.pk]))


def test_partner_gets_404_on_every_communications_page(partner_a_client, business_a):
    entry = LogEntryFactory(partnership=active_partnership(business=business_a))
    urls = [
        reverse("communications:log_list"),
        reverse("communications:log_create") + f"?partnership={entry.partnership_id}",
        reverse("communications:log_edit", args=[entry.pk]),
        reverse("communications:log_void", args=[entry.pk]),
    ]
    for url in urls:
        assert partner_a_client.get(url).status_code == 404
        assert partner_a_client.post(url, {"reason": "x", **_post_data()}).status_code == 404
    assert not LogEntry.objects.filter(voided_at__isnull=False).exists()


def test_ended_partnership_is_not_offered_when_choosing(coordinator_client):
    PartnershipFactory(name="Finished Partnership", status=Partnership.Status.ENDED)
    response = coordinator_client.get(reverse("communications:log_create"))
    assertNotContains(response, "Finished Partnership")


def test_log_counts_no_further_than_its_cap_and_says_more_than(coordinator_client, monkeypatch):
    monkeypatch.setattr("communications.log.views.LOG_COUNT_CAP", 3)
    partnership = active_partnership()
    LogEntryFactory.create_batch(4, partnership=partnership)
    response = coordinator_client.get(reverse("communications:log_list"))
    assertContains(response, "More than 3 log entries: the filters narrow them")

    LogEntry.objects.order_by("pk").first().delete()
    response = coordinator_client.get(reverse("communications:log_list"))
    assertContains(response, "3 log entries")
    assertNotContains(response, "More than")
