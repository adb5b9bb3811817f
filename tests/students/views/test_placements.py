"""The placement pages (students/views.py): list, create, detail with its readiness checklist, and edit."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import Side
from students.models import (
    Placement,
)
from tests.factories import (
    ActivePartnershipFactory,
    ContactFactory,
    PartnershipFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
)
from tests.form_data import versioned
from tests.helpers import days_ago, today
from tests.students.views.helpers import Status, detail_links, flashed, iso, placement_data, text, url

pytestmark = pytest.mark.django_db


# Placement list --------------------------------------------------------------------------------------


def test_placement_list_shows_each_placement_with_student_business_mentor_and_status(coordinator_client, placement):
    PlacementFactory(
        student=StudentFactory(legal_first_name="Omar", last_name="Nomentor"),
        partnership=placement.partnership,
        mentor=None,
    )
    response = coordinator_client.get(url("placement_list"))
    assert response.status_code == 200
    assertContains(response, "2 placements<")
    assertContains(response, f'<a href="{placement.get_absolute_url()}">Maya Okonkwo</a>', html=True)
    assertContains(response, "Grade 11, Lincoln High")
    assertContains(response, "<td>Acme Tools</td>", html=True)
    assertContains(response, "<td>Dana Lee</td>", html=True)
    assertContains(response, "None yet")
    assertContains(response, ">Proposed</span>")


def _named_placement(first: str, last: str, **kwargs) -> Placement:
    partnership = kwargs.pop("partnership", None) or ActivePartnershipFactory()
    student = StudentFactory(legal_first_name=first, last_name=last, school=kwargs.pop("school", partnership.school))
    return PlacementFactory.create(student=student, partnership=partnership, **kwargs)


def test_placement_list_filters_by_status(coordinator_client):
    _named_placement("Pia", "Proposed")
    _named_placement("Ari", "Running", status=Status.ACTIVE)
    response = coordinator_client.get(url("placement_list"), {"status": "active"})
    assertContains(response, "Ari Running")
    assertNotContains(response, "Pia Proposed")
    assertContains(response, "1 placement<")


def test_placement_list_filters_by_kind(coordinator_client):
    _named_placement("Ian", "Intern", kind=Placement.Kind.INTERNSHIP)
    _named_placement("Sid", "Shadow", kind=Placement.Kind.JOB_SHADOW)
    response = coordinator_client.get(url("placement_list"), {"kind": "job_shadow"})
    assertContains(response, "Sid Shadow")
    assertNotContains(response, "Ian Intern")


def test_placement_list_filters_by_partnership(coordinator_client, partnership):
    _named_placement("Ana", "Inside", partnership=partnership)
    _named_placement("Oli", "Outside")
    response = coordinator_client.get(url("placement_list"), {"partnership": partnership.pk})
    assertContains(response, "Ana Inside")
    assertNotContains(response, "Oli Outside")


def test_placement_list_filters_by_the_students_school(coordinator_client, partnership, school):
    roosevelt = SchoolFactory(name="Roosevelt Middle")
    _named_placement("Lu", "Fromlincoln", partnership=partnership)
    # A district-wide partnership: the student's own school is what counts.
    _named_placement("Ro", "Fromroosevelt", partnership=partnership, school=roosevelt)
    response = coordinator_client.get(url("placement_list"), {"school": roosevelt.pk})
    assertContains(response, "Ro Fromroosevelt")
    assertNotContains(response, "Lu Fromlincoln")


def test_placement_list_starting_soon_shows_planned_placements_starting_within_14_days(coordinator_client):
    _named_placement("Tia", "Today", start_date=today(), status=Status.APPROVED)
    _named_placement("Sam", "Soon", start_date=days_ago(-14))
    _named_placement("Lena", "Later", start_date=days_ago(-15))
    _named_placement("Stan", "Started", start_date=days_ago(10), status=Status.ACTIVE)
    _named_placement("Ava", "Activeearly", start_date=days_ago(-3), status=Status.ACTIVE)
    _named_placement("Cal", "Cancelled", start_date=days_ago(-3), status=Status.CANCELLED, cancel_reason="Moved.")

    response = coordinator_client.get(url("placement_list"), {"timing": "starting_soon"})
    assertContains(response, "Tia Today")
    assertContains(response, "Sam Soon")
    assertContains(response, "2 placements<")
    for name in ("Lena Later", "Stan Started", "Ava Activeearly", "Cal Cancelled"):
        assertNotContains(response, name)


def test_placement_list_ending_soon_shows_running_placements_ending_within_14_days(coordinator_client):
    _named_placement("Eve", "Endsoon", end_date=days_ago(-5), status=Status.ACTIVE)
    _named_placement("Tom", "Endstoday", end_date=today(), status=Status.ACTIVE)
    _named_placement("Lou", "Endslater", end_date=days_ago(-30), status=Status.ACTIVE)
    _named_placement("Pam", "Proposedending", end_date=days_ago(-5))
    _named_placement("Old", "Ended", start_date=days_ago(40), end_date=days_ago(1), status=Status.ACTIVE)

    response = coordinator_client.get(url("placement_list"), {"timing": "ending_soon"})
    assertContains(response, "Eve Endsoon")
    assertContains(response, "Tom Endstoday")
    assertContains(response, "2 placements<")
    for name in ("Lou Endslater", "Pam Proposedending", "Old Ended"):
        assertNotContains(response, name)


def test_placement_list_searches_by_student_name(coordinator_client, placement):
    _named_placement("Ben", "Other")
    response = coordinator_client.get(url("placement_list"), {"q": "okonk"})
    assertContains(response, "Maya Okonkwo")
    assertNotContains(response, "Ben Other")


def test_placement_list_searches_by_business_name(coordinator_client, placement, business_b):
    _named_placement("Bea", "Sato", partnership=ActivePartnershipFactory(business=business_b))
    response = coordinator_client.get(url("placement_list"), {"q": "birch"})
    assertContains(response, "Bea Sato")
    assertNotContains(response, "Maya Okonkwo")
    assertContains(response, "1 placement<")


def test_placement_list_with_a_nul_byte_in_the_search_answers_200(coordinator_client, placement):
    response = coordinator_client.get(url("placement_list"), {"q": "\x00"})
    assert response.status_code == 200
    assertContains(response, "Maya Okonkwo")


def test_placement_list_refuses_an_unknown_timing_and_says_so(coordinator_client, placement):
    response = coordinator_client.get(url("placement_list"), {"timing": "someday"})
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")


def test_placement_list_shows_25_a_page_and_the_other_5_on_page_two(coordinator_client, partnership, mentor):
    PlacementFactory.create_batch(30, partnership=partnership, mentor=mentor)

    response = coordinator_client.get(url("placement_list"))
    assertContains(response, "30 placements<")
    assert len(detail_links(response, "placements")) == 25

    response = coordinator_client.get(url("placement_list"), {"page": "2"})
    assertContains(response, "30 placements<")
    assert len(detail_links(response, "placements")) == 5
    assertContains(response, "Page 2 of 2")


def test_placement_list_without_placements_offers_to_add_the_first(coordinator_client):
    response = coordinator_client.get(url("placement_list"))
    assertContains(response, "0 placements<")
    assertContains(response, "No placements yet.")
    assertContains(response, "Add the first one")


def test_placement_list_with_no_match_offers_to_clear_the_filters(coordinator_client, placement):
    response = coordinator_client.get(url("placement_list"), {"status": "completed"})
    assertContains(response, "No placements match these filters.")
    assertNotContains(response, "Maya Okonkwo")


# Placement create ------------------------------------------------------------------------------------


def test_new_placement_form_is_prefilled_from_the_student_and_partnership_in_the_address(
    coordinator_client, coordinator, student, partnership
):
    response = coordinator_client.get(url("placement_create"), {"student": student.pk, "partnership": partnership.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert f'value="Maya Okonkwo, grade {student.grade}, {student.school.name} (#{student.pk})"' in content
    assert f'value="Lincoln and Acme (#{partnership.pk})"' in content
    assert re.search(rf'<option value="{coordinator.pk}" selected>', content)  # the supervisor: you
    assertContains(response, "Propose placement")


def test_new_placement_form_offers_only_active_students(coordinator_client, student, school, partnership, mentor):
    gone = StudentFactory(legal_first_name="Ivo", last_name="Gone", school=school, active=False)
    offered = coordinator_client.get(reverse("suggest", args=["students"]), {"q": "o"}).json()["results"]
    assert [row["label"] for row in offered] == [f"Maya Okonkwo, grade {student.grade}, {school.name}"]

    response = coordinator_client.post(url("placement_create"), placement_data(gone, partnership, mentor))
    assertContains(response, "is not a student you can choose here")
    assert not Placement.objects.exists()


def test_proposing_a_placement_saves_it_as_proposed_and_opens_it(coordinator_client, student, partnership, mentor):
    response = coordinator_client.post(url("placement_create"), placement_data(student, partnership, mentor))
    placement = Placement.objects.get()
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement proposed. Next: add its learning goals and check what it needs to start."]
    assert placement.status == Status.PROPOSED
    assert (placement.student, placement.partnership, placement.mentor) == (student, partnership, mentor)
    assert placement.start_date == days_ago(-7)
    assert placement.hours_per_week == Decimal("6")


def test_a_placement_that_ends_before_it_starts_is_refused(coordinator_client, student, partnership, mentor):
    data = placement_data(student, partnership, mentor, start_date=iso(days_ago(-30)), end_date=iso(days_ago(-20)))
    data["days"] = "Typed days"
    response = coordinator_client.post(url("placement_create"), data)
    assert response.status_code == 200
    assertContains(response, "The placement ends before it starts.")
    assertContains(response, 'value="Typed days"')
    assert not Placement.objects.exists()


def test_a_mentor_from_another_business_is_refused_with_the_services_words(
    coordinator_client, student, partnership, business_b
):
    baker = ContactFactory(organization=business_b, first_name="Bo", last_name="Baker")
    response = coordinator_client.post(url("placement_create"), placement_data(student, partnership, baker))
    assert response.status_code == 200
    assertContains(response, "Bo Baker does not work at Acme Tools: choose someone there.")
    assert not Placement.objects.exists()


def test_an_ended_partnership_is_not_offered_and_cannot_be_posted(
    coordinator_client, student, partnership, mentor, school
):
    ended = PartnershipFactory(name="Old Partnership", school=school, business=mentor.organization, status="ended")
    offered = coordinator_client.get(reverse("suggest", args=["open-partnerships"]), {"q": "partnership"}).json()
    assert offered == {"results": []}
    assert coordinator_client.get(reverse("suggest", args=["open-partnerships"]), {"q": "acme"}).json()["results"]

    response = coordinator_client.post(url("placement_create"), placement_data(student, ended, mentor))
    assert response.status_code == 200
    assertContains(response, "is not a partnership you can choose here")
    assert not Placement.objects.exists()


def test_a_placement_without_dates_or_kind_is_refused(coordinator_client, student, partnership, mentor):
    data = placement_data(student, partnership, mentor, kind="", start_date="", end_date="")
    response = coordinator_client.post(url("placement_create"), data)
    assert response.status_code == 200
    assertContains(response, "This field is required.", count=3)
    assert not Placement.objects.exists()


# Placement detail and its readiness checklist --------------------------------------------------------


def test_placement_page_shows_who_where_and_when(coordinator_client, placement):
    response = coordinator_client.get(url("placement_detail", placement.pk))
    assert response.status_code == 200
    assertContains(response, "<title>Maya Okonkwo at Acme Tools · SchoolBridge</title>", html=True)
    assertContains(response, f'<a href="{placement.student.get_absolute_url()}">Maya Okonkwo</a>', html=True)
    assertContains(response, "Dana Lee")
    assertContains(response, "Tue, Thu, 6 hours a week")
    assertContains(response, "Ready to start")
    assertContains(response, f'href="{url("placement_transition", placement.pk, "approved")}"')


def test_placement_page_lists_each_missing_item_with_the_link_that_fixes_it(coordinator_client, school):
    partnership = ActivePartnershipFactory(
        name="Lincoln and Acme", school=school, status="paused", points_of_contact=False
    )
    student = StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=school, guardian_consent_on=None)
    placement = PlacementFactory(student=student, partnership=partnership, mentor=None)

    response = coordinator_client.get(url("placement_detail", placement.pk))
    assert response.status_code == 200
    page = text(response)
    assert "Before this placement can start" in page
    edit = url("placement_edit", placement.pk)
    assert f'No mentor is named. — <a href="{edit}">name a mentor</a>' in page
    student_edit = url("student_edit", student.pk)
    assert (
        f'Maya Okonkwo\'s guardian consent is not on file. — <a href="{student_edit}">record the consent date</a>'
        in page
    )
    assert (
        f'Lincoln and Acme is paused, not active. — <a href="{partnership.get_absolute_url()}">open the partnership</a>'
        in page
    )
    add = reverse("partnerships:poc_add", args=[partnership.pk])
    fix = f'<a href="{add}?side={Side.SCHOOL}">name one</a>'
    assert f"Lincoln and Acme has no primary point of contact at Lincoln High. — {fix}" in page
    assert '✓</span> <span class="visually-hidden">Done:</span> Dates' in page


def test_placement_page_flags_dates_that_have_passed(coordinator_client, placement):
    Placement.objects.filter(pk=placement.pk).update(start_date=days_ago(40), end_date=days_ago(2))
    response = coordinator_client.get(url("placement_detail", placement.pk))
    page = text(response)
    assert (
        f'The placement\'s end date has passed. — <a href="{url("placement_edit", placement.pk)}">fix the dates</a>'
        in page
    )


def test_a_running_placement_shows_no_checklist_but_the_evaluation_and_hours_actions(
    coordinator_client, active_placement
):
    response = coordinator_client.get(url("placement_detail", active_placement.pk))
    assertNotContains(response, 'id="readiness"')
    assertContains(response, f'href="{url("evaluation_create", active_placement.pk)}"')
    assertContains(response, f'action="{url("evaluation_link_create", active_placement.pk)}"')
    assertContains(response, f'href="{url("hours_create", active_placement.pk)}"')


def test_placement_page_for_a_missing_id_is_404(coordinator_client, placement):
    for name in ("placement_detail", "placement_edit", "placement_alignment", "hours_create", "evaluation_create"):
        assert coordinator_client.get(url(name, placement.pk + 1000)).status_code == 404


# Placement edit --------------------------------------------------------------------------------------


def test_placement_edit_form_cannot_change_the_student_or_the_partnership(coordinator_client, placement):
    response = coordinator_client.get(url("placement_edit", placement.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r'<input type="text" name="student"[^>]*\bdisabled\b', content)
    assert re.search(r'<input type="text" name="partnership"[^>]*\bdisabled\b', content)
    assertContains(response, "<title>Edit Maya Okonkwo at Acme Tools · SchoolBridge</title>", html=True)


def test_posting_another_partnership_to_the_edit_form_leaves_it_unchanged(
    coordinator_client, placement, student, partnership, mentor, school
):
    other = ActivePartnershipFactory(school=school, business=mentor.organization)
    other_student = StudentFactory(school=school)
    data = versioned(placement, placement_data(other_student, other, mentor, notes="Bring safety boots."))
    response = coordinator_client.post(url("placement_edit", placement.pk), data)
    assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.partnership == partnership
    assert placement.student == student
    assert placement.notes == "Bring safety boots."


def test_changing_the_mentor_saves_and_returns_to_the_placement(coordinator_client, placement, student, partnership):
    kim = ContactFactory(organization=partnership.business, first_name="Kim", last_name="Park")
    response = coordinator_client.post(
        url("placement_edit", placement.pk), versioned(placement, placement_data(student, partnership, kim))
    )
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement saved."]
    placement.refresh_from_db()
    assert placement.mentor == kim
    assert placement.status == Status.PROPOSED


def test_an_edit_naming_a_mentor_from_another_business_is_refused(
    coordinator_client, placement, student, partnership, mentor, business_b
):
    baker = ContactFactory(organization=business_b, first_name="Bo", last_name="Baker")
    response = coordinator_client.post(
        url("placement_edit", placement.pk), versioned(placement, placement_data(student, partnership, baker))
    )
    assert response.status_code == 200
    assertContains(response, "Bo Baker does not work at Acme Tools: choose someone there.")
    assertContains(response, "<title>Edit Maya Okonkwo at Acme Tools · SchoolBridge</title>", html=True)
    placement.refresh_from_db()
    assert placement.mentor == mentor


def test_an_edit_with_the_end_before_the_start_is_refused(coordinator_client, placement, student, partnership, mentor):
    data = placement_data(student, partnership, mentor, start_date=iso(days_ago(-30)), end_date=iso(days_ago(-20)))
    response = coordinator_client.post(url("placement_edit", placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "The placement ends before it starts.")
    placement.refresh_from_db()
    assert placement.start_date == days_ago(10)


def test_a_completed_placement_cannot_be_edited(coordinator_client, placement, student, partnership, mentor):
    Placement.objects.filter(pk=placement.pk).update(status=Status.COMPLETED)
    response = coordinator_client.post(
        url("placement_edit", placement.pk),
        versioned(placement, placement_data(student, partnership, mentor, notes="Too late.")),
    )
    assert response.status_code == 200
    assertContains(response, "This placement is completed: it can no longer change.")
    placement.refresh_from_db()
    assert placement.notes == ""
    assertNotContains(coordinator_client.get(placement.get_absolute_url()), "Edit details")
