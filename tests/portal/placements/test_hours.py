"""A mentor confirms a student's hours in a batch (tick many or all, one confirmation step), or sends them
back with a reason, which tells the school at once."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.models import Reminder
from portal.placements.views import HOURS
from students import disclosures
from students.models import Disclosure, HoursEntry
from tests.factories import HoursEntryFactory
from tests.helpers import days_ago
from tests.portal.placements.conftest import PRIVATE
from tests.students.views.helpers import flashed

pytestmark = pytest.mark.django_db


def hours_url(placement) -> str:
    return reverse("portal:placement_hours", args=[placement.pk])


def confirm_url(placement) -> str:
    return reverse("portal:placement_hours_confirm", args=[placement.pk])


def reject_url(placement) -> str:
    return reverse("portal:placement_hours_reject", args=[placement.pk])


@pytest.fixture
def entries(placement):
    return [
        HoursEntryFactory(placement=placement, date=days_ago(3), hours=Decimal("3"), activity="Sanded the frames"),
        HoursEntryFactory(placement=placement, date=days_ago(2), hours=Decimal("2.5"), activity="Wired a panel"),
    ]


def _ids(entries) -> list[int]:
    return [entry.pk for entry in entries]


def _undecided() -> int:
    return HoursEntry.objects.to_verify().count()


# The list --------------------------------------------------------------------------------------------


def test_the_list_offers_each_entry_waiting_to_be_ticked_and_a_select_all(mentor_client, placement, entries):
    HoursEntryFactory(placement=placement, activity="Done before", verified_by="Dana Lee", verified_at=timezone.now())

    response = mentor_client.get(hours_url(placement))

    assert response.status_code == 200
    assertContains(response, "Hours of Daisy O.")
    for entry in entries:
        assertContains(response, f'name="entries" value="{entry.pk}"')
    assertContains(response, 'id="select-all"')
    assertContains(response, "2 entries, 5.50 hours")
    assertContains(response, f'action="{confirm_url(placement)}"')
    assertContains(response, f'formaction="{reject_url(placement)}"')
    assertContains(response, "Done before")  # in the confirmed list, not to tick
    assertContains(response, 'type="checkbox" name="entries"', count=2)
    for private in PRIVATE:
        assertNotContains(response, private)
    assert "no-store" in response["Cache-Control"]


def test_the_list_records_one_disclosure_of_the_name_and_hours(mentor_client, mentor_user, placement, entries):
    mentor_client.get(hours_url(placement))

    [row] = Disclosure.objects.all()
    assert (row.viewer, row.page, row.fields) == (mentor_user, "Hours to confirm", f"{disclosures.NAME}, {HOURS}")


def test_with_nothing_waiting_the_list_says_so(mentor_client, placement):
    assertContains(mentor_client.get(hours_url(placement)), "No hours are waiting for you.")


# Confirming ------------------------------------------------------------------------------------------


def test_the_confirmation_step_lists_what_will_be_confirmed_and_changes_nothing(mentor_client, placement, entries):
    response = mentor_client.get(confirm_url(placement), {"entries": _ids(entries)})

    assert response.status_code == 200
    assertContains(response, "Confirm hours of Daisy O.")
    assertContains(response, f"3 hours on {days_ago(3):%d %b %Y}: Sanded the frames")
    assertContains(response, f"2.50 hours on {days_ago(2):%d %b %Y}: Wired a panel")
    assertContains(response, "5.50 hours in all")
    assertContains(response, "Confirm 2 entries")
    for entry in entries:
        assertContains(response, f'type="hidden" name="entries" value="{entry.pk}"')
    assert _undecided() == 2
    assert Disclosure.objects.get().page == "Confirm hours"


def test_confirming_once_confirms_every_entry_chosen(mentor_client, placement, entries):
    response = mentor_client.post(confirm_url(placement), {"entries": _ids(entries)})

    assertRedirects(response, hours_url(placement), fetch_redirect_response=False)
    assert flashed(response) == ["2 entries confirmed (5.50 hours). Thank you."]
    assert sorted(HoursEntry.objects.verified().values_list("verified_by", flat=True)) == ["Dana Lee", "Dana Lee"]


def test_only_the_entries_ticked_are_confirmed(mentor_client, placement, entries):
    mentor_client.post(confirm_url(placement), {"entries": [entries[0].pk]})

    assert list(HoursEntry.objects.verified()) == [entries[0]]


def test_choosing_nothing_goes_back_to_the_list_saying_so(mentor_client, placement, entries):
    for response in (mentor_client.get(confirm_url(placement)), mentor_client.post(confirm_url(placement), {})):
        assertRedirects(response, hours_url(placement), fetch_redirect_response=False)
        assert flashed(response)[-1] == "Choose the hours first: tick them in the list."
    assert _undecided() == 2


def test_hours_of_another_placement_are_a_404_and_change_nothing(
    mentor_client, placement, entries, rosas_placement, beas_placement
):
    others = [HoursEntryFactory(placement=rosas_placement), HoursEntryFactory(placement=beas_placement)]
    for other in others:
        chosen = {"entries": [entries[0].pk, other.pk]}
        assert mentor_client.get(confirm_url(placement), chosen).status_code == 404
        assert mentor_client.post(confirm_url(placement), chosen).status_code == 404
        assert mentor_client.post(reject_url(placement), {**chosen, "reason": "x"}).status_code == 404
    assert _undecided() == 4
    assert mentor_client.get(confirm_url(placement), {"entries": "not-a-number"}).status_code == 404


def test_hours_confirmed_meanwhile_send_the_confirmation_step_back_to_the_list(mentor_client, placement, entries):
    HoursEntry.objects.filter(pk=entries[0].pk).update(verified_by="Ana Office", verified_at=timezone.now())

    response = mentor_client.get(confirm_url(placement), {"entries": _ids(entries)})

    assertRedirects(response, hours_url(placement), fetch_redirect_response=False)
    assert "confirmed or sent back meanwhile" in flashed(response)[0]


def test_hours_confirmed_after_the_step_was_shown_refuse_the_whole_batch_in_words(mentor_client, placement, entries):
    mentor_client.get(confirm_url(placement), {"entries": _ids(entries)})
    HoursEntry.objects.filter(pk=entries[0].pk).update(verified_by="Ana Office", verified_at=timezone.now())

    response = mentor_client.post(confirm_url(placement), {"entries": _ids(entries)})

    assert response.status_code == 200
    assertContains(response, "Nothing was changed: 1 of these entries was already confirmed or sent back.")
    assertContains(response, f"3 hours on {days_ago(3):%d %b %Y}: confirmed by Ana Office.")
    assert HoursEntry.objects.get(pk=entries[1].pk).verified_at is None


# Sending back ----------------------------------------------------------------------------------------


def test_the_send_back_step_lists_the_entries_and_asks_why(mentor_client, placement, entries):
    response = mentor_client.get(reject_url(placement), {"entries": [entries[1].pk]})

    assert response.status_code == 200
    assertContains(response, "Send back hours of Daisy O.")
    assertContains(response, f"2.50 hours on {days_ago(2):%d %b %Y}: Wired a panel")
    assertContains(response, 'name="reason"')
    assertContains(response, f'type="hidden" name="entries" value="{entries[1].pk}"')
    assertContains(response, "Send back 1 entry")
    assert not HoursEntry.objects.rejected().exists()


def test_sending_back_without_a_reason_asks_for_one_and_keeps_the_choice(mentor_client, placement, entries):
    response = mentor_client.post(reject_url(placement), {"entries": _ids(entries), "reason": "  "})

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    for entry in entries:
        assertContains(response, f'type="hidden" name="entries" value="{entry.pk}"')
    assert not HoursEntry.objects.rejected().exists()
    assert not Reminder.objects.exists()


def test_sending_back_with_a_reason_returns_the_hours_to_the_school_and_tells_it(
    mentor_client, mentor_user, placement, entries
):
    response = mentor_client.post(
        reject_url(placement), {"entries": _ids(entries), "reason": "Daisy was off sick on both days."}
    )

    assertRedirects(response, hours_url(placement), fetch_redirect_response=False)
    assert flashed(response) == ["2 entries sent back to the school. They come back to you once corrected."]
    for entry in HoursEntry.objects.all():
        assert (entry.rejected_by, entry.reject_reason) == (mentor_user, "Daisy was off sick on both days.")
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.subject_id, reminder.partnership_id) == (
        Reminder.Kind.HOURS_REJECTED,
        placement.pk,
        placement.partnership_id,
    )
    assert reminder.url == placement.get_absolute_url() + "#hours"  # the coordinator's page, where they correct it
    assert reminder.title == "Hours sent back for Daisy O. at Acme Tools"
    assert reminder.body == "Dana Lee sent back 2 entries: Daisy was off sick on both days."
    assert "Okonkwo" not in reminder.title


def test_hours_sent_back_are_listed_with_the_reason_until_corrected(mentor_client, placement, entries):
    mentor_client.post(reject_url(placement), {"entries": [entries[0].pk], "reason": "Only 2 hours that day."})

    response = mentor_client.get(hours_url(placement))

    assertContains(response, "Sent back to the school")
    assertContains(response, "Only 2 hours that day.")
    assertContains(response, 'type="checkbox" name="entries"', count=1)


def test_hours_already_decided_cannot_be_sent_back(mentor_client, placement, entries):
    mentor_client.post(confirm_url(placement), {"entries": [entries[0].pk]})

    response = mentor_client.post(reject_url(placement), {"entries": _ids(entries), "reason": "Wrong."})

    assertContains(response, "Nothing was changed")
    assert not HoursEntry.objects.rejected().exists()
    assert not Reminder.objects.exists()


def test_an_administrator_who_does_not_mentor_the_placement_cannot_decide_its_hours(
    partner_a_client, placement, entries
):
    chosen = {"entries": _ids(entries)}
    assert partner_a_client.get(hours_url(placement)).status_code == 404
    assert partner_a_client.post(confirm_url(placement), chosen).status_code == 404
    assert partner_a_client.post(reject_url(placement), {**chosen, "reason": "x"}).status_code == 404
    assert _undecided() == 2
