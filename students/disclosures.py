"""What a business may be shown of a student, and the record that it was shown.

A host sees the minimum: preferred first name and last initial, grade, school, the placement's schedule,
dates and learning goals, and whom to ask at the school. Pages for partners never get a Student: they get a
`HostPlacement`, which has no other field, so no template can show more. Every page that shows one records
it (`record`): one Disclosure row per student shown, written in one query however many students the page
lists.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from partnerships.models import Organization, PointOfContact, Side
from students.models import Disclosure, LearningGoal, Placement

if TYPE_CHECKING:
    from accounts.models import SignedLink, User

# The words a Disclosure row uses for what a host page shows.
NAME = "first name and last initial"
GRADE = "grade"
SCHOOL = "school"
SCHEDULE = "schedule and dates"
GOALS = "learning goals"
HOST_FIELDS = (NAME, GRADE, SCHOOL, SCHEDULE, GOALS)


@dataclass(frozen=True)
class SchoolContact:
    name: str
    email: str
    phone: str


@dataclass(frozen=True)
class HostPlacement:
    """A placement as its host sees it. `pk` is the placement's (never the student's)."""

    pk: int
    student_name: str
    grade: int
    school: str
    kind: str
    status: str
    status_label: str
    start_date: datetime.date
    end_date: datetime.date
    days: str
    hours_per_week: Decimal | None
    site_address: str
    mentor: str
    learning_goals: tuple[str, ...]
    school_contact: SchoolContact | None


def host_queryset(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """The placements with what `host_view` reads, in a fixed number of queries."""
    return placements.select_related("student__school", "partnership", "mentor", "supervisor").prefetch_related(
        Prefetch("learning_goals", queryset=LearningGoal.objects.order_by("pk"))
    )


def _school_contacts(placements: Sequence[Placement]) -> dict[int, SchoolContact]:
    """The school's contact for each partnership: its current primary on the school side."""
    pocs = (
        PointOfContact.objects.current()
        .primary()
        .filter(partnership_id__in={p.partnership_id for p in placements}, side=Side.SCHOOL)
        .select_related("contact")
    )
    return {
        poc.partnership_id: SchoolContact(poc.contact.full_name, poc.contact.email, poc.contact.phone) for poc in pocs
    }


def host_view(placements: Iterable[Placement]) -> list[HostPlacement]:
    """The host's view of each placement (from `host_queryset`): one more query for the school contacts."""
    placements = list(placements)
    contacts = _school_contacts(placements)
    return [
        HostPlacement(
            pk=p.pk,
            student_name=p.student.partner_name,
            grade=p.student.grade,
            school=p.student.school.name,
            kind=p.get_kind_display(),
            status=p.status,
            status_label=p.get_status_display(),
            start_date=p.start_date,
            end_date=p.end_date,
            days=p.days,
            hours_per_week=p.hours_per_week,
            site_address=p.site_address,
            mentor=p.mentor.full_name if p.mentor else "",
            learning_goals=tuple(goal.text for goal in p.learning_goals.all()),
            school_contact=contacts.get(p.partnership_id),
        )
        for p in placements
    ]


def record(
    *,
    placements: Iterable[Placement],
    organization: Organization,
    page: str,
    fields: Sequence[str] = HOST_FIELDS,
    viewer: User | None = None,
    link: SignedLink | None = None,
    viewer_name: str = "",
) -> list[Disclosure]:
    """Write that these placements' students were shown to `viewer` (or through `link`): one row per student,
    the first placement shown being the reason, all in one query."""
    if viewer is None and link is None:
        raise ValueError("A disclosure names who saw the data: a user or a signed link.")
    name = viewer_name or (viewer.display_name if viewer is not None else link.recipient_name if link else "")
    now = timezone.now()
    rows: dict[int, Disclosure] = {}
    for placement in placements:
        rows.setdefault(
            placement.student_id,
            Disclosure(
                student_id=placement.student_id,
                placement_id=placement.pk,
                organization=organization,
                viewer=viewer,
                link=link,
                viewer_name=name[:200] or "Someone with a link",
                fields=", ".join(fields),
                page=page,
                shown_at=now,
            ),
        )
    if not rows:
        return []
    return Disclosure.objects.bulk_create(rows.values())
