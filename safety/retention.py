"""Safety records in the retention purge (students.retention; the policy is settings.RETENTION).

Check-ins and concerns have legal weight: the screens void them, never delete them. The purge is the one way
they are deleted, and only with the student they are about, never on their own:
- a **check-in** goes with its student, when the student's record expires (years after their last placement);
- a **concern** holds its student's whole record back: while it is open (or being investigated), and until
  RETENTION["safety_concern_years"] years after it was reported (7 by default, longer than a student's record
  is kept), so a concern can be answered for years after the placement. Then it goes with the student.
Voided ones count the same: a voided record stays in the history until the student's record goes.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.retention import Purge, policy, start_of, years_before
from safety.models import CheckIn, SafetyConcern


def concern_hold(now: datetime.datetime) -> Q:
    """Students with a concern still open, or reported within RETENTION["safety_concern_years"] of `now`."""
    cutoff = start_of(years_before(timezone.localdate(now), policy("safety_concern_years")))
    held = SafetyConcern.objects.filter(Q(status__in=SafetyConcern.OPEN_STATUSES) | Q(created_at__gte=cutoff))
    return Q(Exists(held.filter(student=OuterRef("pk"))))


def delete_safety_records(student_ids: list[int], placement_ids: list[int], purge: Purge) -> None:
    """The students' check-ins and concerns. A row about another student that names one of these placements
    is not deleted: it protects the placement, and the purge of students stops and says so."""
    purge.delete(CheckIn.objects.filter(student__in=student_ids))
    purge.delete(SafetyConcern.objects.filter(student__in=student_ids))
