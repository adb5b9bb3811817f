"""The audit trail: every record with legal weight or student data says who changed what, when and from
where (django-auditlog, registered in each app's ready()), and its page shows that history in words."""

from __future__ import annotations

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core import history as core_history
from safety.models import SafetyPolicy
from tests import factories as f

pytestmark = pytest.mark.django_db


# (factory, a field to change, its new value). Dropping a model's registration fails its case here.
REGISTERED = [
    (f.StudentFactory, "guardian_name", "Pat Newname"),
    (f.PlacementFactory, "notes", "Bring safety boots."),
    (f.EvaluationFactory, "overall_comments", "Careful and keen."),
    (f.HoursEntryFactory, "activity", "Sanded the frames"),
    (f.ContactFactory, "title", "Plant manager"),
    (f.PointOfContactFactory, "start_date", datetime.date(2026, 9, 8)),
    (f.PartnershipRoleFactory, "title", "Safety lead"),
    (f.HandoffFactory, "notes", "The keys are with reception."),
    (f.CharterFactory, "change_note", "New hopes"),
    (f.PartnerMembershipFactory, "role", "mentor"),
    (f.BackgroundCheckFactory, "provider", "Checkr"),
    (f.SafetyProtocolFactory, "title", "Supervision, revised"),
    (f.ProtocolAcknowledgmentFactory, "acknowledged_by_name", "Dana Lee"),
    (f.SiteVisitFactory, "findings", "All well."),
    (f.CheckInFactory, "notes", "Settling in."),
    (f.SafetyConcernFactory, "resolution", "Talked it through."),
    (f.LogEntryFactory, "summary", "Called about the spring fair."),
    (f.UserFactory, "first_name", "Renamed"),
]


@pytest.mark.parametrize(("factory", "name", "value"), REGISTERED, ids=lambda v: getattr(v, "__name__", None))
def test_each_registered_record_writes_an_entry_when_created_and_when_changed(factory, name, value, coordinator):
    record = factory()
    with set_actor(coordinator):
        setattr(record, name, value)
        record.save()

    entries = LogEntry.objects.get_for_object(record).order_by("pk")
    assert [entry.action for entry in entries][:1] == [LogEntry.Action.CREATE]
    update = entries.last()
    assert (update.action, update.actor) == (LogEntry.Action.UPDATE, coordinator)
    assert update.changes_dict[name][1] == str(value)


def test_the_safety_policy_writes_an_entry_when_changed(coordinator):
    policy = SafetyPolicy.objects.get()
    with set_actor(coordinator):
        policy.student_check_in_days = 21
        policy.save()

    assert LogEntry.objects.get_for_object(policy).get().changes_dict["student_check_in_days"] == ["14", "21"]


def test_a_users_password_and_sign_ins_are_never_logged_but_their_rights_are(coordinator):
    user = f.UserFactory(email="sam@example.test")
    user.set_password("a new secret")
    user.last_login = timezone.now()
    user.save()
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get_or_create(name="Coordinators")[0])

    entries = list(LogEntry.objects.get_for_object(user).order_by("pk"))
    # Created, made staff, put in a group: the save of a new password and a sign-in wrote nothing.
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE] + [LogEntry.Action.UPDATE] * 2
    logged = " ".join(f"{entry.changes} {entry.serialized_data}" for entry in entries)
    assert "password" not in logged and user.password not in logged and "last_login" not in logged
    assert entries[1].changes_dict == {"is_staff": ["False", "True"]}
    assert entries[2].changes_dict["groups"]["objects"] == ["Coordinators"]


# History in words on each record's page --------------------------------------------------------------


def test_the_placement_page_shows_its_changes_and_its_hours_in_words_with_who(coordinator, coordinator_client):
    placement = f.PlacementFactory(status="active", start_date=datetime.date(2026, 9, 1))
    entry = f.HoursEntryFactory(placement=placement, hours=3, date=datetime.date(2026, 9, 2))
    with set_actor(coordinator, remote_addr="203.0.113.7"):
        placement.start_date = datetime.date(2026, 9, 8)
        placement.save()
        entry.activity = "Wired a panel"
        entry.save()

    response = coordinator_client.get(placement.get_absolute_url())

    assertContains(response, "Start date: 1 Sep 2026 → 8 Sep 2026")
    assertContains(response, "Hours entry: 3 hours on 02 Sep 2026</span> — <strong>Changed</strong> by Cora Ordinator")
    assertContains(response, "→ Wired a panel")
    assertContains(response, "from 203.0.113.7")


def test_the_student_page_shows_a_change_in_words_with_who(coordinator, coordinator_client):
    student = f.StudentFactory(grade=10)
    with set_actor(coordinator):
        student.grade = 11
        student.save()

    response = coordinator_client.get(student.get_absolute_url())

    assertContains(response, "<strong>Changed</strong> by Cora Ordinator")
    assertContains(response, "Grade: Grade 10 → Grade 11")


def test_the_people_tab_shows_changes_to_points_of_contact_roles_and_handoffs(coordinator, coordinator_client):
    partnership = f.active_partnership()
    role = f.PartnershipRoleFactory(partnership=partnership, title="Mentor lead")
    handoff = f.HandoffFactory(partnership=partnership, from_poc__role="backup", to_poc__role="backup")
    with set_actor(coordinator):
        role.title = "Safety lead"
        role.save()
        handoff.notes = "Open items passed on by phone."
        handoff.save()

    response = coordinator_client.get(reverse("partnerships:people", args=[partnership.pk]))

    assertContains(response, "Changes to people and roles")
    assertContains(response, "Title: Mentor lead → Safety lead")
    assertContains(response, "→ Open items passed on by phone.")
    assertContains(response, "Point of contact: ")  # the posts' own entries, named from the rows shown


def test_the_charter_page_shows_who_acknowledged_the_version(coordinator_client, partner_a, business_a):
    charter = f.CharterFactory(partnership=f.active_partnership(business=business_a))
    with set_actor(partner_a):
        charter.acknowledged_by, charter.acknowledged_at = partner_a, timezone.now()
        charter.save()

    response = coordinator_client.get(charter.get_absolute_url())

    assertContains(response, "History of this version")
    assertContains(response, f"<strong>Changed</strong> by {partner_a.display_name}")
    assertContains(response, f"Acknowledged by: — → {partner_a.display_name}")


def test_the_organization_page_shows_who_ended_a_portal_users_access_and_from_where(
    coordinator_client, coordinator, business_a
):
    membership = f.PartnerMembershipFactory(
        organization=business_a, role="mentor", user__first_name="Omar", user__last_name="Ode"
    )
    coordinator_client.post(
        reverse("partnerships:membership_deactivate", args=[membership.pk]), REMOTE_ADDR="198.51.100.4"
    )
    change = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.UPDATE)
    assert (change.actor, change.remote_addr) == (coordinator, "198.51.100.4")  # auditlog's middleware

    response = coordinator_client.get(reverse("partnerships:organization_detail", args=[business_a.pk]))

    assertContains(response, "Changes to portal access")
    assertContains(response, "Partner membership: Omar Ode, Mentor")
    assertContains(response, "Active: yes → no")
    assertContains(response, "<strong>Changed</strong> by Cora Ordinator")
    assertContains(response, "from 198.51.100.4")


# Bounded reads ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [2, 8])
def test_the_placement_pages_history_costs_the_same_queries_however_many_changes(
    changes, coordinator_client, django_assert_num_queries
):
    placement = f.PlacementFactory(status="active")
    for _ in range(changes):  # each by someone else, each naming a mentor the page does not show
        with set_actor(f.CoordinatorFactory()):
            placement.mentor = f.ContactFactory(organization=placement.partnership.business)
            placement.save()
        f.HoursEntryFactory(placement=placement)
    # The overview's 10 (tests/test_query_counts.py), and the earlier mentors' names: one query for all.
    with django_assert_num_queries(11):
        response = coordinator_client.get(placement.get_absolute_url())
    assertContains(response, "Mentor: ")


def test_a_page_shows_the_latest_changes_and_says_older_ones_are_in_the_admin(coordinator, coordinator_client):
    student = f.StudentFactory()
    with set_actor(coordinator):
        for number in range(core_history.LIMIT + 1):
            student.guardian_name = f"Guardian {number}"
            student.save()

    response = coordinator_client.get(student.get_absolute_url())

    assertContains(response, f"Guardian {core_history.LIMIT}")
    assertNotContains(response, "→ Guardian 0</li>")
    assertContains(response, f"Showing the latest {core_history.LIMIT} changes. Older changes are kept in the admin")


def test_a_change_made_through_a_signed_link_says_so():
    entry = f.HoursEntryFactory(placement__status="active")
    with set_actor(None, remote_addr="192.0.2.9"):
        entry.activity = "Changed"
        entry.save()

    [changed, _] = core_history.history(entry)
    assert (changed.who, changed.where) == ("Someone with a signed link", "192.0.2.9")


def test_the_people_tab_keeps_a_removed_role_in_its_history(coordinator_client):
    partnership = f.active_partnership()
    role = f.PartnershipRoleFactory(partnership=partnership, title="Mentor lead")
    f.PartnershipRoleFactory(title="Mentor lead").delete()  # another partnership's: not shown here
    url = reverse("partnerships:role_delete", args=[partnership.pk, role.pk])
    coordinator_client.post(url)

    response = coordinator_client.get(reverse("partnerships:people", args=[partnership.pk]))

    assertContains(response, f"Partnership role: Mentor lead: {role.contact}</span> — <strong>Deleted</strong>")
    assertContains(response, "<strong>Deleted</strong>", count=1)
