"""Hours: logged, verified and rejected."""

from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from students.hours import services as hours_services
from students.models import (
    HoursEntry,
)
from tests.factories import (
    HoursEntryFactory,
    UserFactory,
)
from tests.form_data import versioned
from tests.helpers import days_ago
from tests.students.views.helpers import flashed, iso, url

pytestmark = pytest.mark.django_db


# Hours -----------------------------------------------------------------------------------------------


def test_recording_hours_saves_them_and_shows_them_on_the_placement(coordinator_client, coordinator, active_placement):
    response = coordinator_client.get(url("hours_create", active_placement.pk))
    assertContains(response, "Record hours — Maya Okonkwo at Acme Tools")

    data = {"date": iso(days_ago(2)), "hours": "2.5", "activity": "Built a bracket in the workshop."}
    response = coordinator_client.post(url("hours_create", active_placement.pk), data)
    assertRedirects(response, active_placement.get_absolute_url() + "#hours", fetch_redirect_response=False)
    assert flashed(response) == ["Hours recorded."]
    entry = HoursEntry.objects.get()
    assert (entry.date, entry.hours, entry.recorded_by) == (days_ago(2), Decimal("2.5"), coordinator)
    assert entry.verified_at is None

    page = coordinator_client.get(active_placement.get_absolute_url())
    assertContains(page, "2.50 in all, 0 confirmed")
    assertContains(page, "Built a bracket in the workshop.")
    assertContains(page, f'href="{url("hours_verify", active_placement.pk, entry.pk)}"')


def test_hours_on_a_future_date_are_refused(coordinator_client, active_placement):
    data = {"date": iso(days_ago(-1)), "hours": "2", "activity": "Typed activity"}
    response = coordinator_client.post(url("hours_create", active_placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "Record hours once they are worked: choose today or earlier.")
    assertContains(response, 'value="Typed activity"')
    assert not HoursEntry.objects.exists()


def test_hours_before_the_placement_started_are_refused(coordinator_client, active_placement):
    data = {"date": iso(days_ago(11)), "hours": "2", "activity": "Too early."}
    response = coordinator_client.post(url("hours_create", active_placement.pk), data)
    assert response.status_code == 200
    assertContains(response, f"The placement runs from {days_ago(10):%d %b %Y} to {days_ago(-60):%d %b %Y}.")
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize(
    ("hours", "error"),
    [
        ("25", "Ensure this value is less than or equal to 24."),
        ("0", "Ensure this value is greater than or equal to 0.25."),
        ("many", "Enter a number."),
    ],
)
def test_hours_outside_a_day_are_refused(coordinator_client, active_placement, hours, error):
    data = {"date": iso(days_ago(1)), "hours": hours, "activity": "Long day."}
    response = coordinator_client.post(url("hours_create", active_placement.pk), data)
    assert response.status_code == 200
    assertContains(response, error)
    assert not HoursEntry.objects.exists()


def test_hours_for_a_placement_that_has_not_started_are_refused(coordinator_client, placement):
    data = {"date": iso(days_ago(1)), "hours": "2", "activity": "Too soon."}
    response = coordinator_client.post(url("hours_create", placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "Hours are recorded once the placement has started.")
    assert not HoursEntry.objects.exists()


@pytest.fixture
def entry(active_placement):
    return HoursEntryFactory(placement=active_placement, date=days_ago(1), hours=Decimal("3.00"), activity="Sanding.")


def test_confirming_hours_offers_the_mentors_name(coordinator_client, entry):
    response = coordinator_client.get(url("hours_verify", entry.placement.pk, entry.pk))
    assert response.status_code == 200
    assertContains(response, 'value="Dana Lee"')
    assertContains(response, "Sanding.")
    assertContains(response, "Confirm hours")


def test_confirming_hours_marks_them_confirmed_by_that_person(coordinator_client, entry):
    response = coordinator_client.post(url("hours_verify", entry.placement.pk, entry.pk), {"verified_by": "Dana Lee"})
    assertRedirects(response, entry.placement.get_absolute_url() + "#hours", fetch_redirect_response=False)
    assert flashed(response) == [f"3 hours on {days_ago(1):%d %b %Y} confirmed."]
    entry.refresh_from_db()
    assert entry.verified_by == "Dana Lee"
    assert entry.verified_at is not None

    page = coordinator_client.get(entry.placement.get_absolute_url())
    assertContains(page, "By Dana Lee")
    assertContains(page, "3 in all, 3 confirmed")


def test_confirming_hours_writes_the_hours_as_the_placement_page_does(coordinator_client, active_placement):
    """3 hours, not "3.00 hours"; 2.50 as on the placement page."""
    whole = HoursEntryFactory(placement=active_placement, date=days_ago(1), hours=Decimal("3.00"), activity="Sanding.")
    half = HoursEntryFactory(placement=active_placement, date=days_ago(2), hours=Decimal("2.50"), activity="Filing.")
    on = f"{days_ago(1):%d %b %Y}"
    response = coordinator_client.get(url("hours_verify", active_placement.pk, whole.pk))
    assertContains(response, f"3 hours on {on}: Sanding.")
    response = coordinator_client.post(url("hours_verify", active_placement.pk, whole.pk), {"verified_by": "Dana Lee"})
    assert flashed(response) == [f"3 hours on {on} confirmed."]
    response = coordinator_client.post(url("hours_verify", active_placement.pk, half.pk), {"verified_by": "Dana Lee"})
    # The first message was never shown (no page followed the redirect), so it is still queued.
    assert flashed(response)[-1] == f"2.50 hours on {days_ago(2):%d %b %Y} confirmed."


def test_confirming_hours_again_keeps_the_first_confirmation(coordinator_client, entry):
    coordinator_client.post(url("hours_verify", entry.placement.pk, entry.pk), {"verified_by": "Dana Lee"})
    entry.refresh_from_db()
    first_at = entry.verified_at

    coordinator_client.post(url("hours_verify", entry.placement.pk, entry.pk), {"verified_by": "Someone Else"})
    entry.refresh_from_db()
    assert entry.verified_by == "Dana Lee"
    assert entry.verified_at == first_at


def test_confirming_hours_without_a_name_is_refused(coordinator_client, entry):
    response = coordinator_client.post(url("hours_verify", entry.placement.pk, entry.pk), {"verified_by": "  "})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    entry.refresh_from_db()
    assert entry.verified_at is None


def test_hours_of_another_placement_are_404(coordinator_client, active_placement):
    elsewhere = HoursEntryFactory()
    assert coordinator_client.get(url("hours_verify", active_placement.pk, elsewhere.pk)).status_code == 404
    response = coordinator_client.post(url("hours_verify", active_placement.pk, elsewhere.pk), {"verified_by": "X"})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.verified_at is None


# Hours a mentor sent back ----------------------------------------------------------------------------


@pytest.fixture
def sent_back(entry, mentor):
    mentor_user = UserFactory(first_name="Dana", last_name="Lee")
    mentor.user = mentor_user
    mentor.save()
    hours_services.hours_reject(entries=[entry], by=mentor_user, reason="It was 2 hours, not 3.")
    entry.refresh_from_db()
    return entry


def test_the_placement_page_shows_hours_sent_back_with_the_reason_and_a_way_to_correct_them(
    coordinator_client, sent_back
):
    page = coordinator_client.get(sent_back.placement.get_absolute_url())

    assertContains(page, "1 sent back by the mentor: correct it")
    assertContains(page, f"by Dana Lee on {sent_back.rejected_at:%-d %b %Y}")
    assertContains(page, "It was 2 hours, not 3.")
    assertContains(page, f'href="{url("hours_edit", sent_back.placement.pk, sent_back.pk)}"')
    assertNotContains(page, f'href="{url("hours_verify", sent_back.placement.pk, sent_back.pk)}"')


def test_the_correction_page_says_why_the_hours_came_back(coordinator_client, sent_back):
    response = coordinator_client.get(url("hours_edit", sent_back.placement.pk, sent_back.pk))

    assert response.status_code == 200
    assertContains(
        response, f"Dana Lee sent these hours back on {sent_back.rejected_at:%d %b %Y}: “It was 2 hours, not 3.”"
    )
    assertContains(response, 'value="3.00"')
    assertContains(response, "Save and send to the mentor")


def test_correcting_hours_sent_back_saves_them_and_sends_them_back_to_the_mentor(coordinator_client, sent_back):
    data = versioned(sent_back, {"date": iso(sent_back.date), "hours": "2", "activity": "Sanding, two hours."})
    response = coordinator_client.post(url("hours_edit", sent_back.placement.pk, sent_back.pk), data)

    assertRedirects(response, sent_back.placement.get_absolute_url() + "#hours", fetch_redirect_response=False)
    assert flashed(response) == ["Hours corrected. They go back to the mentor to confirm."]
    entry = HoursEntry.objects.get(pk=sent_back.pk)
    assert (entry.hours, entry.activity, entry.is_rejected, entry.is_verified) == (
        Decimal("2"),
        "Sanding, two hours.",
        False,
        False,
    )


def test_a_correction_outside_the_placement_is_refused_and_keeps_what_was_typed(coordinator_client, sent_back):
    data = versioned(sent_back, {"date": iso(days_ago(11)), "hours": "2", "activity": "Typed correction"})
    response = coordinator_client.post(url("hours_edit", sent_back.placement.pk, sent_back.pk), data)

    assert response.status_code == 200
    assertContains(response, f"The placement runs from {days_ago(10):%d %b %Y} to {days_ago(-60):%d %b %Y}.")
    assertContains(response, 'value="Typed correction"')
    assert HoursEntry.objects.get(pk=sent_back.pk).is_rejected


def test_confirmed_hours_are_not_corrected(coordinator_client, entry):
    hours_services.hours_verify(entry=entry, verified_by="Dana Lee")
    data = versioned(entry, {"date": iso(entry.date), "hours": "1", "activity": "Changed"})

    response = coordinator_client.post(url("hours_edit", entry.placement.pk, entry.pk), data)

    assertContains(response, "These hours were confirmed by Dana Lee: they stay as confirmed.")
    assert HoursEntry.objects.get(pk=entry.pk).hours == Decimal("3.00")


def test_a_coordinator_cannot_confirm_hours_the_mentor_sent_back(coordinator_client, sent_back):
    response = coordinator_client.post(
        url("hours_verify", sent_back.placement.pk, sent_back.pk), {"verified_by": "Dana Lee"}
    )

    assert response.status_code == 200
    assertContains(response, "The mentor sent these hours back: correct them first")
    assert HoursEntry.objects.get(pk=sent_back.pk).verified_at is None


def test_hours_of_another_placement_cannot_be_corrected_here(coordinator_client, active_placement):
    elsewhere = HoursEntryFactory()
    data = {"date": iso(days_ago(1)), "hours": "1", "activity": "x"}
    assert coordinator_client.post(url("hours_edit", active_placement.pk, elsewhere.pk), data).status_code == 404
    assert HoursEntry.objects.get(pk=elsewhere.pk).activity != "x"
