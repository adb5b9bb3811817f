"""The readiness gate: what must be true before a placement may start, and go on being true while it runs.

Checks are registered here by any app below the top layers (`safety` adds its own from below, so
`students` never imports it). Each check looks at one placement and yields checklist items, each
either met or saying what is missing and where to fix it. `placement_activate` in services refuses
while any item is unmet; the placement page shows the same list.

Once a placement has started, the gate keeps holding: a change anywhere (the placement, its student, a
person at the business, the partnership, a background check) is compared with the gate before and
after (`Watch`, `kept`), and a change that makes an item fail is refused with the gate's own words, or,
for news that cannot wait (a check that did not clear), the placement is paused. Only time may make an
item fail on its own (a date that passes, a protocol version that takes effect): those are flagged and
reminded, never refused, since nobody can stop them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.refusals import Fix, Refused
from partnerships.models import PointOfContact, Side
from students.models import Placement


@dataclass(frozen=True)
class Item:
    label: str
    ok: bool
    problem: str = ""
    fix_url: str = ""
    fix_label: str = ""
    key: str = ""  # what the item is about, the same whether it is met or not; the label when empty

    @property
    def identity(self) -> str:
        return self.key or self.label


# The student's fields the gate reads (a check registered from above reads none), and it only asks whether
# each is filled in: only emptying one can make a placement fail it, so writes of students (the edit
# page, imports) ask the gate only then.
GATE_STUDENT_FIELDS = ("guardian_consent_on",)


def empties_what_the_gate_reads(student, changes: dict) -> list[str]:
    """The gate's fields of `student`, filled in now, that `changes` would empty."""
    return [name for name in GATE_STUDENT_FIELDS if name in changes and getattr(student, name) and not changes[name]]


Check = Callable[[Placement], Iterable[Item]]
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


def failing(placement) -> dict[str, Item]:
    """The unmet items, by what each is about."""
    return {item.identity: item for item in checklist(placement) if not item.ok}


# Keeping the gate while placements run --------------------------------------------------------------

Failure = tuple[Placement, Item]


def placement_name(placement) -> str:
    """How a refusal names a placement: the student as partners may see them, the kind and the business."""
    kind = placement.get_kind_display().lower()
    return f"{placement.student.partner_name}'s {kind} at {placement.partnership.business.name}"


class GateRefused(Refused):
    """A change refused because placements would fail items of the readiness gate (or do now, at a start).

    `failures` are the (placement, item) pairs; each becomes a problem in the gate's words, after the
    placement's name unless `name_placements` is off (the one placement the page is about), linked to
    the page that fixes it. A `fix` function says it otherwise, where the item's own link is not the way
    out (pausing a partnership is put right on each placement, not on the partnership).
    """

    def __init__(
        self,
        lead: str,
        failures: list[Failure],
        *,
        name_placements: bool = True,
        fix: Callable[[Placement, Item], Fix] | None = None,
    ):
        self.failures = failures
        super().__init__(lead, [fix(p, item) if fix else _gate_fix(p, item, name_placements) for p, item in failures])


def _gate_fix(placement, item: Item, name_placement: bool) -> Fix:
    problem = f"{placement_name(placement)}: {item.problem}" if name_placement else item.problem
    return Fix(problem, item.fix_url, item.fix_label)


CANNOT_START = "This placement cannot start yet."


def refusal_to_start(placement) -> GateRefused | None:
    """Why the placement cannot start (or go on, from paused) now, or None when it may."""
    failures = [(placement, item) for item in failing(placement).values()]
    return GateRefused(CANNOT_START, failures, name_placements=False) if failures else None


class Watch:
    """The gate's verdict on some placements before a change, to compare with the verdict after it.

    Made inside the transaction of the change (the placements are read then); `new_failures()` reads
    them again once the change is written, and lists each item that failed since."""

    def __init__(self, placements, statuses: Iterable[str] = (Placement.Status.ACTIVE,)):
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Watch a change inside the transaction that makes it, so a refusal can undo it.")
        self.statuses = tuple(statuses)
        self.before = {p.pk: set(failing(p)) for p in _fresh(placements.filter(status__in=self.statuses))}

    def new_failures(self) -> list[Failure]:
        failures = []
        for placement in _fresh(Placement.objects.filter(pk__in=self.before, status__in=self.statuses)):
            failures += [
                (placement, item) for key, item in failing(placement).items() if key not in self.before[placement.pk]
            ]
        return failures

    def refuse(self, lead: str, **how) -> None:
        """Raise GateRefused (`how`: its keywords) if the change made any placement fail an item."""
        failures = self.new_failures()
        if failures:
            raise GateRefused(lead, failures, **how)


def _fresh(placements) -> list[Placement]:
    return list(
        placements.select_related("student", "mentor", "partnership__business", "partnership__school").order_by("pk")
    )


@contextmanager
def kept(placements, *, lead: str, statuses: Iterable[str] = (Placement.Status.ACTIVE,), **how) -> Iterator[Watch]:
    """Refuse the change made inside this block if it makes any of `placements` (those in `statuses`)
    fail an item of the gate, raising GateRefused (`how`: its keywords) so that the block's transaction
    rolls back."""
    with transaction.atomic():
        watch = Watch(placements, statuses)
        yield watch
        watch.refuse(lead, **how)


def _edit(placement) -> str:
    return reverse("students:placement_edit", args=[placement.pk])


@register
def dates_are_valid(placement) -> Iterable[Item]:
    # An end before the start is refused when saved (services, and a constraint), so only time fails this.
    today = timezone.localdate()
    if placement.end_date < today:
        yield Item("Dates", False, "The placement's end date has passed.", _edit(placement), "Fix the dates", "dates")
    else:
        yield Item("Dates", True, key="dates")


@register
def mentor_is_named(placement) -> Iterable[Item]:
    mentor = placement.mentor
    business = placement.partnership.business
    edit = _edit(placement)
    if mentor is None:
        yield Item("Mentor", False, "No mentor is named.", edit, "Name a mentor", "mentor")
    elif not mentor.active:
        yield Item("Mentor", False, f"Mentor {mentor} is no longer active.", edit, "Name another mentor", "mentor")
    elif mentor.organization_id != business.pk:
        yield Item("Mentor", False, f"Mentor {mentor} does not work at {business.name}.", edit, "Fix", "mentor")
    else:
        yield Item(f"Mentor {mentor}", True, key="mentor")


@register
def guardian_consent_is_on_file(placement) -> Iterable[Item]:
    student = placement.student
    if student.has_guardian_consent:
        yield Item("Guardian consent on file", True, key="consent")
    else:
        yield Item(
            "Guardian consent",
            False,
            f"{student.full_name}'s guardian consent is not on file.",
            reverse("students:student_edit", args=[student.pk]),
            "Record the consent date",
            "consent",
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
            yield Item(f"Point of contact at {where}", True, key=f"poc:{side}")
        else:
            yield Item(
                f"Point of contact at {where}",
                False,
                f"{partnership.name} has no primary point of contact at {where}.",
                f"{add}?side={side}",
                "Name one",
                f"poc:{side}",
            )


@register
def partnership_is_active(placement) -> Iterable[Item]:
    partnership = placement.partnership
    if partnership.is_active:
        yield Item("Partnership active", True, key="partnership")
    else:
        yield Item(
            "Partnership active",
            False,
            f"{partnership.name} is {partnership.get_status_display().lower()}, not active.",
            partnership.get_absolute_url(),
            "Open the partnership",
            "partnership",
        )
