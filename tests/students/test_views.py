"""Every coordinator page and form in students/views.py, with good and bad input.

The coordinator persona does the work. Maya Okonkwo is placed at Acme Tools (partner A's business)
through the Lincoln and Acme partnership, mentored by Dana Lee; partner A sees none of it.
"""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts import signed_links
from accounts.models import SignedLink
from partnerships.models import Goal, Side
from students import urls as student_urls
from students.models import (
    Evaluation,
    HoursEntry,
    LearningGoal,
    Placement,
    PlacementStatusChange,
    Rating,
    Student,
)
from tests.factories import (
    ActivePartnershipFactory,
    BackgroundCheckFactory,
    BusinessFactory,
    ContactFactory,
    EvaluationFactory,
    GoalFactory,
    HoursEntryFactory,
    LearningGoalFactory,
    PartnershipFactory,
    PlacementFactory,
    RatingFactory,
    SchoolFactory,
    StudentFactory,
    clear_for,
    ready_placement,
)

pytestmark = pytest.mark.django_db

Status = Placement.Status


def url(name: str, *args) -> str:
    return reverse(f"students:{name}", args=args)


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def years_ago(years: int, *, plus_days: int = 0) -> datetime.date:
    """The day `years` years before today (28 Feb for a 29 Feb that year lacks), moved by `plus_days`."""
    day = today()
    try:
        then = day.replace(year=day.year - years)
    except ValueError:
        then = day.replace(year=day.year - years, day=28)
    return then + datetime.timedelta(days=plus_days)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def flashed(response) -> list[str]:
    """The messages a view added for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    """The page as a reader sees its words: HTML entities (&#x27; for an apostrophe) decoded."""
    return html.unescape(response.content.decode())


def hrefs(response) -> list[str]:
    """Every URL the page links to or sends a form to."""
    return re.findall(r'(?:href|action|src)="([^"]*)"', response.content.decode())


def detail_links(response, prefix: str) -> list[str]:
    """The ids of the `/prefix/<id>/` detail pages a list page links to, in order."""
    return re.findall(rf'href="/{prefix}/(\d+)/"', response.content.decode())


def table_row(response, heading: str) -> list[str]:
    """The cells of the table row whose row heading starts with `heading`."""
    match = re.search(
        rf'<th scope="row"[^>]*>{re.escape(heading)}.*?</th>(.*?)</tr>', response.content.decode(), re.DOTALL
    )
    assert match, f"no row for {heading!r}"
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.DOTALL)]


# The people and places --------------------------------------------------------------------------


@pytest.fixture
def school(db):
    return SchoolFactory(name="Lincoln High")


@pytest.fixture
def partnership(school, business_a):
    return ActivePartnershipFactory(name="Lincoln and Acme", school=school, business=business_a)


@pytest.fixture
def mentor(business_a):
    return ContactFactory(organization=business_a, first_name="Dana", last_name="Lee", email="dana.lee@example.test")


@pytest.fixture
def student(school):
    return StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=school, district_student_id="D123456")


@pytest.fixture
def placement(student, partnership, mentor):
    """Proposed, and passes every readiness check (the mentor's background check is cleared)."""
    placement = PlacementFactory(student=student, partnership=partnership, mentor=mentor)
    clear_for(placement)
    return placement


@pytest.fixture
def active_placement(placement):
    Placement.objects.filter(pk=placement.pk).update(status=Status.ACTIVE)
    placement.refresh_from_db()
    return placement


@pytest.fixture
def goals(active_placement):
    return [
        LearningGoalFactory(placement=active_placement, text="Explain a design to a client", skill="Communication"),
        LearningGoalFactory(placement=active_placement, text="Use the CAD software", skill="CAD"),
    ]


def student_data(school, **changes) -> dict:
    """What the new-student form posts for a 16-year-old with consent on file."""
    data = {
        "legal_first_name": "Nia",
        "preferred_first_name": "",
        "last_name": "Abernathy",
        "date_of_birth": iso(years_ago(16)),
        "grade": "11",
        "school": school.pk,
        "district_student_id": "D900001",
        "guardian_name": "Pat Abernathy",
        "guardian_email": "pat.abernathy@example.test",
        "guardian_phone": "555-0101",
        "emergency_contact": "Pat Abernathy, 555-0101",
        "guardian_consent_on": iso(days_ago(10)),
        "media_consent_on": "",
        "disclosure_basis": Student.DisclosureBasis.DIRECTORY,
    }
    data.update(changes)
    return data


def student_data_for(student, **changes) -> dict:
    """What the edit form posts back for a student when nothing is changed."""
    data = student_data(
        student.school,
        legal_first_name=student.legal_first_name,
        preferred_first_name=student.preferred_first_name,
        last_name=student.last_name,
        date_of_birth=iso(student.date_of_birth),
        grade=str(student.grade),
        district_student_id=student.district_student_id,
        guardian_consent_on=iso(student.guardian_consent_on) if student.guardian_consent_on else "",
    )
    data.update(changes)
    return data


def placement_data(student, partnership, mentor, **changes) -> dict:
    data = {
        "student": student.pk,
        "partnership": partnership.pk,
        "kind": Placement.Kind.INTERNSHIP,
        "mentor": mentor.pk if mentor else "",
        "supervisor": "",
        "site_address": "",
        "start_date": iso(days_ago(-7)),
        "end_date": iso(days_ago(-60)),
        "days": "Tue, Thu",
        "hours_per_week": "6",
        "notes": "",
    }
    data.update(changes)
    return data


# Student list -----------------------------------------------------------------------------------


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


# Student create ---------------------------------------------------------------------------------


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


# Student detail and edit ------------------------------------------------------------------------


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
    data = student_data_for(student, preferred_first_name="May", guardian_phone="555-0177")
    response = coordinator_client.post(url("student_edit", student.pk), data)
    assertRedirects(response, student.get_absolute_url())
    assert flashed(response) == ["May Okonkwo saved."]
    student.refresh_from_db()
    assert student.preferred_first_name == "May"
    assert student.guardian_phone == "555-0177"


def test_recording_consent_for_a_student_who_had_none(coordinator_client, school):
    student = StudentFactory(school=school, guardian_consent_on=None)
    data = student_data_for(student, guardian_consent_on=iso(today()))
    coordinator_client.post(url("student_edit", student.pk), data)
    student.refresh_from_db()
    assert student.guardian_consent_on == today()


def test_a_refused_edit_keeps_the_saved_name_in_the_title_and_the_typed_one_in_the_form(coordinator_client, student):
    data = student_data_for(student, last_name="Typedname", guardian_consent_on=iso(days_ago(-3)))
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
        url("student_edit", other.pk), student_data_for(other, district_student_id="D123456")
    )
    assert response.status_code == 200
    assertContains(response, "Student with this District student ID already exists.")
    other.refresh_from_db()
    assert other.district_student_id == "D777777"


# Placement list ---------------------------------------------------------------------------------


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
    return PlacementFactory(student=student, partnership=partnership, **kwargs)


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


# Placement create -------------------------------------------------------------------------------


def test_new_placement_form_is_prefilled_from_the_student_and_partnership_in_the_address(
    coordinator_client, coordinator, student, partnership
):
    response = coordinator_client.get(url("placement_create"), {"student": student.pk, "partnership": partnership.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(rf'<option value="{student.pk}" selected>Maya Okonkwo</option>', content)
    assert re.search(rf'<option value="{partnership.pk}" selected>Lincoln and Acme</option>', content)
    assert re.search(rf'<option value="{coordinator.pk}" selected>', content)  # the supervisor: you
    assertContains(response, "Propose placement")


def test_new_placement_form_offers_only_active_students(coordinator_client, student, school):
    StudentFactory(legal_first_name="Ivo", last_name="Gone", school=school, active=False)
    response = coordinator_client.get(url("placement_create"))
    assertContains(response, ">Maya Okonkwo</option>")
    assertNotContains(response, "Ivo Gone")


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
    response = coordinator_client.get(url("placement_create"))
    assertContains(response, ">Lincoln and Acme</option>")
    assertNotContains(response, "Old Partnership")

    response = coordinator_client.post(url("placement_create"), placement_data(student, ended, mentor))
    assert response.status_code == 200
    assertContains(response, "Select a valid choice. That choice is not one of the available choices.")
    assert not Placement.objects.exists()


def test_a_placement_without_dates_or_kind_is_refused(coordinator_client, student, partnership, mentor):
    data = placement_data(student, partnership, mentor, kind="", start_date="", end_date="")
    response = coordinator_client.post(url("placement_create"), data)
    assert response.status_code == 200
    assertContains(response, "This field is required.", count=3)
    assert not Placement.objects.exists()


# Placement detail and its readiness checklist ---------------------------------------------------


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


# Placement edit ---------------------------------------------------------------------------------


def test_placement_edit_form_cannot_change_the_student_or_the_partnership(coordinator_client, placement):
    response = coordinator_client.get(url("placement_edit", placement.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r'<select name="student"[^>]*\bdisabled\b', content)
    assert re.search(r'<select name="partnership"[^>]*\bdisabled\b', content)
    assertContains(response, "<title>Edit Maya Okonkwo at Acme Tools · SchoolBridge</title>", html=True)


def test_posting_another_partnership_to_the_edit_form_leaves_it_unchanged(
    coordinator_client, placement, student, partnership, mentor, school
):
    other = ActivePartnershipFactory(school=school, business=mentor.organization)
    other_student = StudentFactory(school=school)
    data = placement_data(other_student, other, mentor, notes="Bring safety boots.")
    response = coordinator_client.post(url("placement_edit", placement.pk), data)
    assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.partnership == partnership
    assert placement.student == student
    assert placement.notes == "Bring safety boots."


def test_changing_the_mentor_saves_and_returns_to_the_placement(coordinator_client, placement, student, partnership):
    kim = ContactFactory(organization=partnership.business, first_name="Kim", last_name="Park")
    response = coordinator_client.post(url("placement_edit", placement.pk), placement_data(student, partnership, kim))
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement saved."]
    placement.refresh_from_db()
    assert placement.mentor == kim
    assert placement.status == Status.PROPOSED


def test_an_edit_naming_a_mentor_from_another_business_is_refused(
    coordinator_client, placement, student, partnership, mentor, business_b
):
    baker = ContactFactory(organization=business_b, first_name="Bo", last_name="Baker")
    response = coordinator_client.post(url("placement_edit", placement.pk), placement_data(student, partnership, baker))
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
        url("placement_edit", placement.pk), placement_data(student, partnership, mentor, notes="Too late.")
    )
    assert response.status_code == 200
    assertContains(response, "This placement is completed: it can no longer change.")
    placement.refresh_from_db()
    assert placement.notes == ""
    assertNotContains(coordinator_client.get(placement.get_absolute_url()), "Edit details")


# Placement transitions --------------------------------------------------------------------------


def transition(placement, status: str) -> str:
    return url("placement_transition", placement.pk, status)


def test_approving_asks_first_then_approves(coordinator_client, coordinator, placement):
    response = coordinator_client.get(transition(placement, "approved"))
    assert response.status_code == 200
    assertContains(response, "Approve placement: Maya Okonkwo at Acme Tools")
    assertContains(response, "It still needs everything on its checklist to start.")
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED

    response = coordinator_client.post(transition(placement, "approved"))
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement approved."]
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    change = PlacementStatusChange.objects.get(placement=placement)
    assert (change.from_status, change.to_status, change.changed_by) == ("proposed", "approved", coordinator)


def test_starting_an_unready_placement_is_refused_with_every_missing_item(coordinator_client, school):
    partnership = ActivePartnershipFactory(
        name="Lincoln and Acme", school=school, status="paused", points_of_contact=False
    )
    student = StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=school, guardian_consent_on=None)
    placement = PlacementFactory(student=student, partnership=partnership, mentor=None, status=Status.APPROVED)
    edit = reverse("students:placement_edit", args=[placement.pk])
    add_poc = reverse("partnerships:poc_add", args=[partnership.pk])
    missing = [  # each problem, then the link to where it is fixed
        ("No mentor is named.", edit, "Name a mentor"),
        (
            "Maya Okonkwo's guardian consent is not on file.",
            reverse("students:student_edit", args=[student.pk]),
            "Record the consent date",
        ),
        ("Lincoln and Acme has no primary point of contact at Lincoln High.", f"{add_poc}?side=school", "Name one"),
        (
            f"Lincoln and Acme has no primary point of contact at {partnership.business.name}.",
            f"{add_poc}?side=business",
            "Name one",
        ),
        ("Lincoln and Acme is paused, not active.", partnership.get_absolute_url(), "Open the partnership"),
    ]

    for response in (
        coordinator_client.get(transition(placement, "active")),
        coordinator_client.post(transition(placement, "active")),
    ):
        assert response.status_code == 200
        page = text(response)
        assert "This placement cannot start yet." in page
        for problem, url, label in missing:
            assert f'<li>{problem} <a class="alert-link" href="{url}">{label}</a></li>' in page

    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    assert not PlacementStatusChange.objects.exists()


def test_a_ready_placement_starts(coordinator_client):
    placement = ready_placement()
    response = coordinator_client.get(transition(placement, "active"))
    assertContains(response, "Start placement")
    assertNotContains(response, "cannot start yet")

    response = coordinator_client.post(transition(placement, "active"))
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement active."]
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


def test_a_placement_starts_once_its_missing_items_are_fixed(coordinator_client, placement, student):
    Placement.objects.filter(pk=placement.pk).update(status=Status.APPROVED, mentor=None)
    Student.objects.filter(pk=student.pk).update(guardian_consent_on=None)
    coordinator_client.post(transition(placement, "active"))
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED

    cleared_mentor = BackgroundCheckFactory(contact__organization=placement.partnership.business).contact
    Placement.objects.filter(pk=placement.pk).update(mentor=cleared_mentor)
    Student.objects.filter(pk=student.pk).update(guardian_consent_on=days_ago(1))
    response = coordinator_client.post(transition(placement, "active"))
    assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


def test_completing_a_running_placement(coordinator_client, active_placement):
    response = coordinator_client.post(transition(active_placement, "completed"))
    assertRedirects(response, active_placement.get_absolute_url())
    assert flashed(response) == ["Placement completed."]
    active_placement.refresh_from_db()
    assert active_placement.status == Status.COMPLETED


def test_cancelling_without_a_reason_is_refused(coordinator_client, placement):
    response = coordinator_client.get(transition(placement, "cancelled"))
    assertContains(response, 'name="reason"')
    assertContains(response, "This cannot be undone.")

    response = coordinator_client.post(transition(placement, "cancelled"), {"reason": "   "})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED


def test_cancelling_with_a_reason_cancels_and_the_reason_shows_on_the_placement(coordinator_client, placement):
    response = coordinator_client.post(transition(placement, "cancelled"), {"reason": "The site closed for repairs."})
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement cancelled."]
    placement.refresh_from_db()
    assert placement.status == Status.CANCELLED
    assert placement.cancel_reason == "The site closed for repairs."

    response = coordinator_client.get(placement.get_absolute_url())
    assertContains(response, "Cancelled because")
    assertContains(response, "The site closed for repairs.")
    assertContains(response, ">Cancelled</span>")


def test_an_unknown_status_in_the_address_goes_back_to_the_placement(coordinator_client, placement):
    for method in (coordinator_client.get, coordinator_client.post):
        response = method(transition(placement, "teleported"))
        assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED


def test_a_move_the_lifecycle_does_not_allow_is_refused_with_what_is_allowed(coordinator_client, placement):
    response = coordinator_client.post(transition(placement, "completed"))
    assert response.status_code == 200
    assertContains(response, "A proposed placement cannot become completed. It can become: approved, cancelled.")
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED


def test_a_transition_for_a_missing_placement_is_404(coordinator_client):
    assert coordinator_client.post(url("placement_transition", 999999, "approved")).status_code == 404


# Learning goals ---------------------------------------------------------------------------------


@pytest.fixture
def company_goal(partnership):
    return GoalFactory(partnership=partnership, owner=Goal.Owner.COMPANY, description="Hire two interns a year")


@pytest.fixture
def school_goal(partnership):
    return GoalFactory(
        partnership=partnership, owner=Goal.Owner.SCHOOL, description="Every senior meets a professional"
    )


def test_learning_goal_form_offers_only_this_partnerships_goals(coordinator_client, placement, company_goal):
    GoalFactory(description="A goal of some other partnership")
    response = coordinator_client.get(url("learning_goal_create", placement.pk))
    assert response.status_code == 200
    assertContains(response, "Company: Hire two interns a year")
    assertNotContains(response, "A goal of some other partnership")
    assertContains(response, "For Maya Okonkwo at Acme Tools.")


def test_adding_a_learning_goal_links_it_to_the_goals_it_serves(coordinator_client, placement, company_goal):
    data = {
        "text": "Present a design review",
        "skill": "Communication",
        "target_level": "3",
        "serves": [company_goal.pk],
    }
    response = coordinator_client.post(url("learning_goal_create", placement.pk), data)
    assertRedirects(response, placement.get_absolute_url() + "#learning-goals", fetch_redirect_response=False)
    assert flashed(response) == ["Learning goal added."]
    goal = LearningGoal.objects.get(placement=placement)
    assert (goal.text, goal.skill, goal.target_level) == ("Present a design review", "Communication", 3)
    assert list(goal.serves.all()) == [company_goal]

    page = coordinator_client.get(placement.get_absolute_url())
    assertContains(page, "Present a design review")
    assertContains(page, "Company: Hire two interns a year")


def test_a_learning_goal_serving_another_partnerships_goal_is_refused(coordinator_client, placement, company_goal):
    foreign = GoalFactory(description="A goal of some other partnership")
    data = {"text": "Typed goal text", "skill": "CAD", "target_level": "2", "serves": [company_goal.pk, foreign.pk]}
    response = coordinator_client.post(url("learning_goal_create", placement.pk), data)
    assert response.status_code == 200
    assertContains(response, f"Select a valid choice. {foreign.pk} is not one of the available choices.")
    assertContains(response, "Typed goal text")
    assert not LearningGoal.objects.exists()


def test_a_learning_goal_without_text_or_skill_is_refused(coordinator_client, placement):
    response = coordinator_client.post(url("learning_goal_create", placement.pk), {"target_level": "9"})
    assert response.status_code == 200
    assertContains(response, "This field is required.", count=2)
    assertContains(response, "Select a valid choice. 9 is not one of the available choices.")
    assert not LearningGoal.objects.exists()


def test_editing_a_learning_goal_shows_and_then_saves_its_values(
    coordinator_client, placement, company_goal, school_goal
):
    goal = LearningGoalFactory(placement=placement, text="Old text", skill="CAD", target_level=2, serves=[company_goal])
    response = coordinator_client.get(url("learning_goal_edit", placement.pk, goal.pk))
    assert response.status_code == 200
    assertContains(response, "Old text")
    assert re.search(rf'value="{company_goal.pk}"[^>]*checked', response.content.decode())
    assert not re.search(rf'value="{school_goal.pk}"[^>]*checked', response.content.decode())

    data = {"text": "New text", "skill": "Teamwork", "target_level": "4", "serves": [school_goal.pk]}
    response = coordinator_client.post(url("learning_goal_edit", placement.pk, goal.pk), data)
    assertRedirects(response, placement.get_absolute_url() + "#learning-goals", fetch_redirect_response=False)
    assert flashed(response) == ["Learning goal saved."]
    goal.refresh_from_db()
    assert (goal.text, goal.skill, goal.target_level) == ("New text", "Teamwork", 4)
    assert list(goal.serves.all()) == [school_goal]
    assert LearningGoal.objects.count() == 1


def test_a_learning_goal_of_another_placement_is_404(coordinator_client, placement):
    elsewhere = LearningGoalFactory()
    for name in ("learning_goal_edit", "learning_goal_delete"):
        assert coordinator_client.get(url(name, placement.pk, elsewhere.pk)).status_code == 404
    assert coordinator_client.post(url("learning_goal_delete", placement.pk, elsewhere.pk)).status_code == 404
    assert LearningGoal.objects.filter(pk=elsewhere.pk).exists()


def test_removing_a_learning_goal_says_how_many_scores_go_with_it(coordinator_client, goals):
    goal = goals[0]
    for _ in range(2):
        RatingFactory(evaluation=EvaluationFactory(placement=goal.placement), learning_goal=goal)
    response = coordinator_client.get(url("learning_goal_delete", goal.placement.pk, goal.pk))
    assert response.status_code == 200
    assertContains(response, "Remove this learning goal?")
    assertContains(response, "with the 2 scores it received in evaluations.")
    assert LearningGoal.objects.filter(pk=goal.pk).exists()


def test_removing_an_unscored_learning_goal_says_just_that_it_goes(coordinator_client, goals):
    goal = goals[1]
    response = coordinator_client.get(url("learning_goal_delete", goal.placement.pk, goal.pk))
    assert "<p>“Use the CAD software” will be removed.</p>" in text(response)


def test_removing_a_learning_goal_deletes_it_and_its_scores(coordinator_client, goals):
    goal = goals[0]
    RatingFactory(evaluation=EvaluationFactory(placement=goal.placement), learning_goal=goal)
    response = coordinator_client.post(url("learning_goal_delete", goal.placement.pk, goal.pk))
    assertRedirects(response, goal.placement.get_absolute_url() + "#learning-goals", fetch_redirect_response=False)
    assert flashed(response) == ["Learning goal removed."]
    assert not LearningGoal.objects.filter(pk=goal.pk).exists()
    assert not Rating.objects.exists()
    assert LearningGoal.objects.filter(pk=goals[1].pk).exists()


# The coordinator's own evaluation ---------------------------------------------------------------


def evaluation_data(goals, phase="midpoint", scores=None) -> dict:
    data = {"phase": phase, "overall_comments": "Keeps improving."}
    for goal, score in zip(goals, scores or [3] * len(goals), strict=True):
        data[f"score_{goal.pk}"] = str(score)
        data[f"comment_{goal.pk}"] = f"Comment on {goal.skill}"
    return data


def test_evaluation_form_shows_each_learning_goal(coordinator_client, goals):
    placement = goals[0].placement
    response = coordinator_client.get(url("evaluation_create", placement.pk))
    assert response.status_code == 200
    assertContains(response, "Explain a design to a client")
    assertContains(response, "Use the CAD software")
    assertContains(response, f'name="score_{goals[0].pk}"', count=4)
    assertContains(response, "Save evaluation")


def test_a_coordinator_evaluation_is_saved_with_a_score_per_goal(coordinator_client, coordinator, goals):
    placement = goals[0].placement
    data = evaluation_data(goals, phase="final", scores=[2, 4])
    response = coordinator_client.post(url("evaluation_create", placement.pk), data)
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Evaluation saved."]
    evaluation = Evaluation.objects.get()
    assert evaluation.evaluator == Evaluation.Evaluator.COORDINATOR
    assert evaluation.phase == Evaluation.Phase.FINAL
    assert evaluation.submitted_by == coordinator
    assert evaluation.evaluator_name == "Cora Ordinator"
    assert evaluation.overall_comments == "Keeps improving."
    scores = {r.learning_goal_id: (r.score, r.comment) for r in evaluation.ratings.all()}
    assert scores == {goals[0].pk: (2, "Comment on Communication"), goals[1].pk: (4, "Comment on CAD")}

    page = coordinator_client.get(placement.get_absolute_url())
    assertContains(page, "2/4")
    assertContains(page, "4/4")
    assertContains(page, "Cora Ordinator")


def test_an_evaluation_missing_a_score_is_refused_and_saves_nothing(coordinator_client, goals):
    placement = goals[0].placement
    data = evaluation_data(goals)
    del data[f"score_{goals[1].pk}"]
    response = coordinator_client.post(url("evaluation_create", placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "Choose a score from 1 to 4.", count=1)
    assertContains(response, "Keeps improving.")
    assert not Evaluation.objects.exists()


def test_an_evaluation_without_a_phase_is_refused(coordinator_client, goals):
    data = evaluation_data(goals)
    data["phase"] = "someday"
    response = coordinator_client.post(url("evaluation_create", goals[0].placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "Select a valid choice. someday is not one of the available choices.")
    assert not Evaluation.objects.exists()


def test_a_placement_without_learning_goals_asks_for_them_first(coordinator_client, active_placement):
    response = coordinator_client.get(url("evaluation_create", active_placement.pk))
    assert response.status_code == 200
    assertContains(response, "Add them first")
    assertContains(response, f'href="{url("learning_goal_create", active_placement.pk)}"')
    assertNotContains(response, "Save evaluation")


def test_a_placement_that_has_not_started_cannot_be_evaluated(coordinator_client, placement):
    goal = LearningGoalFactory(placement=placement)
    response = coordinator_client.post(url("evaluation_create", placement.pk), evaluation_data([goal]))
    assert response.status_code == 200
    assertContains(response, "Evaluations are for placements that have started.")
    assert not Evaluation.objects.exists()


# Evaluation links -------------------------------------------------------------------------------


def test_a_mentor_link_is_shown_and_emailed_to_the_mentor(
    coordinator_client, goals, django_capture_on_commit_callbacks
):
    placement = goals[0].placement
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("evaluation_link_create", placement.pk), {"evaluator": "mentor", "phase": "midpoint"}
        )
    assert response.status_code == 200
    link = SignedLink.objects.get()
    assert link.payload == {"placement": placement.pk, "evaluator": "mentor", "phase": "midpoint"}
    page = text(response)
    shown = re.search(r'value="(http://testserver(/r/[^"]+/))"', page)
    assert shown, "the page shows the link"
    assert "The link has been sent to Dana Lee at dana.lee@example.test." in page

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["dana.lee@example.test"]
    # Each rendering signs the link afresh (the signature holds a timestamp): the email's and the page's
    # tokens may differ by a second, but both open this one link.
    emailed = re.search(r"/r/([^/\s]+)/", email.body).group(1)
    token = shown.group(2).split("/")[2]
    assert signed_links.resolve(emailed) == signed_links.resolve(token) == link
    assert "Okonkwo" not in email.subject and "Maya" not in email.subject


def test_a_student_link_is_shown_to_pass_on_and_not_emailed(
    coordinator_client, goals, django_capture_on_commit_callbacks
):
    placement = goals[0].placement
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("evaluation_link_create", placement.pk), {"evaluator": "student", "phase": "final"}
        )
    assert response.status_code == 200
    assert re.search(r'value="http://testserver/r/[^"]+/"', response.content.decode())
    assertContains(response, "Pass this link on to Maya: it is not emailed.")
    assert mail.outbox == []
    assert SignedLink.objects.get().payload["evaluator"] == "student"


def test_the_link_in_the_page_opens_the_evaluation_form(coordinator_client, anon_client, goals):
    placement = goals[0].placement
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "student", "phase": "midpoint"}
    )
    path = re.search(r'value="http://testserver(/r/[^"]+/)"', response.content.decode()).group(1)
    assert "okonkwo" not in path.lower()
    form = anon_client.get(path)
    assert form.status_code == 200
    assertContains(form, "Explain a design to a client")


def test_a_mentor_link_for_a_mentor_without_email_is_shown_to_pass_on(
    coordinator_client, goals, mentor, django_capture_on_commit_callbacks
):
    mentor.email = ""
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("evaluation_link_create", goals[0].placement.pk), {"evaluator": "mentor", "phase": "final"}
        )
    assertContains(response, "Pass this link on to Dana Lee: it is not emailed.")
    assert mail.outbox == []


def test_a_mentor_link_for_a_placement_without_a_mentor_is_refused(coordinator_client, goals):
    placement = goals[0].placement
    # Only a finished placement can be without one: a placement under way keeps its mentor.
    Placement.objects.filter(pk=placement.pk).update(mentor=None, status=Status.COMPLETED)
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "mentor", "phase": "midpoint"}
    )
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Name the mentor first."]
    assert not SignedLink.objects.exists()


def test_a_link_for_a_placement_that_has_not_started_is_refused(coordinator_client, placement):
    LearningGoalFactory(placement=placement)
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "mentor", "phase": "midpoint"}
    )
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Evaluation links can be sent once the placement has started."]
    assert not SignedLink.objects.exists()


def test_a_link_for_a_placement_without_learning_goals_is_refused(coordinator_client, active_placement):
    response = coordinator_client.post(
        url("evaluation_link_create", active_placement.pk), {"evaluator": "student", "phase": "midpoint"}
    )
    assertRedirects(response, active_placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Add the placement's learning goals first: the evaluation scores them."]
    assert not SignedLink.objects.exists()


def test_a_link_request_with_an_unknown_evaluator_is_refused(coordinator_client, goals):
    placement = goals[0].placement
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "coordinator", "phase": "midpoint"}
    )
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Choose who evaluates and which evaluation it is."]
    assert not SignedLink.objects.exists()


def test_the_link_page_only_answers_a_post(coordinator_client, goals):
    response = coordinator_client.get(url("evaluation_link_create", goals[0].placement.pk))
    assert response.status_code == 405
    assert not SignedLink.objects.exists()


# Hours ------------------------------------------------------------------------------------------


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


# Alignment --------------------------------------------------------------------------------------


@pytest.fixture
def scored(active_placement, company_goal, school_goal):
    """Two learning goals scored at the midpoint and at the end.

    "Explain" serves the school's goal: 2 at the midpoint, 4 at the end.
    "CAD" serves the company's goal: 3 and 4 at the midpoint (mentor and student), 3 at the end.
    """
    explain = LearningGoalFactory(
        placement=active_placement, text="Explain a design", skill="Communication", target_level=3, serves=[school_goal]
    )
    cad = LearningGoalFactory(
        placement=active_placement, text="Use the CAD software", skill="CAD", target_level=4, serves=[company_goal]
    )
    mid = EvaluationFactory(placement=active_placement, phase="midpoint")
    mid_student = EvaluationFactory(placement=active_placement, phase="midpoint", evaluator="student")
    final = EvaluationFactory(placement=active_placement, phase="final")
    RatingFactory(evaluation=mid, learning_goal=explain, score=2)
    RatingFactory(evaluation=final, learning_goal=explain, score=4)
    RatingFactory(evaluation=mid, learning_goal=cad, score=3)
    RatingFactory(evaluation=mid_student, learning_goal=cad, score=4)
    RatingFactory(evaluation=final, learning_goal=cad, score=3)
    return explain, cad


def test_placement_alignment_shows_each_learning_goal_with_its_midpoint_and_final_means(coordinator_client, scored):
    placement = scored[0].placement
    response = coordinator_client.get(url("placement_alignment", placement.pk))
    assert response.status_code == 200
    assertContains(response, "Alignment — Maya Okonkwo at Acme Tools")
    # Columns: the company's goal first, then the school's.
    header = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.DOTALL).group(1)
    assert header.index("Company: Hire two interns a year") < header.index("School: Every senior meets")

    company, school, midpoint, final, change, target = table_row(response, "Explain a design")
    assert "●" not in company and "●" in school
    assert (midpoint, final, change, target) == ("2.0", "4.0", "+2.0", "3")

    company, school, midpoint, final, change, target = table_row(response, "Use the CAD software")
    assert "●" in company and "●" not in school
    assert (midpoint, final, change, target) == ("3.5", "3.0", "-0.5", "4")

    assertContains(response, 'aria-label="Communication: midpoint 2.0, final 4.0, target 3"')


def test_placement_alignment_without_learning_goals_says_to_add_one(coordinator_client, placement):
    response = coordinator_client.get(url("placement_alignment", placement.pk))
    assert response.status_code == 200
    assertContains(response, "No learning goals yet.")
    assertContains(response, f'href="{url("learning_goal_create", placement.pk)}"')


def test_placement_alignment_shows_a_dash_for_a_phase_without_scores(coordinator_client, active_placement):
    LearningGoalFactory(placement=active_placement, text="Not yet scored", target_level=2)
    response = coordinator_client.get(url("placement_alignment", active_placement.pk))
    assert table_row(response, "Not yet scored") == ["—", "—", "—", "2"]


def test_partnership_alignment_shows_per_goal_the_learning_goals_scores_and_hours(
    coordinator_client, scored, partnership, company_goal, school_goal, school
):
    # A second student in the same partnership, whose learning goal also serves the school's goal.
    other = _named_placement("Ben", "Second", partnership=partnership, status=Status.ACTIVE)
    welding = LearningGoalFactory(placement=other, text="Weld safely", serves=[school_goal])
    RatingFactory(evaluation=EvaluationFactory(placement=other, phase="midpoint"), learning_goal=welding, score=4)
    GoalFactory(partnership=partnership, owner=Goal.Owner.SHARED, description="Nobody serves this one")
    HoursEntryFactory(placement=scored[0].placement, hours=Decimal("3"))
    HoursEntryFactory(
        placement=scored[0].placement, hours=Decimal("1.5"), verified_by="Dana Lee", verified_at=timezone.now()
    )
    HoursEntryFactory(placement=other, hours=Decimal("2"))
    HoursEntryFactory(hours=Decimal("8"))  # another partnership's: not counted

    response = coordinator_client.get(url("partnership_alignment", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "Alignment — Lincoln and Acme")
    assertContains(response, "<strong>2</strong> placements")
    assertContains(response, "<strong>6.50</strong> hours worked, 1.50 confirmed")
    assertContains(response, f'href="{url("placement_list")}?partnership={partnership.pk}"')

    assert table_row(response, "Hire two interns a year") == ["1", "3.5", "3.0", "-0.5"]
    # Explain (2 → 4) and Weld (4 at the midpoint): two learning goals.
    assert table_row(response, "Every senior meets a professional") == ["2", "3.0", "4.0", "+1.0"]
    assert table_row(response, "Nobody serves this one") == ["0", "—", "—", "—"]


def test_partnership_alignment_without_goals_says_to_add_them(coordinator_client, partnership):
    response = coordinator_client.get(url("partnership_alignment", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "This partnership has no goals yet.")
    assertContains(response, f'href="{reverse("partnerships:goal_create", args=[partnership.pk])}"')
    assertContains(response, "<strong>0</strong> placements")
    assertContains(response, "<strong>0</strong> hours worked")


def test_partnership_alignment_for_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.get(url("partnership_alignment", 999999)).status_code == 404


# Care with student data -------------------------------------------------------------------------


def test_placement_pages_never_put_a_students_name_or_id_in_a_url(coordinator_client, active_placement, goals):
    HoursEntryFactory(placement=active_placement)
    pages = [
        url("placement_list"),
        url("placement_detail", active_placement.pk),
        url("placement_alignment", active_placement.pk),
        url("student_list"),
        url("student_detail", active_placement.student.pk),
    ]
    for page in pages:
        response = coordinator_client.get(page)
        assert response.status_code == 200
        links = hrefs(response)
        assert len(links) > 10, page
        leaking = [link for link in links if "okonkwo" in link.lower() or "maya" in link.lower() or "D123456" in link]
        assert leaking == [], page


def _every_students_url(world) -> dict[str, str]:
    placement, goal, entry = world["placement"], world["goal"], world["entry"]
    kwargs = {
        "student_list": (),
        "student_create": (),
        "student_detail": (placement.student.pk,),
        "student_edit": (placement.student.pk,),
        "placement_list": (),
        "placement_create": (),
        "placement_detail": (placement.pk,),
        "placement_edit": (placement.pk,),
        "placement_transition": (placement.pk, "completed"),
        "learning_goal_create": (placement.pk,),
        "learning_goal_edit": (placement.pk, goal.pk),
        "learning_goal_delete": (placement.pk, goal.pk),
        "evaluation_create": (placement.pk,),
        "evaluation_link_create": (placement.pk,),
        "hours_create": (placement.pk,),
        "hours_verify": (placement.pk, entry.pk),
        "placement_alignment": (placement.pk,),
        "partnership_alignment": (placement.partnership.pk,),
    }
    # A new page in students/urls.py must be added here.
    assert set(kwargs) == {pattern.name for pattern in student_urls.urlpatterns}
    return {name: url(name, *args) for name, args in kwargs.items()}


@pytest.fixture
def world(active_placement):
    """Maya's placement runs at Acme Tools: partner A's own business."""
    return {
        "placement": active_placement,
        "goal": LearningGoalFactory(placement=active_placement),
        "entry": HoursEntryFactory(placement=active_placement),
    }


def test_a_partner_gets_404_on_every_students_page_even_about_their_own_business(partner_a_client, business_a, world):
    assert world["placement"].partnership.business == business_a
    for name, address in _every_students_url(world).items():
        assert partner_a_client.get(address).status_code == 404, name
        assert partner_a_client.post(address, {"reason": "x", "verified_by": "x"}).status_code == 404, name

    placement = world["placement"]
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE
    assert LearningGoal.objects.filter(pk=world["goal"].pk).exists()
    assert HoursEntry.objects.get(pk=world["entry"].pk).verified_at is None
    assert not SignedLink.objects.exists()


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_students_page(anon_client, world):
    for name, address in _every_students_url(world).items():
        response = anon_client.get(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
