"""What the student and placement page tests share: URLs, dates, form data."""

import datetime
import html
import re

from django.contrib.messages import get_messages
from django.urls import reverse

from students.models import (
    Placement,
    Student,
)
from tests.helpers import days_ago, today

Status = Placement.Status


def url(name: str, *args) -> str:
    return reverse(f"students:{name}", args=args)


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


# The people and places -------------------------------------------------------------------------------


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
