"""The disclosure log on a student's page, and its CSV export: who at which business saw what, why and when."""

import csv
import io

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.csv import BOM
from students import disclosures
from students.views import LATEST_DISCLOSURES
from tests.factories import BusinessFactory, PlacementFactory, SignedLinkFactory, UserFactory
from tests.students.views.helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer():
    return UserFactory(first_name="Dana", last_name="Lee", email="dana@acme.test")


def _show(placement, viewer, page="Placement", **kwargs):
    return disclosures.record(
        placements=[placement], organization=placement.partnership.business, page=page, viewer=viewer, **kwargs
    )


def test_the_students_page_lists_who_saw_what_for_which_business_why_and_when(
    coordinator_client, active_placement, viewer
):
    [row] = _show(active_placement, viewer)
    link = SignedLinkFactory(placement=active_placement, recipient_name="Omar Mentor")
    disclosures.record(
        placements=[active_placement], organization=active_placement.partnership.business, page="Evaluation", link=link
    )

    response = coordinator_client.get(url("student_detail", active_placement.student.pk))

    assertContains(response, 'id="disclosures"')
    assertContains(response, "Dana Lee")
    assertContains(response, 'Omar Mentor<br><span class="small text-body-secondary">through a signed link</span>')
    assertContains(response, "Acme Tools")
    assertContains(response, ", ".join(disclosures.HOST_FIELDS))
    assertContains(response, f'<a href="{active_placement.get_absolute_url()}">Internship at Acme Tools</a>')
    assertContains(response, timezone.localtime(row.shown_at).strftime("%-d %b %Y, %H:%M"))
    assertContains(response, f'href="{url("student_disclosures_csv", active_placement.student.pk)}"')


def test_nobody_having_seen_the_student_is_said_plainly(coordinator_client, student):
    response = coordinator_client.get(url("student_detail", student.pk))

    assertContains(response, "No business has been shown Maya's details yet.")
    assertNotContains(response, url("student_disclosures_csv", student.pk))


def test_only_the_latest_50_are_on_the_page_and_the_csv_has_them_all(coordinator_client, active_placement, viewer):
    for _ in range(LATEST_DISCLOSURES + 1):
        _show(active_placement, viewer)

    response = coordinator_client.get(url("student_detail", active_placement.student.pk))

    assert len(response.context["disclosures"]) == LATEST_DISCLOSURES
    assertContains(response, "These are the latest 50; the CSV has them all.")
    export = coordinator_client.get(url("student_disclosures_csv", active_placement.student.pk))
    assert len(_rows(export)) == LATEST_DISCLOSURES + 2  # the header, and every row


def test_another_students_disclosures_are_not_on_this_page(coordinator_client, active_placement, viewer):
    other = PlacementFactory(partnership__business=BusinessFactory(name="Birch Bakery"))
    _show(other, viewer)

    response = coordinator_client.get(url("student_detail", active_placement.student.pk))

    assertNotContains(response, "Birch Bakery")


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM))))


def test_the_export_is_a_csv_of_the_whole_log_named_by_id(coordinator_client, active_placement, viewer):
    [row] = _show(active_placement, viewer)
    student = active_placement.student

    response = coordinator_client.get(url("student_disclosures_csv", student.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="disclosures-student-{student.pk}.csv"'
    assert _rows(response) == [
        ["Shown at", "Who", "Account", "Through a signed link", "Organization", "Fields", "Page", "Why"],
        [
            timezone.localtime(row.shown_at).strftime("%Y-%m-%d %H:%M"),
            "Dana Lee",
            "dana@acme.test",
            "no",
            "Acme Tools",
            ", ".join(disclosures.HOST_FIELDS),
            "Placement",
            "Internship at Acme Tools",
        ],
    ]


def test_the_export_escapes_cells_a_spreadsheet_would_run(coordinator_client, active_placement, viewer):
    _show(active_placement, viewer, page='=HYPERLINK("http://evil.test")', viewer_name="@SUM(1+1)")

    [_header, row] = _rows(coordinator_client.get(url("student_disclosures_csv", active_placement.student.pk)))

    assert row[1] == "'@SUM(1+1)"
    assert row[6] == '\'=HYPERLINK("http://evil.test")'


def test_the_export_of_a_student_who_does_not_exist_is_404(coordinator_client):
    assert coordinator_client.get(url("student_disclosures_csv", 999999)).status_code == 404
