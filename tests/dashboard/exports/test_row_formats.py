"""Exports read columns, not models: each derived name or state they write is made by the model's own function
of those columns, and must read exactly as the model's property does, edge cases included (no preferred name,
no name at all, no mentor)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from communications.models import LogEntry
from partnerships.models import Contact, Organization
from safety.models import BackgroundCheck
from students.models import Placement, Student
from tests.dashboard.exports.helpers import export_url, table
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    LogEntryFactory,
    PlacementFactory,
    StudentFactory,
    UserFactory,
)

NAMES = [("Dana", "Lee"), ("", "Lee"), ("Dana", ""), ("", ""), (" Dana ", " Lee ")]


@pytest.mark.parametrize(("first", "last"), NAMES)
@pytest.mark.parametrize("email", ["dana@acme.test", ""])
def test_a_users_display_name_from_its_columns_is_the_propertys(first, last, email):
    user = User(first_name=first, last_name=last, email=email)

    assert User.display_name_of(*(getattr(user, name) for name in User.DISPLAY_NAME_FIELDS)) == user.display_name
    assert str(user) == user.display_name


@pytest.mark.parametrize(("first", "last"), NAMES)
def test_a_contacts_full_name_from_its_columns_is_the_propertys(first, last):
    contact = Contact(first_name=first, last_name=last)

    assert Contact.full_name_of(*(getattr(contact, name) for name in Contact.FULL_NAME_FIELDS)) == contact.full_name


@pytest.mark.parametrize(
    ("preferred", "legal", "last"), [("", "Maya", "Okonkwo"), ("Mia", "Maya", "Okonkwo"), ("", "", "")]
)
def test_a_students_full_name_from_its_columns_is_the_propertys(preferred, legal, last):
    student = Student(preferred_first_name=preferred, legal_first_name=legal, last_name=last)

    assert Student.full_name_of(*(getattr(student, name) for name in Student.FULL_NAME_FIELDS)) == student.full_name


@pytest.mark.parametrize(
    ("status", "expires_in_days", "state"),
    [
        ("cleared", 100, "cleared"),
        ("cleared", 30, "expiring"),
        ("cleared", -1, "expired"),
        ("cleared", None, "cleared"),
        ("pending", -1, "pending"),
        ("not_cleared", 10, "not_cleared"),
    ],
)
def test_a_checks_state_from_its_columns_is_the_methods(status, expires_in_days, state):
    today = datetime.date(2026, 12, 2)
    expires_on = None if expires_in_days is None else today + datetime.timedelta(days=expires_in_days)
    check = BackgroundCheck(status=status, expires_on=expires_on)

    assert BackgroundCheck.state_of(status, expires_on, on=today, window_days=60) == check.state(today, 60) == state


@pytest.mark.django_db
def test_a_placement_row_says_what_the_models_say_with_and_without_a_mentor_and_supervisor(coordinator_client):
    nameless = UserFactory(first_name="", last_name="", email="supervisor@district.test")
    full = PlacementFactory(
        student=StudentFactory(preferred_first_name="Mia", legal_first_name="Maya", last_name="Okonkwo"),
        supervisor=nameless,
        hours_per_week="10.0",
    )
    bare = PlacementFactory(mentor=None, supervisor=None, hours_per_week=None, days="")

    head, *rows = table(coordinator_client.get(export_url("placements")))
    by_id = {row[0]: dict(zip(head, row, strict=True)) for row in rows}

    for placement in (full, bare):
        row = by_id[str(placement.pk)]
        assert row["Student"] == placement.student.full_name
        assert row["School"] == placement.student.school.name
        assert row["Partnership"] == placement.partnership.name
        assert row["Business"] == placement.partnership.business.name
        assert row["Kind"] == placement.get_kind_display()
        assert row["Status"] == placement.get_status_display()
        assert row["Start date"] == placement.start_date.isoformat()
    assert by_id[str(full.pk)]["Student"] == "Mia Okonkwo"
    assert by_id[str(full.pk)]["Mentor"] == full.mentor.full_name
    assert by_id[str(full.pk)]["School supervisor"] == nameless.display_name == "supervisor@district.test"
    assert by_id[str(full.pk)]["Hours a week"] == "10"
    assert (by_id[str(bare.pk)]["Mentor"], by_id[str(bare.pk)]["School supervisor"]) == ("", "")
    assert by_id[str(bare.pk)]["Hours a week"] == ""


@pytest.mark.django_db
def test_a_log_row_says_what_the_models_say(coordinator_client, settings):
    settings.TIME_ZONE = "America/Chicago"
    entry = LogEntryFactory(
        channel=LogEntry.Channel.SITE_VISIT,
        direction=LogEntry.Direction.INCOMING,
        follow_up_on=datetime.date(2026, 12, 9),
        logged_by=UserFactory(first_name="Cora", last_name=""),
    )
    LogEntry.objects.filter(pk=entry.pk).update(voided_at=timezone.now(), void_reason="Logged twice.")
    entry.refresh_from_db()

    head, row = table(coordinator_client.get(export_url("log", show="voided")))

    assert dict(zip(head, row, strict=True)) == {
        "ID": str(entry.pk),
        "When": timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M"),
        "Partnership": entry.partnership.name,
        "Channel": entry.get_channel_display(),
        "Direction": entry.get_direction_display(),
        "Summary": entry.summary,
        "Follow up by": "2026-12-09",
        "Follow-up done": "no",
        "Logged by": entry.logged_by.display_name,
        "Voided at": timezone.localtime(entry.voided_at).strftime("%Y-%m-%d %H:%M"),
    }


@pytest.mark.django_db
def test_a_check_row_names_its_person_and_organization_as_the_models_do(coordinator_client):
    check = BackgroundCheckFactory(contact=ContactFactory(first_name="", last_name="Lee"))

    head, row = table(coordinator_client.get(export_url("checks")))

    cells = dict(zip(head, row, strict=True))
    assert cells["Person"] == check.contact.full_name == "Lee"
    assert cells["Organization"] == check.contact.organization.name
    assert cells["Status"] == check.get_status_display()


@pytest.mark.django_db
def test_an_organization_without_a_parent_or_a_sector_has_empty_cells(coordinator_client):
    organization = Organization.objects.create(name="Lone School", kind=Organization.Kind.SCHOOL)

    head, *rows = table(coordinator_client.get(export_url("organizations")))

    cells = next(dict(zip(head, row, strict=True)) for row in rows if row[0] == str(organization.pk))
    assert (cells["Part of"], cells["Sector"], cells["Kind"], cells["Active people"]) == ("", "", "School", "0")


@pytest.mark.django_db
def test_a_placements_title_from_its_columns_is_its_str():
    placement = PlacementFactory(kind=Placement.Kind.JOB_SHADOW, partnership__business__name="Acme")

    assert Placement.title_of(placement.get_kind_display(), placement.partnership.business.name) == str(placement)
    assert str(placement) == "Job shadow at Acme"
