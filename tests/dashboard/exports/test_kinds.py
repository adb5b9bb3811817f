"""Each kind of export: its columns, what a row says, and who may have it (the right to view its list)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import STAFF_UI_PERMISSION, coordinator_permission_codenames
from dashboard.exports import registry
from students.models import Disclosure
from tests.dashboard.exports.helpers import export_url, table
from tests.factories import (
    BackgroundCheckFactory,
    BusinessFactory,
    ContactFactory,
    HoursEntryFactory,
    LogEntryFactory,
    PlacementFactory,
    StudentFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

HEADERS = {
    "partnerships": [
        "ID", "Partnership", "School", "Business", "Sector", "Status", "Start date", "End date",
        "School primary contact", "Business primary contact", "Last contacted", "Health score", "Health as of",
    ],
    "organizations": [
        "ID", "Name", "Kind", "Part of", "Sector", "Size", "Street address", "City", "State", "Postal code",
        "Website", "Active people",
    ],
    "contacts": [
        "ID", "Organization", "Organization kind", "First name", "Last name", "Job title", "Email", "Phone", "Active",
    ],
    "placements": [
        "ID", "Student ID", "Student", "Grade", "School", "Partnership", "Business", "Kind", "Mentor",
        "School supervisor", "Start date", "End date", "Days", "Hours a week", "Status",
    ],
    "hours": [
        "ID", "Date", "Hours", "Activity", "Placement ID", "Student ID", "Student", "Business", "State",
        "Confirmed by", "Confirmed at",
    ],
    "log": [
        "ID", "When", "Partnership", "Channel", "Direction", "Summary", "Follow up by", "Follow-up done",
        "Logged by", "Voided at",
    ],
    "checks": [
        "ID", "Person", "Organization", "Status", "State", "Requested on", "Completed on", "Expires on", "Voided at",
    ],
    "disclosures": [
        "Student ID", "Student", "Shown at", "Who", "Account", "Through a signed link", "Organization", "Fields",
        "Page", "Why",
    ],
}  # fmt: skip

PERMISSIONS = {
    "partnerships": "partnerships.view_partnership",
    "organizations": "partnerships.view_organization",
    "contacts": "partnerships.view_contact",
    "placements": "students.view_placement",
    "hours": "students.view_hoursentry",
    "log": "communications.view_logentry",
    "checks": "safety.view_backgroundcheck",
    "disclosures": "students.view_student",
}


def test_the_registry_holds_every_kind_the_issue_asks_for():
    assert {kind.slug for kind in registry.every()} == set(HEADERS)


@pytest.mark.parametrize("slug", sorted(HEADERS))
def test_each_kind_has_its_columns_and_the_permission_of_its_list(slug, coordinator_client):
    kind = registry.get(slug)
    assert kind is not None and kind.permission == PERMISSIONS[slug]

    response = coordinator_client.get(export_url(slug))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-{timezone.localdate():%Y-%m-%d}.csv"'
    assert table(response)[0] == HEADERS[slug]


def _staff_without(permission: str) -> User:
    """A staff user with every coordinator right but `permission`."""
    user = UserFactory.create()
    app, codename = permission.split(".")
    rights = Q()
    for app_label, name in coordinator_permission_codenames():
        if (app_label, name) != (app, codename):
            rights |= Q(content_type__app_label=app_label, codename=name)
    user.user_permissions.set(Permission.objects.filter(rights))
    return user


@pytest.mark.parametrize("slug", sorted(PERMISSIONS))
def test_someone_without_the_lists_permission_cannot_export_it(slug, client):
    client.force_login(_staff_without(PERMISSIONS[slug]))

    response = client.get(export_url(slug))

    # Without the staff UI's own right a person is no coordinator at all, and never learns the page exists.
    assert response.status_code == (404 if PERMISSIONS[slug] == STAFF_UI_PERMISSION else 403)


@pytest.mark.parametrize("slug", sorted(PERMISSIONS))
def test_a_partner_never_reaches_an_export(slug, partner_a_client):
    assert partner_a_client.get(export_url(slug)).status_code == 404


def test_an_unknown_kind_is_not_found(coordinator_client):
    assert coordinator_client.get(export_url("salaries")).status_code == 404


def _row(client, slug: str) -> dict[str, str]:
    head, *rows = table(client.get(export_url(slug)))
    assert len(rows) == 1
    return dict(zip(head, rows[0], strict=True))


def test_a_partnership_row_carries_its_health_and_last_contact(coordinator_client):
    partnership = active_partnership(business=BusinessFactory(name="Acme Robotics", sector="manufacturing"))
    contacted = timezone.make_aware(datetime.datetime(2026, 11, 3, 14, 30))
    type(partnership).objects.filter(pk=partnership.pk).update(
        health_score=72, health_as_of=datetime.date(2026, 11, 30), last_contacted_at=contacted
    )

    row = _row(coordinator_client, "partnerships")

    assert row["Business"] == "Acme Robotics"
    assert row["Sector"] == "Manufacturing"
    assert row["Status"] == "Active"
    assert row["Health score"] == "72"
    assert row["Health as of"] == "2026-11-30"
    assert row["Last contacted"] == timezone.localtime(contacted).strftime("%Y-%m-%d %H:%M")
    assert row["School primary contact"] == row["Business primary contact"] == "yes"


def test_contacts_come_with_their_organization(coordinator_client):
    ContactFactory(
        organization=BusinessFactory(name="Acme Robotics"), first_name="Dana", last_name="Lee", email="dana@acme.test"
    )

    row = _row(coordinator_client, "contacts")

    assert (row["Organization"], row["First name"], row["Last name"], row["Email"], row["Active"]) == (
        "Acme Robotics",
        "Dana",
        "Lee",
        "dana@acme.test",
        "yes",
    )


def test_hours_say_whose_they_are_and_whether_they_are_confirmed(coordinator_client):
    placement = PlacementFactory(student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo"))
    HoursEntryFactory(placement=placement, hours="2.50", verified_by="Dana Lee", verified_at=timezone.now())

    row = _row(coordinator_client, "hours")

    assert row["Student"] == "Maya Okonkwo"
    assert row["Hours"] == "2.50"
    assert row["State"] == "Confirmed"
    assert row["Confirmed by"] == "Dana Lee"


@pytest.mark.parametrize(("hours", "cell"), [("10.00", "10"), ("20.00", "20"), ("0.75", "0.75")])
def test_whole_hours_are_written_as_plain_numbers(hours, cell, coordinator_client):
    """Not "1E+1" for ten hours: a spreadsheet would read that as a formula of exponents."""
    HoursEntryFactory(hours=hours)

    assert _row(coordinator_client, "hours")["Hours"] == cell


def test_a_log_entry_row_says_who_logged_what(coordinator_client):
    entry = LogEntryFactory(summary="Agreed the spring visit.")

    row = _row(coordinator_client, "log")

    assert row["Summary"] == "Agreed the spring visit."
    assert row["Channel"] == "Phone"
    assert row["Logged by"] == entry.logged_by.display_name


def test_a_background_check_row_holds_its_status_and_dates_and_nothing_else(coordinator_client):
    check = BackgroundCheckFactory(
        contact=ContactFactory(first_name="Dana", last_name="Lee"),
        provider="Sterling Screening",
        reference="BG-SECRET-1",
        notes="Nothing to see.",
    )

    response = coordinator_client.get(export_url("checks"))
    text = b"".join(response.streaming_content).decode()
    head, row = [line.split(",") for line in text.removeprefix("\ufeff").splitlines()]

    assert "Sterling Screening" not in text and "BG-SECRET-1" not in text and "Nothing to see." not in text
    assert dict(zip(head, row, strict=True)) == {
        "ID": str(check.pk),
        "Person": "Dana Lee",
        "Organization": check.contact.organization.name,
        "Status": "Cleared",
        "State": "Cleared",
        "Requested on": check.requested_on.isoformat(),
        "Completed on": check.completed_on.isoformat(),
        "Expires on": check.expires_on.isoformat(),
        "Voided at": "",
    }


def test_the_district_disclosure_log_has_the_student_pages_columns_with_the_student_in_front(
    coordinator_client, partner_a
):
    placement = PlacementFactory(student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo"))
    Disclosure.objects.create(
        student=placement.student,
        placement=placement,
        organization=placement.partnership.business,
        viewer=partner_a,
        viewer_name="Dana Lee",
        fields="first name, last initial, grade",
        page="Placements",
    )

    row = _row(coordinator_client, "disclosures")
    student_page_file = table(
        coordinator_client.get(reverse("students:student_disclosures_csv", args=[placement.student.pk]))
    )

    assert (row["Student ID"], row["Student"]) == (placement.student.district_student_id, "Maya Okonkwo")
    assert list(row.values())[2:] == student_page_file[1]  # the same cells as the student page's own file
    assert row["Account"] == partner_a.email
