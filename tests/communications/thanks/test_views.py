"""The thank-you pages: the coordinator's list, starting a note, a note's page (ask a student, approve,
edit, reject), and the student's signed-link page. Partner A gets a 404 on every staff page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts import signed_links
from communications.models import ThankYouNote
from communications.thanks import services as thanks
from partnerships.models import Partnership
from students.models import Placement
from tests.factories import (
    CoordinatorFactory,
    PlacementFactory,
    StudentFactory,
    ThankYouNoteFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Status = ThankYouNote.Status


def _client_without(client, user, codename: str):
    """`client`, logged in as `user`, who keeps every coordinator right but `codename`."""
    user.user_permissions.clear()
    group = user.groups.get()
    user.groups.clear()
    permissions = group.permissions.exclude(codename=codename)
    user.user_permissions.set(permissions)
    client.force_login(user)
    return client


@pytest.fixture
def partnership():
    return active_partnership(name="Finch at Lincoln", business__name="Finch Labs", school__name="Lincoln High")


@pytest.fixture
def student(partnership):
    student = StudentFactory(legal_first_name="Maya", last_name="Rivera", school=partnership.school)
    PlacementFactory(partnership=partnership, student=student, status=Placement.Status.ACTIVE)
    return student


@pytest.fixture
def prompted(partnership):
    return ThankYouNoteFactory(partnership=partnership)


@pytest.fixture
def invited(prompted, student, coordinator):
    thanks.thanks_invite(note=prompted, student=student, by=coordinator)
    prompted.refresh_from_db()
    return prompted


@pytest.fixture
def submitted(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="Thank you for teaching me to weld.", signed_as="")
    invited.refresh_from_db()
    return invited


# The list


def test_the_list_shows_who_is_not_thanked_this_term_and_the_notes_waiting_for_approval(coordinator_client, submitted):
    thanked = active_partnership(name="Birch thanked")
    ThankYouNoteFactory(partnership=thanked, status=Status.APPROVED, reviewed_at=timezone.now())
    response = coordinator_client.get(reverse("communications:thanks_list"))
    assertContains(response, "Every active partner thanked this term: 1 of 2")
    assertContains(response, f"{reverse('communications:thanks_create')}?partnership={submitted.partnership.pk}")
    assertContains(response, "Waiting for approval")
    assertContains(response, submitted.get_absolute_url())
    assertContains(response, "Maya Rivera")


def test_the_list_filters_by_status_and_shows_an_empty_state(coordinator_client, prompted):
    url = reverse("communications:thanks_list")
    response = coordinator_client.get(url)
    assertContains(response, "No notes are waiting for approval")
    assertNotContains(response, prompted.get_absolute_url())
    response = coordinator_client.get(url, {"status": "prompted"})
    assertContains(response, prompted.get_absolute_url())
    response = coordinator_client.get(url, {"status": "approved"})
    assertContains(response, "No notes approved yet.")


def test_a_bad_status_falls_back_to_waiting_for_approval(coordinator_client, submitted):
    response = coordinator_client.get(reverse("communications:thanks_list"), {"status": "nope\x00"})
    assert response.status_code == 200
    assertContains(response, submitted.get_absolute_url())


def test_the_list_is_paginated(coordinator_client, partnership):
    for _ in range(27):
        ThankYouNoteFactory(partnership=partnership, status=Status.SUBMITTED, submitted_at=timezone.now())
    url = reverse("communications:thanks_list")
    assertContains(coordinator_client.get(url), "Page 1 of 2")
    assertContains(coordinator_client.get(url, {"page": 2}), "Page 2 of 2")


def test_the_list_takes_a_fixed_number_of_queries(
    coordinator_client, partnership, django_assert_num_queries, django_assert_max_num_queries
):
    def add_notes():
        for _ in range(3):
            ThankYouNoteFactory(
                partnership=active_partnership(),
                student=StudentFactory(),
                status=Status.SUBMITTED,
                submitted_at=timezone.now(),
            )

    add_notes()
    url = reverse("communications:thanks_list")
    coordinator_client.get(url)
    with django_assert_max_num_queries(10) as first:
        coordinator_client.get(url)
    add_notes()
    with django_assert_num_queries(len(first.captured_queries)):
        coordinator_client.get(url)


def test_the_list_narrows_to_one_school_and_its_tabs_keep_it(coordinator_client, submitted):
    lincoln = submitted.partnership.school
    elsewhere = ThankYouNoteFactory(status=Status.SUBMITTED, submitted_at=timezone.now())
    url = reverse("communications:thanks_list")

    response = coordinator_client.get(url, {"school": lincoln.pk})

    assertContains(response, "Every active partner of Lincoln High thanked this term: 0 of 1")
    assertContains(response, '<h1 class="h3 mb-0 me-auto">Thank-you notes at Lincoln High</h1>', html=False)
    assertContains(response, submitted.get_absolute_url())
    assertNotContains(response, elsewhere.get_absolute_url())
    assertContains(response, f'href="?status=prompted&amp;school={lincoln.pk}"')
    assertContains(response, f'<option value="{lincoln.pk}" selected>Lincoln High</option>', html=False)
    assert [count for _value, _label, count in response.context["tabs"]][:2] == [1, 0]
    assertContains(coordinator_client.get(url), elsewhere.get_absolute_url())


def test_the_list_narrowed_to_one_school_keeps_the_status_in_its_chooser(coordinator_client, prompted):
    school = prompted.partnership.school
    response = coordinator_client.get(
        reverse("communications:thanks_list"), {"school": school.pk, "status": "prompted"}
    )
    assertContains(response, '<input type="hidden" name="status" value="prompted">', html=False)
    assertContains(response, prompted.get_absolute_url())


def test_an_unknown_school_shows_every_note_and_says_so(coordinator_client, submitted):
    response = coordinator_client.get(reverse("communications:thanks_list"), {"school": "999999\x00"})
    assertContains(response, "That school is not in the district: the page shows every school.")
    assertContains(response, submitted.get_absolute_url())


def test_the_communications_page_links_to_the_notes(coordinator_client):
    assertContains(coordinator_client.get(reverse("communications:log_list")), reverse("communications:thanks_list"))


def test_partners_and_strangers_cannot_open_the_staff_pages(partner_a_client, anon_client, submitted):
    urls = [
        reverse("communications:thanks_list"),
        reverse("communications:thanks_create"),
        reverse("communications:thanks_detail", args=[submitted.pk]),
        reverse("communications:thanks_invite", args=[submitted.pk]),
        reverse("communications:thanks_approve", args=[submitted.pk]),
        reverse("communications:thanks_reject", args=[submitted.pk]),
    ]
    for url in urls:
        assert partner_a_client.get(url).status_code == 404
        assert partner_a_client.post(url, {"reason": "x", "body": "x", "confirm": "yes"}).status_code == 404
        assert anon_client.get(url).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


# Starting a note


def test_starting_a_note_asks_for_the_partnership_first(coordinator_client):
    response = coordinator_client.get(reverse("communications:thanks_create"))
    assertContains(response, "Which partner is it to?")


def test_starting_a_note_by_hand_goes_to_its_page(coordinator_client, partnership, student):
    placement = student.placements.get()
    url = f"{reverse('communications:thanks_create')}?partnership={partnership.pk}"
    assertContains(coordinator_client.get(url), "Start a thank-you note to Finch Labs")
    response = coordinator_client.post(
        url, {"milestone": "event_hosted", "milestone_on": "2020-05-04", "placement": placement.pk}
    )
    note = ThankYouNote.objects.get()
    assertRedirects(response, note.get_absolute_url())
    assert note.milestone_key.startswith("manual:")
    assert (note.milestone_on, note.placement, note.student) == (datetime.date(2020, 5, 4), placement, student)


def test_starting_a_note_with_a_future_date_keeps_what_was_typed(coordinator_client, partnership):
    future = timezone.localdate() + datetime.timedelta(days=3)
    url = f"{reverse('communications:thanks_create')}?partnership={partnership.pk}"
    response = coordinator_client.post(url, {"milestone": "anniversary", "milestone_on": future.isoformat()})
    assert response.status_code == 200
    assertContains(response, "cannot be in the future")
    assertContains(response, f'value="{future.isoformat()}"')
    assertContains(response, '<option value="anniversary" selected>', html=False)
    assert not ThankYouNote.objects.exists()


def test_an_ended_partnership_cannot_get_a_note(coordinator_client):
    ended = active_partnership(status=Partnership.Status.ENDED, end_date=timezone.localdate())
    response = coordinator_client.get(f"{reverse('communications:thanks_create')}?partnership={ended.pk}")
    assert response.status_code == 404


def test_starting_a_note_needs_the_add_permission(client, partnership):
    client = _client_without(client, CoordinatorFactory(), "add_thankyounote")
    url = f"{reverse('communications:thanks_create')}?partnership={partnership.pk}"
    assert client.get(url).status_code == 403
    assert client.post(url, {"milestone": "anniversary", "milestone_on": "2020-01-01"}).status_code == 403
    assert not ThankYouNote.objects.exists()


# Asking a student


def test_a_prompted_note_offers_the_students_of_the_partnership(coordinator_client, prompted, student):
    other = PlacementFactory(status=Placement.Status.ACTIVE).student
    response = coordinator_client.get(prompted.get_absolute_url())
    assertContains(response, "Ask a student to write it")
    assertContains(response, "Maya Rivera")
    assertNotContains(response, other.full_name)
    assertContains(response, reverse("communications:thanks_invite", args=[prompted.pk]))


def test_inviting_a_student_shows_the_absolute_link_to_copy(coordinator_client, prompted, student, settings):
    settings.SITE_URL = "https://schoolbridge.example.org"
    response = coordinator_client.post(
        reverse("communications:thanks_invite", args=[prompted.pk]), {"student": student.pk}
    )
    assertRedirects(response, prompted.get_absolute_url())
    prompted.refresh_from_db()
    assert prompted.student == student
    page = coordinator_client.get(prompted.get_absolute_url())
    link = "https://schoolbridge.example.org" + signed_links.path_for(prompted.link)
    assertContains(page, f'value="{link}" readonly')
    assertContains(page, "Copy link")


def test_the_invite_page_shows_its_form_and_refuses_a_missing_student(coordinator_client, prompted, student):
    url = reverse("communications:thanks_invite", args=[prompted.pk])
    assertContains(coordinator_client.get(url), "Who writes the note?")
    response = coordinator_client.post(url, {"student": ""})
    assert response.status_code == 200
    assertContains(response, "This field is required")
    other = PlacementFactory(status=Placement.Status.ACTIVE).student
    response = coordinator_client.post(url, {"student": other.pk})
    assertContains(response, "Select a valid choice")
    prompted.refresh_from_db()
    assert prompted.link is None


def test_inviting_needs_the_change_permission(client, prompted, student):
    client = _client_without(client, CoordinatorFactory(), "change_thankyounote")
    response = client.post(reverse("communications:thanks_invite", args=[prompted.pk]), {"student": student.pk})
    assert response.status_code == 403
    prompted.refresh_from_db()
    assert prompted.link is None


def test_a_submitted_note_cannot_be_invited_again(coordinator_client, submitted, student):
    url = reverse("communications:thanks_invite", args=[submitted.pk])
    response = coordinator_client.post(url, {"student": student.pk})
    assertRedirects(response, submitted.get_absolute_url())


# Approving and rejecting


def test_a_submitted_note_shows_an_edit_box_with_its_words(coordinator_client, submitted):
    response = coordinator_client.get(submitted.get_absolute_url())
    assertContains(response, "Thank you for teaching me to weld.</textarea>")
    assertContains(response, "Approve…")
    assertContains(response, reverse("communications:thanks_reject", args=[submitted.pk]))


def test_approving_asks_to_confirm_with_the_edited_words_then_emails_the_partner(
    coordinator_client, submitted, django_capture_on_commit_callbacks
):
    url = reverse("communications:thanks_approve", args=[submitted.pk])
    response = coordinator_client.post(url, {"body": "Thank you for teaching me to weld safely."})
    assert response.status_code == 200
    assertContains(response, "Approve this note and email it?")
    assertContains(response, "Thank you for teaching me to weld safely.</textarea>")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"body": "Thank you for teaching me to weld safely.", "confirm": "yes"})
    assertRedirects(response, submitted.get_absolute_url())
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.body == "Thank you for teaching me to weld safely."
    assert submitted.original_body == "Thank you for teaching me to weld."
    assert len(mail.outbox) == 1
    page = coordinator_client.get(submitted.get_absolute_url())
    assertContains(page, "The note as delivered")
    assertContains(page, "Emailed to Finch Labs")


def test_approving_an_emptied_note_keeps_the_page_and_says_why(coordinator_client, submitted):
    url = reverse("communications:thanks_approve", args=[submitted.pk])
    response = coordinator_client.post(url, {"body": "", "confirm": "yes"})
    assert response.status_code == 200
    assertContains(response, "This field is required")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_the_approve_page_opens_with_the_note(coordinator_client, submitted):
    response = coordinator_client.get(reverse("communications:thanks_approve", args=[submitted.pk]))
    assertContains(response, "Thank you for teaching me to weld.</textarea>")
    assertContains(response, "Approve and email")


def test_approving_needs_the_change_permission(client, submitted):
    client = _client_without(client, CoordinatorFactory(), "change_thankyounote")
    url = reverse("communications:thanks_approve", args=[submitted.pk])
    assert client.post(url, {"body": "Hi", "confirm": "yes"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_rejecting_asks_for_a_reason_and_keeps_what_was_typed(coordinator_client, submitted):
    url = reverse("communications:thanks_reject", args=[submitted.pk])
    assertContains(coordinator_client.get(url), "Reject this note?")
    response = coordinator_client.post(url, {"reason": ""})
    assertContains(response, "This field is required")
    response = coordinator_client.post(url, {"reason": "x" * 2001})
    assertContains(response, "x" * 2001)
    response = coordinator_client.post(url, {"reason": "Names a classmate."})
    assertRedirects(response, submitted.get_absolute_url())
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    assertContains(coordinator_client.get(submitted.get_absolute_url()), "Names a classmate.")


def test_rejecting_needs_the_change_permission(client, submitted):
    client = _client_without(client, CoordinatorFactory(), "change_thankyounote")
    response = client.post(reverse("communications:thanks_reject", args=[submitted.pk]), {"reason": "No"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_approving_or_rejecting_a_note_not_waiting_says_so(coordinator_client, prompted):
    for name in ("thanks_approve", "thanks_reject"):
        response = coordinator_client.post(
            reverse(f"communications:{name}", args=[prompted.pk]), {"reason": "x", "body": "x", "confirm": "yes"}
        )
        assertRedirects(response, prompted.get_absolute_url())
    prompted.refresh_from_db()
    assert prompted.status == Status.PROMPTED


def test_a_coordinator_without_the_change_permission_sees_the_note_without_forms(client, submitted):
    client = _client_without(client, CoordinatorFactory(), "change_thankyounote")
    response = client.get(submitted.get_absolute_url())
    assertContains(response, "Thank you for teaching me to weld.")
    assertNotContains(response, "Approve…")


# The student's page


def _open(client, note):
    return client.get(signed_links.path_for(note.link))


def test_the_link_page_says_thank_you_to_the_business_and_prefills_the_signature(anon_client, invited):
    response = _open(anon_client, invited)
    assertContains(response, "Say thank you to Finch Labs")
    assertContains(response, 'value="Maya R."')
    assertContains(response, 'id="body-count"')  # the character count, kept current as the student types
    assertContains(response, 'maxlength="2000"')
    assertNotContains(response, "Rivera")


def test_sending_the_note_thanks_the_student_and_the_link_then_stops_working(anon_client, invited):
    url = signed_links.path_for(invited.link)
    response = anon_client.post(url, {"body": "Thank you for everything!", "signed_as": "Maya"})
    assertContains(response, "Your note is on its way")
    invited.refresh_from_db()
    assert invited.status == Status.SUBMITTED and invited.signed_as == "Maya"
    response = anon_client.get(url)
    assert response.status_code == 410
    assertContains(response, "already been used", status_code=410)
    response = anon_client.post(url, {"body": "Again", "signed_as": "Maya"})
    assert response.status_code == 410
    invited.refresh_from_db()
    assert invited.body == "Thank you for everything!"


def test_an_empty_or_too_long_note_keeps_what_was_typed(anon_client, invited):
    url = signed_links.path_for(invited.link)
    response = anon_client.post(url, {"body": "", "signed_as": "Maya the welder"})
    assert response.status_code == 200
    assertContains(response, 'value="Maya the welder"')
    assertContains(response, "This field is required")
    long = "z" * 2001
    response = anon_client.post(url, {"body": long, "signed_as": ""})
    assertContains(response, long)
    invited.refresh_from_db()
    assert invited.status == Status.PROMPTED and not invited.link.is_used


def test_an_expired_link_cannot_be_used(anon_client, invited):
    invited.link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    invited.link.save()
    response = _open(anon_client, invited)
    assert response.status_code == 410
    assertContains(response, "expired", status_code=410)


def test_a_replaced_link_cannot_be_used(anon_client, invited, student, coordinator):
    old = invited.link
    thanks.thanks_invite(note=invited, student=student, by=coordinator)
    response = anon_client.get(signed_links.path_for(old))
    assert response.status_code == 410


def test_a_second_window_opened_before_the_first_sent_is_refused(anon_client, invited):
    url = signed_links.path_for(invited.link)
    assert anon_client.get(url).status_code == 200
    thanks.thanks_submit(note=invited, link=invited.link, body="First", signed_as="")
    response = anon_client.post(url, {"body": "Second", "signed_as": ""})
    assert response.status_code == 410
    invited.refresh_from_db()
    assert invited.body == "First"
