"""The readiness gate: what must be true before a placement may start.

Checks are registered here by any app below the top layers (`safety` adds its own from below, so
`students` never imports it). Each check looks at one placement and yields checklist items, each
either met or saying what is missing and where to fix it. `placement_activate` in services refuses
while any item is unmet; the placement page shows the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from partnerships.models import PointOfContact, Side


@dataclass(frozen=True)
class Item:
    label: str
    ok: bool
    problem: str = ""
    fix_url: str = ""
    fix_label: str = ""


Check = Callable[["Placement"], Iterable[Item]]  # noqa: F821 (students.models.Placement)
_checks: list[Check] = []


def register(check: Check) -> Check:
    """Add a check to the gate (idempotent, so a module imported twice does not add it twice)."""
    if check not in _checks:
        _checks.append(check)
    return check


def checklist(placement) -> list[Item]:
    return [item for check in _checks for item in check(placement)]


def problems(placement) -> list[str]:
    return [item.problem for item in checklist(placement) if not item.ok]


def _edit(placement) -> str:
    return reverse("students:placement_edit", args=[placement.pk])


@register
def dates_are_valid(placement) -> Iterable[Item]:
    today = timezone.localdate()
    if placement.end_date < placement.start_date:
        yield Item("Dates", False, "The placement ends before it starts.", _edit(placement), "Fix the dates")
    elif placement.end_date < today:
        yield Item("Dates", False, "The placement's end date has passed.", _edit(placement), "Fix the dates")
    else:
        yield Item("Dates", True)


@register
def mentor_is_named(placement) -> Iterable[Item]:
    mentor = placement.mentor
    business = placement.partnership.business
    if mentor is None:
        yield Item("Mentor", False, "No mentor is named.", _edit(placement), "Name a mentor")
    elif not mentor.active:
        yield Item("Mentor", False, f"Mentor {mentor} is no longer active.", _edit(placement), "Name another mentor")
    elif mentor.organization_id != business.pk:
        yield Item("Mentor", False, f"Mentor {mentor} does not work at {business.name}.", _edit(placement), "Fix")
    else:
        yield Item(f"Mentor {mentor}", True)


@register
def guardian_consent_is_on_file(placement) -> Iterable[Item]:
    student = placement.student
    if student.has_guardian_consent:
        yield Item("Guardian consent on file", True)
    else:
        yield Item(
            "Guardian consent",
            False,
            f"{student.full_name}'s guardian consent is not on file.",
            reverse("students:student_edit", args=[student.pk]),
            "Record the consent date",
        )


@register
def both_points_of_contact_exist(placement) -> Iterable[Item]:
    partnership = placement.partnership
    sides = set(
        PointOfContact.objects.filter(partnership=partnership).current().primary().values_list("side", flat=True)
    )
    add = reverse("partnerships:poc_add", args=[partnership.pk])
    for side, where in ((Side.SCHOOL, partnership.school.name), (Side.BUSINESS, partnership.business.name)):
        if side in sides:
            yield Item(f"Point of contact at {where}", True)
        else:
            yield Item(
                f"Point of contact at {where}",
                False,
                f"{partnership.name} has no primary point of contact at {where}.",
                f"{add}?side={side}",
                "Name one",
            )


@register
def partnership_is_active(placement) -> Iterable[Item]:
    partnership = placement.partnership
    if partnership.is_active:
        yield Item("Partnership active", True)
    else:
        yield Item(
            "Partnership active",
            False,
            f"{partnership.name} is {partnership.get_status_display().lower()}, not active.",
            partnership.get_absolute_url(),
            "Open the partnership",
        )
