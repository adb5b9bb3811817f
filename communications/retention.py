"""Communications in the retention purge (core.retention; the policy is settings.RETENTION).

- With an expired student (students.retention) go the thank-you notes by them or about their placements, the
  surveys about their placements (with the answers), and the reminders about any of these or the placements
  (with their notifications). A success story stays: it belongs to the partnership and was published with
  consent; it only loses its link to the student.
- **Notifications** go RETENTION["notification_days"] days after they were read, or after their reminder was
  due, read or not.
- **Calendar feeds** of deactivated users go, live or revoked: a feed token must not outlive its person.
"""

from __future__ import annotations

from django.db.models import Q

from communications.calendar.models import CalendarFeed
from communications.models import FeedbackRequest, Notification, Reminder, ThankYouNote
from communications.reminders.registry import content_type
from core import retention
from core.retention import Purge, delete_rows
from students.models import Placement


def delete_communications(student_ids: list[int], placement_ids: list[int], purge: Purge) -> None:
    notes = ThankYouNote.objects.filter(Q(student__in=student_ids) | Q(placement__in=placement_ids))
    surveys = FeedbackRequest.objects.filter(placement__in=placement_ids)
    subjects = Q(subject_type=content_type(Placement), subject_id__in=placement_ids)
    subjects |= Q(subject_type=content_type(ThankYouNote), subject_id__in=list(notes.values_list("pk", flat=True)))
    subjects |= Q(subject_type=content_type(FeedbackRequest), subject_id__in=list(surveys.values_list("pk", flat=True)))
    purge.delete(Reminder.objects.filter(subjects))
    purge.delete(notes)
    purge.delete(surveys)


retention.register(
    retention.Kind("notifications", "notifications read or past", Notification.objects.expired, delete_rows, order=30)
)
retention.register(
    retention.Kind(
        "calendar feeds", "calendar feeds of deactivated users", CalendarFeed.objects.expired, delete_rows, order=40
    )
)
