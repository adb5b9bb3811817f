"""What must hold after every step of the state machine (tests/test_rules_hold.py), checked from the rows
themselves, not through the services that keep them. A mixin of `District`."""

from __future__ import annotations

from django.core import mail
from django.db.models import Count, Q
from hypothesis.stateful import (
    invariant,
)

from communications.models import Notification, Reminder
from partnerships.models import Partnership, PointOfContact, Side
from safety.models import SafetyConcern
from students import readiness
from students.models import Placement

PartnershipStatus, PlacementStatus = Partnership.Status, Placement.Status


class Invariants:
    @invariant()
    def every_running_partnership_has_a_primary_on_both_sides_every_day_already_decided(self):
        today = self.today
        for partnership in Partnership.objects.filter(status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED]):
            posts = list(PointOfContact.objects.filter(partnership=partnership, role="primary"))
            decided = {today} | {p.end_date for p in posts if p.end_date and p.end_date > today}
            decided |= {p.start_date for p in posts if p.start_date > today}
            for side in Side.values:
                for day in sorted(decided):
                    in_post = [
                        p
                        for p in posts
                        if p.side == side and p.start_date <= day and (p.end_date is None or p.end_date > day)
                    ]
                    assert in_post, f"{partnership} ({partnership.status}) has no {side} primary on {day}"

    @invariant()
    def no_active_placement_fails_the_gate_by_anyones_doing(self):
        failing_now = {p.pk: set(readiness.failing(p)) for p in Placement.objects.filter(status=PlacementStatus.ACTIVE)}
        if self.rules_changed:  # time passed, or the district published a new protocol version: flags, not faults
            self.allowed = failing_now
            self.rules_changed = False
            return
        for pk, failing in failing_now.items():
            brought = failing - self.allowed.get(pk, set())
            assert not brought, f"Active placement {pk} fails {sorted(brought)}, brought by a person's action"
        self.allowed = failing_now

    @invariant()
    def no_placement_goes_on_where_its_partnership_does_not(self):
        """Active placements only in active partnerships; none under way in an ended one."""
        assert not Placement.objects.active().exclude(partnership__status=PartnershipStatus.ACTIVE).exists()
        assert not Placement.objects.ongoing().filter(partnership__status=PartnershipStatus.ENDED).exists()

    @invariant()
    def no_placement_with_an_open_serious_concern_is_active(self):
        for concern in SafetyConcern.objects.filter(
            voided_at=None, severity="high", status__in=["open", "investigating"]
        ):
            about = (
                Q(pk=concern.placement_id)
                if concern.placement_id
                else Q(student=concern.student, partnership=concern.partnership)
            )
            assert not Placement.objects.filter(about, status=PlacementStatus.ACTIVE).exists(), f"concern {concern.pk}"

    @invariant()
    def one_reminder_per_key_and_no_email_twice(self):
        repeated = (
            Reminder.objects.values("kind", "subject_type", "subject_id", "due_on")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        assert not repeated.exists()
        emails_claimed = Notification.objects.filter(emailed_at__isnull=False).count()
        emails_claimed += Reminder.objects.filter(external_sent_at__isnull=False).count()
        assert len(mail.outbox) == emails_claimed, "an email went out without its claim, or twice"

    @invariant()
    def no_record_with_legal_weight_was_deleted(self):
        type(self).steps += 1
        for model, pks in self.legal.items():
            assert model.objects.filter(pk__in=pks).count() == len(pks), f"a {model.__name__} is gone"
