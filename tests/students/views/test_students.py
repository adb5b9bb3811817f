"""The student pages (students/views.py): list, create, detail and edit, with good and bad input."""

import re
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from students.models import (
    Placement,
    Student,
)
from tests.factories import (
    ActivePartnershipFactory,
    BusinessFactory,
    HoursEntryFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
)
from tests.form_data import versioned
from tests.helpers import days_ago, today
from tests.students.views.helpers import (
    Status,
    detail_links,
    flashed,
    hrefs,
    iso,
    student_data,
    student_data_for,
    url,
    years_ago,
)

pytestmark = pytest.mark.django_db


# Student list ----------------------------------------------------------------------------------------


def test_student_list_shows_each_student_with_id_grade_school_and_placements(coordinator_client, placement):
    response = coordinator_client.get(url("student_list"))
    assert response.status_code == 200
    assertContains(response, f'<a href="{placement.student.get_absolute_url()}">Maya Okonkwo</a>', html=True)
    assertContains(response, "<td>D123456</td>", html=True)
    assertContains(response, "<td>Lincoln High</td>", html=True)
    assertContains(response, "<td>11</td>", html=True)
    assertContains(response, "1 student<")
    assertContains(response, '<span class="text-success">On file</span>', html=True)


def test_student_list_says_missing_for_a_student_without_guardian_consent(coordinator_client, school):
    StudentFactory(legal_first_name="Omar", last_name="Unsigned", school=school, guardian_consent_on=None)
    response = coordinator_client.get(url("student_list"))
    assertContains(response, "Omar Unsigned")
    assertContains(response, '<span class="text-danger fw-semibold">Missing</span>', html=True)
    assertNotContains(response, "On file")


def test_student_list_counts_active_placements_beside_all_placements(coordinator_client, active_placement, student):
    PlacementFactory(student=student, partnership=active_placement.partnership, status=Status.PROPOSED)
    response = coordinator_client.get(url("student_list"))
    assertContains(response, '2 <span class="small text-body-secondary">(1 active)</span>')


def test_student_list_filters_by_school(coordinator_client, school):
    other = SchoolFactory(name="Roosevelt Middle")
    StudentFactory(legal_first_name="Lina", last_name="Atlincoln", school=school)
    StudentFactory(legal_first_name="Rafe", last_name="Atroosevelt", school=other)
    response = coordinator_client.get(url("student_list"), {"school": other.pk})
    assertContains(response, "Rafe Atroosevelt")
    assertNotContains(response, "Lina Atlincoln")
    assertContains(response, "1 student<")


def test_student_list_filters_by_grade(coordinator_client, school):
    StudentFactory(legal_first_name="Gina", last_name="Ninth", school=school, grade=9)
    StudentFactory(legal_first_name="Tess", last_name="Twelfth", school=school, grade=12)
    response = coordinator_client.get(url("student_list"), {"grade": "12"})
    assertContains(response, "Tess Twelfth")
    assertNotContains(response, "Gina Ninth")


def test_student_list_filters_by_active(coordinator_client, school):
    StudentFactory(legal_first_name="Ada", last_name="Present", school=school)
    StudentFactory(legal_first_name="Ivo", last_name="Gone", school=school, active=False)

    response = coordinator_client.get(url("student_list"), {"active": "false"})
    assertContains(response, "Ivo Gone")
    assertContains(response, "Inactive")
    assertNotContains(response, "Ada Present")

    response = coordinator_client.get(url("student_list"), {"active": "true"})
    assertContains(response, "Ada Present")
    assertNotContains(response, "Ivo Gone")


@pytest.mark.parametrize("q", ["okonkwo", "Maya", "MAYA"])
def test_student_list_searches_by_name(coordinator_client, student, school, q):
    StudentFactory(legal_first_name="Ben", last_name="Other", school=school)
    response = coordinator_client.get(url("student_list"), {"q": q})
    assertContains(response, "Maya Okonkwo")
    assertNotContains(response, "Ben Other")


def test_student_list_searches_by_preferred_first_name(coordinator_client, school):
    StudentFactory(legal_first_name="Alexandra", preferred_first_name="Sasha", last_name="Preferred", school=school)
    response = coordinator_client.get(url("student_list"), {"q": "sasha"})
    assertContains(response, "Sasha Preferred")


def test_student_list_searches_by_the_whole_district_id_only(coordinator_client, student, school):
    StudentFactory(legal_first_name="Ben", last_name="Other", school=school, district_student_id="D654321")
    response = coordinator_client.get(url("student_list"), {"q": "d123456"})
    assertContains(response, "Maya Okonkwo")
    assertNotContains(response, "Ben Other")

    # Part of an id finds nobody: ids are matched whole.
    response = coordinator_client.get(url("student_list"), {"q": "D123"})
    assertNotContains(response, "Maya Okonkwo")
    assertContains(response, "0 students<")


def test_student_list_with_a_nul_byte_in_the_search_answers_200(coordinator_client, student):
    response = coordinator_client.get(url("student_list"), {"q": "\x00"})
    assert response.status_code == 200
    assertContains(response, "Maya Okonkwo")

    response = coordinator_client.get(url("student_list") + "?q=Okon%00kwo")
    assert response.status_code == 200


def test_student_list_shows_25_a_page_and_the_other_5_on_page_two(coordinator_client, school):
    StudentFactory.create_batch(30, school=school)

    response = coordinator_client.get(url("student_list"))
    assertContains(response, "30 students<")
    assert len(detail_links(response, "students")) == 25
    assertContains(response, "Page 1 of 2")

    response = coordinator_client.get(url("student_list"), {"page": "2"})
    assertContains(response, "30 students<")
    assert len(detail_links(response, "students")) == 5
    assertContains(response, "Page 2 of 2")


def test_student_list_pages_keep_the_filters(coordinator_client, school):
    StudentFactory.create_batch(26, school=school, grade=9)
    response = coordinator_client.get(url("student_list"), {"grade": "9"})
    assertContains(response, 'href="?grade=9&amp;page=2"')


def test_student_list_without_students_says_how_to_add_them(coordinator_client):
    response = coordinator_client.get(url("student_list"))
    assertContains(response, "0 students<")
    assertContains(response, "No students yet.")
    assertContains(response, "Import a class from CSV")
    assertContains(response, f'href="{url("student_create")}"')


def test_student_list_with_no_match_offers_to_clear_the_filters(coordinator_client, student):
    response = coordinator_client.get(url("student_list"), {"q": "Nobody"})
    assertContains(response, "No students match these filters.")
    assertContains(response, "Clear the filters")
    assertNotContains(response, "No students yet.")


# Student create --------------------------------------------------------------------------------------


def test_new_student_form_shows_every_field_and_the_submit_button(coordinator_client):
    response = coordinator_client.get(url("student_create"))
    assert response.status_code == 200
    assertContains(response, "<title>New student · SchoolBridge</title>", html=True)
    for name in ("legal_first_name", "last_name", "date_of_birth", "district_student_id", "guardian_consent_on"):
        assertContains(response, f'name="{name}"')
    assertContains(response, "Add student")


def test_adding_a_student_saves_them_and_opens_their_page(coordinator_client, school):
    response = coordinator_client.post(url("student_create"), student_data(school))
    student = Student.objects.get(district_student_id="D900001")
    assertRedirects(response, url("student_detail", student.pk))
    assert flashed(response) == ["Nia Abernathy added."]
    assert student.last_name == "Abernathy"
    assert student.school == school
    assert student.guardian_consent_on == days_ago(10)
    assert student.media_consent is False
    assert student.active is True


def test_adding_a_student_with_media_consent_and_its_date_saves_both(coordinator_client, school):
    data = student_data(school, media_consent="on", media_consent_on=iso(days_ago(3)))
    response = coordinator_client.post(url("student_create"), data)
    student = Student.objects.get(district_student_id="D900001")
    assertRedirects(response, student.get_absolute_url())
    assert student.media_consent is True
    assert student.media_consent_on == days_ago(3)


def test_a_second_student_with_the_same_district_id_is_refused_and_the_typed_values_kept(
    coordinator_client, school, student
):
    response = coordinator_client.post(
        url("student_create"), student_data(school, district_student_id="D123456", last_name="Typedname")
    )
    assert response.status_code == 200
    assertContains(response, "Student with this District student ID already exists.")
    assertContains(response, 'value="Typedname"')
    assert Student.objects.count() == 1


def test_media_consent_ticked_without_a_date_is_refused(coordinator_client, school):
    response = coordinator_client.post(
        url("student_create"), student_data(school, media_consent="on", last_name="Typedname")
    )
    assert response.status_code == 200
    assertContains(response, "Give the date media consent was given.")
    assertContains(response, 'value="Typedname"')
    assertContains(response, "Please correct the field below.")
    assert not Student.objects.exists()


@pytest.mark.parametrize("field", ["guardian_consent_on", "media_consent_on"])
def test_a_consent_date_in_the_future_is_refused(coordinator_client, school, field):
    data = student_data(school, media_consent="on", media_consent_on=iso(days_ago(1)), last_name="Typedname")
    data[field] = iso(days_ago(-1))
    response = coordinator_client.post(url("student_create"), data)
    assert response.status_code == 200
    assertContains(response, "A consent date cannot be in the future.")
    assertContains(response, 'value="Typedname"')
    assertContains(response, f'value="{iso(days_ago(-1))}"')
    assert not Student.objects.exists()


def test_a_date_of_birth_that_makes_the_student_three_is_refused(coordinator_client, school):
    born = years_ago(3)
    response = coordinator_client.post(
        url("student_create"), student_data(school, date_of_birth=iso(born), last_name="Typedname")
    )
    assert response.status_code == 200
    assertContains(response, "Check the date of birth: students here are 8 to 25 years old.")
    assertContains(response, 'value="Typedname"')
    assertContains(response, f'value="{iso(born)}"')
    assert not Student.objects.exists()


def test_a_date_of_birth_that_makes_the_student_seven_is_refused(coordinator_client, school):
    """The form promises 8 to 25 years old; a child whose 8th birthday is tomorrow is 7."""
    response = coordinator_client.post(
        url("student_create"), student_data(school, date_of_birth=iso(years_ago(8, plus_days=1)))
    )
    assert response.status_code == 200
    assertContains(response, "Check the date of birth: students here are 8 to 25 years old.")
    assert not Student.objects.exists()


@pytest.mark.parametrize(
    "born",
    [years_ago(8), years_ago(25), years_ago(26, plus_days=1)],
    ids=["turned 8 today", "turned 25 today", "turns 26 tomorrow"],
)
def test_a_student_aged_8_to_25_is_accepted(coordinator_client, school, born):
    response = coordinator_client.post(url("student_create"), student_data(school, date_of_birth=iso(born)))
    assert response.status_code == 302
    assert Student.objects.filter(district_student_id="D900001").exists()


def test_a_student_missing_every_required_field_is_refused_field_by_field(coordinator_client):
    response = coordinator_client.post(url("student_create"), {})
    assert response.status_code == 200
    # Names, date of birth, grade, school, district ID, and the basis on which partners see anything.
    assertContains(response, "This field is required.", count=7)
    assert not Student.objects.exists()


# Student detail and edit -----------------------------------------------------------------------------


def test_student_page_lists_placements_with_their_hours_totals(coordinator_client, active_placement, student):
    HoursEntryFactory(placement=active_placement, hours=Decimal("3.00"))
    HoursEntryFactory(placement=active_placement, hours=Decimal("1.50"))
    bakery = PlacementFactory(
        student=student,
        partnership=ActivePartnershipFactory(school=student.school, business=BusinessFactory(name="Birch Bakery")),
        kind=Placement.Kind.JOB_SHADOW,
    )

    response = coordinator_client.get(url("student_detail", student.pk))
    assert response.status_code == 200
    assertContains(response, "<title>Maya Okonkwo · SchoolBridge</title>", html=True)
    assertContains(response, "Grade 11 · Lincoln High · ID D123456")
    assertContains(response, f'<a href="{active_placement.get_absolute_url()}">Acme Tools</a>', html=True)
    assertContains(response, f'<a href="{bakery.get_absolute_url()}">Birch Bakery</a>', html=True)
    content = response.content.decode()
    acme_row = re.search(rf"{re.escape(active_placement.get_absolute_url())}.*?</tr>", content, re.DOTALL).group(0)
    assert "<td>4.50</td>" in acme_row
    assert "Active" in acme_row
    bakery_row = re.search(rf"{re.escape(bakery.get_absolute_url())}.*?</tr>", content, re.DOTALL).group(0)
    assert "<td>0</td>" in bakery_row
    assert "Job shadow" in bakery_row


def test_student_page_shows_the_consent_on_file_and_the_media_consent(coordinator_client, student):
    Student.objects.filter(pk=student.pk).update(media_consent=True, media_consent_on=days_ago(5))
    response = coordinator_client.get(url("student_detail", student.pk))
    assertContains(response, f"On file since {days_ago(30):%-d %b %Y}")
    assertContains(response, f"Yes, since {days_ago(5):%-d %b %Y}")
    assertContains(response, "Maya O., grade and schedule (directory information)")


def test_student_page_says_consent_is_not_on_file_and_links_to_record_it(coordinator_client, school):
    student = StudentFactory(school=school, guardian_consent_on=None)
    response = coordinator_client.get(url("student_detail", student.pk))
    assertContains(response, "Not on file")
    assertContains(response, f'<a href="{url("student_edit", student.pk)}">record it</a>', html=True)


def test_student_page_without_placements_offers_to_propose_one(coordinator_client, student):
    response = coordinator_client.get(url("student_detail", student.pk))
    assertContains(response, "No placements yet.")
    assertContains(response, f'href="{url("placement_create")}?student={student.pk}"')


def test_student_page_address_is_the_id_and_never_the_name(coordinator_client, student):
    address = url("student_detail", student.pk)
    assert address == f"/students/{student.pk}/"
    response = coordinator_client.get(address)
    assert response.status_code == 200
    assert not [link for link in hrefs(response) if "okonkwo" in link.lower() or "D123456" in link]


def test_student_page_for_a_missing_id_is_404(coordinator_client, student):
    assert coordinator_client.get(url("student_detail", student.pk + 1000)).status_code == 404
    assert coordinator_client.get(url("student_edit", student.pk + 1000)).status_code == 404


def test_student_edit_form_shows_the_saved_values(coordinator_client, student):
    response = coordinator_client.get(url("student_edit", student.pk))
    assert response.status_code == 200
    assertContains(response, "<title>Edit Maya Okonkwo · SchoolBridge</title>", html=True)
    assertContains(response, 'value="Okonkwo"')
    assertContains(response, 'value="D123456"')
    assertContains(response, "Save changes")


def test_editing_a_student_saves_the_change_and_returns_to_their_page(coordinator_client, student):
    data = versioned(student, student_data_for(student, preferred_first_name="May", guardian_phone="555-0177"))
    response = coordinator_client.post(url("student_edit", student.pk), data)
    assertRedirects(response, student.get_absolute_url())
    assert flashed(response) == ["May Okonkwo saved."]
    student.refresh_from_db()
    assert student.preferred_first_name == "May"
    assert student.guardian_phone == "555-0177"


def test_recording_consent_for_a_student_who_had_none(coordinator_client, school):
    student = StudentFactory(school=school, guardian_consent_on=None)
    data = versioned(student, student_data_for(student, guardian_consent_on=iso(today())))
    coordinator_client.post(url("student_edit", student.pk), data)
    student.refresh_from_db()
    assert student.guardian_consent_on == today()


def test_a_refused_edit_keeps_the_saved_name_in_the_title_and_the_typed_one_in_the_form(coordinator_client, student):
    data = versioned(student, student_data_for(student, last_name="Typedname", guardian_consent_on=iso(days_ago(-3))))
    response = coordinator_client.post(url("student_edit", student.pk), data)
    assert response.status_code == 200
    assertContains(response, "A consent date cannot be in the future.")
    assertContains(response, "<title>Edit Maya Okonkwo · SchoolBridge</title>", html=True)
    assertContains(response, "Edit Maya Okonkwo</h1>")
    assertContains(response, 'value="Typedname"')
    student.refresh_from_db()
    assert student.last_name == "Okonkwo"


def test_an_edit_to_another_students_district_id_is_refused(coordinator_client, student, school):
    other = StudentFactory(school=school, district_student_id="D777777")
    response = coordinator_client.post(
        url("student_edit", other.pk), versioned(other, student_data_for(other, district_student_id="D123456"))
    )
    assert response.status_code == 200
    assertContains(response, "Student with this District student ID already exists.")
    other.refresh_from_db()
    assert other.district_student_id == "D777777"
