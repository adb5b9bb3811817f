"""The readiness gate: every refusal in plain words, the checklist, and checks other apps register."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Partnership, PointOfContact, Side
from students import readiness, services
from students.models import Placement, Student
from tests.factories import (
    BackgroundCheckFactory,
    BusinessFactory,
    ContactFactory,
    PointOfContactFactory,
    SchoolFactory,
    StudentFactory,
    active_partnership,
    ready_placement,
)
from tests.helpers import days_ago, today

pytestmark = pytest.mark.django_db

Status = Placement.Status
CANNOT_START = "This placement cannot start yet."


def refusal(placement, by) -> list[str]:
    """The messages placement_activate refuses with; fails the test if it accepts."""
    with pytest.raises(ValidationError) as error:
        services.placement_activate(placement=placement, by=by)
    return error.value.messages


def assert_refused_with(placement, by, problem: str) -> None:
    assert refusal(placement, by) == [CANNOT_START, problem]
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    assert not placement.status_changes.exists()


def end_primary(partnership, side) -> None:
    PointOfContact.objects.filter(partnership=partnership, side=side).update(end_date=days_ago(1))


# One refusal at a time ---------------------------------------------------------------------------


def test_a_ready_placement_has_no_problems():
    assert readiness.problems(ready_placement()) == []


def test_a_placement_that_ends_before_it_starts_cannot_even_be_stored():
    """The services say so in words (test_services); the database refuses the row whatever writes it."""
    placement = ready_placement()
    placement.end_date = placement.start_date - datetime.timedelta(days=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        placement.save(update_fields=["end_date"])


def test_the_gate_refuses_a_placement_whose_end_date_has_passed(coordinator):
    placement = ready_placement(start_date=days_ago(30), end_date=days_ago(1))

    assert_refused_with(placement, coordinator, "The placement's end date has passed.")


def test_a_placement_ending_today_may_still_start(coordinator):
    placement = ready_placement(start_date=days_ago(3), end_date=today())

    services.placement_activate(placement=placement, by=coordinator)

    assert placement.status == Status.ACTIVE


def test_the_gate_refuses_a_placement_without_a_mentor(coordinator):
    assert_refused_with(ready_placement(mentor=None), coordinator, "No mentor is named.")


def test_the_gate_refuses_a_mentor_who_is_no_longer_active(coordinator):
    placement = ready_placement(mentor__first_name="Ana", mentor__last_name="Gone", mentor__active=False)

    assert_refused_with(placement, coordinator, "Mentor Ana Gone is no longer active.")


def test_the_gate_refuses_a_mentor_at_another_organization(coordinator):
    partnership = active_partnership(business=BusinessFactory(name="Finch Labs"))
    elsewhere = ContactFactory(first_name="Ben", last_name="Elsewhere", organization=BusinessFactory(name="Other"))
    placement = ready_placement(partnership=partnership, mentor=elsewhere)

    assert_refused_with(placement, coordinator, "Mentor Ben Elsewhere does not work at Finch Labs.")


def test_the_gate_refuses_a_student_without_guardian_consent_naming_the_student(coordinator):
    student = StudentFactory(legal_first_name="Marguerite", preferred_first_name="Daisy", last_name="Okonkwo")
    student.guardian_consent_on = None
    student.save()

    assert_refused_with(
        ready_placement(student=student), coordinator, "Daisy Okonkwo's guardian consent is not on file."
    )


def test_the_gate_refuses_a_partnership_without_a_school_side_primary_naming_the_school(coordinator):
    partnership = active_partnership(school=SchoolFactory(name="Northside High"))
    placement = ready_placement(partnership=partnership)
    end_primary(partnership, Side.SCHOOL)
    # A backup does not stand in for the primary.
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL, role=PointOfContact.Role.BACKUP)

    assert_refused_with(
        placement, coordinator, f"{partnership.name} has no primary point of contact at Northside High."
    )


def test_the_gate_refuses_a_partnership_without_a_business_side_primary_naming_the_business(coordinator):
    partnership = active_partnership(business=BusinessFactory(name="Finch Labs"))
    placement = ready_placement(partnership=partnership)
    end_primary(partnership, Side.BUSINESS)

    assert_refused_with(placement, coordinator, f"{partnership.name} has no primary point of contact at Finch Labs.")


def test_a_primary_who_starts_later_does_not_count_yet(coordinator):
    placement = ready_placement()
    partnership = placement.partnership
    end_primary(partnership, Side.BUSINESS)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, start_date=days_ago(-7))

    assert_refused_with(
        placement,
        coordinator,
        f"{partnership.name} has no primary point of contact at {partnership.business.name}.",
    )


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Partnership.Status.PROSPECT, "prospect"),
        (Partnership.Status.ONBOARDING, "onboarding"),
        (Partnership.Status.PAUSED, "paused"),
        (Partnership.Status.ENDED, "ended"),
    ],
)
def test_the_gate_refuses_a_partnership_that_is_not_active_naming_its_status(status, label, coordinator):
    partnership = active_partnership(name="Northside × Finch", status=status)

    assert_refused_with(
        ready_placement(partnership=partnership), coordinator, f"Northside × Finch is {label}, not active."
    )


# Everything at once, and fixing it ---------------------------------------------------------------


def broken_placement() -> Placement:
    """An approved placement that fails every check of the gate."""
    partnership = active_partnership(
        name="Northside × Finch",
        school=SchoolFactory(name="Northside High"),
        business=BusinessFactory(name="Finch Labs"),
        status=Partnership.Status.PAUSED,
    )
    PointOfContact.objects.filter(partnership=partnership).update(end_date=days_ago(1))
    student = StudentFactory(legal_first_name="Maya", last_name="Okafor", guardian_consent_on=None)
    return ready_placement(
        partnership=partnership, student=student, mentor=None, start_date=days_ago(30), end_date=days_ago(1)
    )


ALL_PROBLEMS = [
    "The placement's end date has passed.",
    "No mentor is named.",
    "Maya Okafor's guardian consent is not on file.",
    "Northside × Finch has no primary point of contact at Northside High.",
    "Northside × Finch has no primary point of contact at Finch Labs.",
    "Northside × Finch is paused, not active.",
]


def test_the_gate_refuses_with_every_missing_item_at_once(coordinator):
    placement = broken_placement()

    assert refusal(placement, coordinator) == [CANNOT_START, *ALL_PROBLEMS]
    assert readiness.problems(placement) == ALL_PROBLEMS
    assert Placement.objects.get(pk=placement.pk).status == Status.APPROVED


def test_fixing_the_items_one_by_one_shrinks_the_refusal_until_the_placement_starts(coordinator):
    placement = broken_placement()
    partnership = placement.partnership
    fixes = [
        lambda: Placement.objects.filter(pk=placement.pk).update(start_date=days_ago(1), end_date=days_ago(-30)),
        # A mentor the safety items accept too: cleared through the end date.
        lambda: Placement.objects.filter(pk=placement.pk).update(
            mentor=BackgroundCheckFactory(contact__organization=partnership.business).contact
        ),
        lambda: Student.objects.filter(pk=placement.student_id).update(guardian_consent_on=today()),
        lambda: PointOfContactFactory(partnership=partnership, side=Side.SCHOOL, start_date=today()),
        lambda: PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, start_date=today()),
    ]

    seen = [refusal(placement, coordinator)]
    for fix in fixes:
        fix()
        seen.append(refusal(placement, coordinator))
    Partnership.objects.filter(pk=partnership.pk).update(status=Partnership.Status.ACTIVE)
    services.placement_activate(placement=placement, by=coordinator)

    assert [len(messages) - 1 for messages in seen] == [6, 5, 4, 3, 2, 1]
    assert [messages[1:] for messages in seen] == [ALL_PROBLEMS[i:] for i in range(6)]
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE
    assert placement.status_changes.get().to_status == Status.ACTIVE


# The checklist -----------------------------------------------------------------------------------


def test_the_checklist_of_a_ready_placement_is_all_ok_with_labels():
    partnership = active_partnership(
        school=SchoolFactory(name="Northside High"), business=BusinessFactory(name="Finch Labs")
    )
    placement = ready_placement(partnership=partnership, mentor__first_name="Ana", mentor__last_name="Mentor")

    items = readiness.checklist(placement)

    assert [item.label for item in items] == [
        "Dates",
        "Mentor Ana Mentor",
        "Guardian consent on file",
        "Point of contact at Northside High",
        "Point of contact at Finch Labs",
        "Partnership active",
        "Mentor Ana Mentor: background check cleared through the end date",
        "No open high-severity safety concern",
    ]
    assert all(item.ok and not item.problem and not item.fix_url for item in items)


def test_the_checklist_says_where_to_fix_each_failing_item():
    placement = broken_placement()
    partnership = placement.partnership
    edit = reverse("students:placement_edit", args=[placement.pk])
    add_poc = reverse("partnerships:poc_add", args=[partnership.pk])

    items = readiness.checklist(placement)

    assert [(item.ok, item.problem, item.fix_url, item.fix_label) for item in items] == [
        (False, ALL_PROBLEMS[0], edit, "Fix the dates"),
        (False, ALL_PROBLEMS[1], edit, "Name a mentor"),
        (
            False,
            ALL_PROBLEMS[2],
            reverse("students:student_edit", args=[placement.student_id]),
            "Record the consent date",
        ),
        (False, ALL_PROBLEMS[3], f"{add_poc}?side=school", "Name one"),
        (False, ALL_PROBLEMS[4], f"{add_poc}?side=business", "Name one"),
        (False, ALL_PROBLEMS[5], reverse("partnerships:detail", args=[partnership.pk]), "Open the partnership"),
        (True, "", "", ""),  # no open high-severity concern
    ]


def test_the_checklist_mixes_ok_and_failing_items():
    placement = ready_placement(mentor=None)

    items = {item.label: item for item in readiness.checklist(placement)}

    assert items["Mentor"].ok is False
    assert items["Mentor"].fix_url == reverse("students:placement_edit", args=[placement.pk])
    assert items["Dates"].ok is True
    assert items["Partnership active"].ok is True


# Checks registered by other apps -----------------------------------------------------------------


def safety_training_recorded(placement):
    if placement.notes == "trained":
        yield readiness.Item("Safety training", True)
    else:
        yield readiness.Item("Safety training", False, "Safety training is not recorded.", "/safety/", "Record it")


@pytest.fixture
def extra_check():
    before = list(readiness._checks)
    readiness.register(safety_training_recorded)
    try:
        yield safety_training_recorded
    finally:
        while safety_training_recorded in readiness._checks:
            readiness._checks.remove(safety_training_recorded)
        assert readiness._checks == before


def test_register_is_idempotent(extra_check):
    count = len(readiness._checks)

    returned = readiness.register(extra_check)
    readiness.register(extra_check)

    assert returned is extra_check
    assert len(readiness._checks) == count
    assert readiness._checks.count(extra_check) == 1


def test_a_registered_check_is_applied_by_placement_activate(extra_check, coordinator):
    placement = ready_placement()

    assert refusal(placement, coordinator) == [CANNOT_START, "Safety training is not recorded."]
    assert readiness.checklist(placement)[-1] == readiness.Item(
        "Safety training", False, "Safety training is not recorded.", "/safety/", "Record it"
    )

    Placement.objects.filter(pk=placement.pk).update(notes="trained")
    services.placement_activate(placement=placement, by=coordinator)
    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE


def test_a_registered_check_adds_to_the_other_refusals(extra_check, coordinator):
    assert refusal(ready_placement(mentor=None), coordinator) == [
        CANNOT_START,
        "No mentor is named.",
        "Safety training is not recorded.",
    ]
