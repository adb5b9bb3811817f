"""Contacts in the partner portal (portal/contacts/views.py): the organization's people kept current, and
leaving or handing over a business-side post through the handoff rule, with a successor."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import Contact, Handoff, PartnerMembership, PointOfContact, Side
from tests.factories import (
    ContactFactory,
    GoalFactory,
    PartnerMembershipFactory,
    PlacementFactory,
    PointOfContactFactory,
    SchoolFactory,
    active_partnership,
)
from tests.form_data import versioned

pytestmark = pytest.mark.django_db

LIST = reverse("portal:contacts")
CREATE = reverse("portal:contact_create")
POINTS = reverse("portal:points_of_contact")
PRIMARY = PointOfContact.Role.PRIMARY


def edit(contact) -> str:
    return reverse("portal:contact_edit", args=[contact.pk])


def deactivate(contact) -> str:
    return reverse("portal:contact_deactivate", args=[contact.pk])


def hand_over(poc) -> str:
    return reverse("portal:poc_handoff", args=[poc.pk])


@pytest.fixture
def acme(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))


@pytest.fixture
def primary(acme):
    """The business's primary contact of the Lincoln High partnership."""
    poc = acme.points_of_contact.get(side=Side.BUSINESS, role=PRIMARY)
    Contact.objects.filter(pk=poc.contact_id).update(first_name="Dana", last_name="Lee")
    poc.contact.refresh_from_db()
    return poc


@pytest.fixture
def colleague(business_a):
    return ContactFactory(organization=business_a, first_name="Sam", last_name="Ortiz", title="Engineer")


def person(**overrides):
    data = {"first_name": "Rita", "last_name": "Moreno", "title": "Plant manager", "email": "rita@acme.test"}
    data.update(overrides)
    data.setdefault("phone", "555-0199")
    return data


# The people ------------------------------------------------------------------------------------------


def test_the_list_shows_the_people_and_what_they_answer_for(partner_a_client, primary, colleague):
    response = partner_a_client.get(LIST)

    assertContains(response, "Dana Lee")
    assertContains(response, "Primary contact for the partnership with Lincoln High")
    assertContains(response, "Sam Ortiz")
    assertContains(response, edit(colleague))
    assertContains(response, deactivate(colleague))


def test_an_inactive_person_is_listed_as_such_with_nothing_to_do(partner_a_client, business_a):
    gone = ContactFactory(organization=business_a, first_name="Old", last_name="Timer", active=False)

    response = partner_a_client.get(LIST)

    assertContains(response, "Old Timer")
    assertContains(response, "Inactive")
    assertNotContains(response, deactivate(gone))


def test_the_list_shows_no_one_from_another_business_or_the_school(partner_a_client, acme, business_b):
    ContactFactory(organization=business_b, first_name="Bea", last_name="Birch")
    school_poc = acme.points_of_contact.get(side=Side.SCHOOL)

    response = partner_a_client.get(LIST)

    assertNotContains(response, "Birch")
    assertNotContains(response, edit(school_poc.contact))


def test_the_list_has_an_empty_state(partner_a_client):
    assertContains(partner_a_client.get(LIST), "No contacts yet.")


@pytest.mark.parametrize("size", [2, 6])
def test_the_list_uses_a_fixed_number_of_queries(size, partner_a_client, business_a, django_assert_num_queries):
    for _ in range(size):
        partnership = active_partnership(business=business_a)
        PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role="backup")
        ContactFactory(organization=business_a)
    partner_a_client.get(LIST)  # the portal notes when a partner was last seen, at most once a minute
    with django_assert_num_queries(7):
        response = partner_a_client.get(LIST)
    assert response.status_code == 200


def test_a_mentor_does_not_keep_the_contacts(client, business_a, colleague):
    client.force_login(PartnerMembershipFactory(organization=business_a, role=PartnerMembership.Role.MENTOR).user)

    for url in (LIST, CREATE, edit(colleague), deactivate(colleague), POINTS):
        assert client.get(url).status_code == 404


# Adding and editing ----------------------------------------------------------------------------------


def test_the_add_form_answers(partner_a_client):
    assertContains(partner_a_client.get(CREATE), "Add a person at Acme Tools")


def test_an_administrator_adds_a_person_to_their_own_business(partner_a_client, business_a):
    response = partner_a_client.post(CREATE, person())

    assertRedirects(response, LIST)
    added = Contact.objects.get(last_name="Moreno")
    assert (added.organization, added.title, added.email, added.active, added.user) == (
        business_a,
        "Plant manager",
        "rita@acme.test",
        True,
        None,
    )


def test_a_person_without_a_name_is_refused_and_what_was_typed_stays(partner_a_client):
    response = partner_a_client.post(CREATE, person(first_name=""))

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, 'value="Plant manager"')
    assert not Contact.objects.filter(last_name="Moreno").exists()


def test_a_posted_organization_is_ignored(partner_a_client, business_a, business_b):
    partner_a_client.post(CREATE, {**person(), "organization": business_b.pk})

    assert Contact.objects.get(last_name="Moreno").organization == business_a


def test_an_administrator_edits_a_person(partner_a_client, colleague):
    response = partner_a_client.post(
        edit(colleague), versioned(colleague, person(first_name="Samuel", last_name="Ortiz", phone=""))
    )

    assertRedirects(response, LIST)
    colleague.refresh_from_db()
    assert (colleague.first_name, colleague.title, colleague.email, colleague.phone) == (
        "Samuel",
        "Plant manager",
        "rita@acme.test",
        "",
    )


def test_a_bad_email_is_refused_and_what_was_typed_stays(partner_a_client, colleague):
    response = partner_a_client.post(edit(colleague), person(email="not an email", title="Chief engineer"))

    assertContains(response, "Enter a valid email address.")
    assertContains(response, 'value="Chief engineer"')
    colleague.refresh_from_db()
    assert colleague.title == "Engineer"


def test_another_business_person_is_a_404(partner_a_client, business_b):
    theirs = ContactFactory(organization=business_b, title="Baker")

    assert partner_a_client.get(edit(theirs)).status_code == 404
    assert partner_a_client.post(edit(theirs), person()).status_code == 404
    assert partner_a_client.post(deactivate(theirs), {"notes": ""}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title, theirs.active) == ("Baker", True)


def test_a_school_side_person_is_not_editable_here(partner_a_client, acme):
    school_contact = acme.points_of_contact.get(side=Side.SCHOOL).contact

    assert partner_a_client.get(edit(school_contact)).status_code == 404
    assert partner_a_client.post(deactivate(school_contact), {"notes": ""}).status_code == 404


# Deactivating someone who left -----------------------------------------------------------------------


def test_someone_with_no_primary_post_is_deactivated_after_confirming(partner_a_client, colleague):
    response = partner_a_client.get(deactivate(colleague))
    assertContains(response, "Deactivate Sam Ortiz?")

    response = partner_a_client.post(deactivate(colleague), {"notes": ""})

    assertRedirects(response, LIST)
    colleague.refresh_from_db()
    assert not colleague.active


def test_the_primary_contact_asks_for_a_successor_among_the_other_active_people(
    partner_a_client, primary, colleague, business_a, business_b
):
    ContactFactory(organization=business_a, first_name="Gone", last_name="Already", active=False)
    ContactFactory(organization=business_b, first_name="Bea", last_name="Birch")

    response = partner_a_client.get(deactivate(primary.contact))

    assertContains(response, "Dana is the primary contact for the partnership with Lincoln High")
    assertContains(response, "Who takes over as primary contact for the partnership with Lincoln High?")
    assertContains(response, "Sam Ortiz (Engineer)")
    assertNotContains(response, "Gone Already")
    assertNotContains(response, "Bea Birch")
    assertNotContains(response, f'<option value="{primary.contact.pk}"')


def test_leaving_without_a_successor_is_refused_in_words(partner_a_client, primary, colleague):
    response = partner_a_client.post(deactivate(primary.contact), {f"successor_{primary.pk}": "", "notes": "Bye"})

    assert response.status_code == 200
    assertContains(response, "Name a successor for Dana Lee as primary contact of")
    assertContains(response, "Bye")
    primary.refresh_from_db()
    primary.contact.refresh_from_db()
    assert primary.contact.active and primary.end_date is None


def test_leaving_with_a_successor_hands_the_post_over(partner_a_client, partner_a, primary, colleague):
    response = partner_a_client.post(
        deactivate(primary.contact), {f"successor_{primary.pk}": colleague.pk, "notes": "Keys are with reception."}
    )

    assertRedirects(response, LIST, fetch_redirect_response=False)
    primary.contact.refresh_from_db()
    assert not primary.contact.active
    handoff = Handoff.objects.get()
    assert (handoff.from_poc, handoff.to_poc.contact, handoff.notes, handoff.recorded_by) == (
        primary,
        colleague,
        "Keys are with reception.",
        partner_a,
    )
    response = partner_a_client.get(LIST)
    assertContains(response, "Sam Ortiz took over as primary contact of")


def test_a_successor_from_another_business_is_refused(partner_a_client, primary, business_b):
    stranger = ContactFactory(organization=business_b)

    response = partner_a_client.post(deactivate(primary.contact), {f"successor_{primary.pk}": stranger.pk, "notes": ""})

    assertContains(response, "Select a valid choice.")
    primary.contact.refresh_from_db()
    assert primary.contact.active
    assert not Handoff.objects.exists()


def test_with_nobody_else_the_page_says_to_add_the_successor_first(partner_a_client, primary):
    response = partner_a_client.get(deactivate(primary.contact))

    assertContains(response, "There is nobody else at Acme Tools to take over yet.")
    assertContains(response, CREATE)


def test_the_mentor_of_an_active_placement_is_refused_in_words_without_student_or_staff_links(
    partner_a_client, acme, colleague
):
    placement = PlacementFactory(partnership=acme, mentor=colleague, status="active")

    response = partner_a_client.post(deactivate(colleague), {"notes": ""})

    assert response.status_code == 200
    assertContains(response, "Sam Ortiz mentors students on active placements")
    assertContains(response, "Ask the district to name another mentor for 1 active placement first.")
    assertNotContains(response, placement.student.partner_name)
    assertNotContains(response, reverse("students:placement_edit", args=[placement.pk]))
    colleague.refresh_from_db()
    assert colleague.active


def test_someone_already_inactive_is_not_deactivated_again(partner_a_client, business_a):
    gone = ContactFactory(organization=business_a, active=False)

    response = partner_a_client.get(deactivate(gone), follow=True)

    assertContains(response, "is already inactive.")


# Points of contact and handing over ------------------------------------------------------------------


def test_the_points_of_contact_page_shows_both_sides(partner_a_client, primary, acme):
    backup = PointOfContactFactory(partnership=acme, side=Side.BUSINESS, role="backup")
    school_contact = acme.points_of_contact.get(side=Side.SCHOOL).contact

    response = partner_a_client.get(POINTS)

    assertContains(response, "With Lincoln High")
    assertContains(response, "Dana Lee")
    assertContains(response, hand_over(primary))
    assertContains(response, hand_over(backup))
    assertContains(response, school_contact.full_name)
    school_poc = acme.points_of_contact.get(side=Side.SCHOOL)
    assertNotContains(response, hand_over(school_poc))


def test_a_partnership_without_a_business_primary_says_what_to_do(partner_a_client, business_a):
    partnership = active_partnership(business=business_a, status="onboarding")
    partnership.points_of_contact.filter(side=Side.BUSINESS).delete()

    assertContains(partner_a_client.get(POINTS), "Write to the district to name your primary contact.")


def test_the_points_of_contact_page_has_an_empty_state(partner_a_client):
    assertContains(partner_a_client.get(POINTS), "No current partnerships.")


@pytest.mark.parametrize("size", [2, 6])
def test_the_points_of_contact_page_uses_a_fixed_number_of_queries(
    size, partner_a_client, business_a, django_assert_num_queries
):
    for _ in range(size):
        partnership = active_partnership(business=business_a)
        PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role="backup")
    partner_a_client.get(POINTS)
    with django_assert_num_queries(8):
        response = partner_a_client.get(POINTS)
    assert response.status_code == 200


def test_the_handover_form_shows_what_is_still_open(partner_a_client, primary, acme, colleague):
    GoalFactory(partnership=acme, description="Twelve interns a year")

    response = partner_a_client.get(hand_over(primary))

    assertContains(response, "Hand over from Dana Lee")
    assertContains(response, "Goal: Twelve interns a year")
    assertContains(response, "Sam Ortiz (Engineer)")


def test_the_primary_hands_over_to_a_colleague(partner_a_client, partner_a, primary, colleague, acme):
    response = partner_a_client.post(hand_over(primary), {"successor": colleague.pk, "notes": "Call Ms Park first."})

    assertRedirects(response, POINTS, fetch_redirect_response=False)
    primary.refresh_from_db()
    assert primary.end_date is not None
    new = PointOfContact.objects.get(partnership=acme, side=Side.BUSINESS, role=PRIMARY, end_date__isnull=True)
    assert new.contact == colleague
    handoff = Handoff.objects.get()
    assert (handoff.notes, handoff.recorded_by, handoff.to_poc) == ("Call Ms Park first.", partner_a, new)
    primary.contact.refresh_from_db()
    assert primary.contact.active  # handing over is not leaving


def test_handing_over_needs_a_successor_and_keeps_the_notes(partner_a_client, primary, colleague):
    response = partner_a_client.post(hand_over(primary), {"successor": "", "notes": "Call Ms Park first."})

    assertContains(response, "This field is required.")
    assertContains(response, "Call Ms Park first.")
    assert not Handoff.objects.exists()


def test_an_inactive_colleague_cannot_take_over(partner_a_client, primary, business_a):
    gone = ContactFactory(organization=business_a, active=False)

    response = partner_a_client.post(hand_over(primary), {"successor": gone.pk, "notes": ""})

    assertContains(response, "Select a valid choice.")
    assert not Handoff.objects.exists()


def test_a_post_already_handed_over_says_so(partner_a_client, primary, colleague):
    partner_a_client.post(hand_over(primary), {"successor": colleague.pk, "notes": ""})

    response = partner_a_client.get(hand_over(primary), follow=True)

    assertContains(response, "Dana Lee already handed this over on")


def test_the_school_side_post_is_not_the_business_to_hand_over(partner_a_client, acme, colleague):
    school_poc = acme.points_of_contact.get(side=Side.SCHOOL)

    assert partner_a_client.get(hand_over(school_poc)).status_code == 404
    assert partner_a_client.post(hand_over(school_poc), {"successor": colleague.pk}).status_code == 404
    assert not Handoff.objects.exists()


def test_another_business_post_is_a_404(partner_a_client, business_b, colleague):
    theirs = active_partnership(business=business_b).points_of_contact.get(side=Side.BUSINESS)

    assert partner_a_client.get(hand_over(theirs)).status_code == 404
    assert partner_a_client.post(hand_over(theirs), {"successor": colleague.pk}).status_code == 404
    assert not Handoff.objects.exists()
