"""The state machine's safety steps (tests/test_rules_hold.py): checks recorded, changed and voided,
protocols published and acknowledged, concerns reported and followed up, the day's records, and the admin
tried on records the rules guard. A mixin of `District`, whose helpers (`pick`, `attempt`, `keep`) it uses."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import (
    rule,
)

from communications.log.services import log_entry_save, log_entry_void
from communications.models import LogEntry
from partnerships.models import Contact, Organization, Partnership, PointOfContact
from safety import services as safety
from safety.models import BackgroundCheck, CheckIn, SafetyConcern, SafetyProtocol, SiteVisit
from students.models import Placement
from tests.rules_hold_common import LEGAL, quiet_refusals


class SafetySteps:
    @rule(
        data=st.data(),
        status=st.sampled_from(BackgroundCheck.Status.values),
        valid_for=st.integers(min_value=1, max_value=900),
    )
    def record_a_check(self, data, status, valid_for):
        mentors = Contact.objects.filter(mentored_placements__status__in=Placement.ONGOING_STATUSES)
        everyone = Contact.objects.filter(organization__kind=Organization.Kind.BUSINESS)
        people = mentors if mentors.exists() and data.draw(st.booleans(), label="a mentor") else everyone
        person = self.pick(data, people.distinct(), "person")
        if person is None:
            return
        done = status in ("cleared", "not_cleared")
        fields = {"status": status, "completed_on": self.day(-1) if done else None}
        if status == "cleared":
            fields["expires_on"] = self.day(valid_for)
        self.keep(self.attempt("check_record", lambda: safety.check_record(contact=person, by=self.by, **fields)))

    @rule(
        data=st.data(),
        expires_in=st.integers(min_value=1, max_value=400),
        status=st.sampled_from(["cleared", "not_cleared", "expired"]),
    )
    def change_a_check(self, data, expires_in, status):
        check = self.pick(data, BackgroundCheck.objects.live().exclude(completed_on=None), "check")
        if check is not None:
            self.attempt(
                "check_update",
                lambda: safety.check_update(check=check, by=self.by, status=status, expires_on=self.day(expires_in)),
            )

    @rule(data=st.data(), kind=st.sampled_from([BackgroundCheck, SafetyConcern, LogEntry, CheckIn, SiteVisit]))
    def void_a_record(self, data, kind):
        record = self.pick(data, kind.objects.live(), "record")
        if record is None:
            return
        if kind is LogEntry:  # the log's own void keeps "last contacted" current
            self.attempt("void LogEntry", lambda: log_entry_void(entry=record, by=self.by, reason="Logged twice."))
        else:
            self.attempt(
                f"void {kind.__name__}", lambda: safety.void(record=record, by=self.by, reason="Made in error.")
            )

    @rule(effective_in=st.integers(min_value=0, max_value=20))
    def publish_protocol(self, effective_in):
        safety.protocol_publish(
            key="supervision", title="Supervision", body="Two adults in sight.", effective_on=self.day(effective_in)
        )
        self.rules_changed = True

    def acknowledge(self, business):
        for protocol in SafetyProtocol.objects.current():
            safety.protocol_acknowledge(organization=business, protocol=protocol, by_name="Olga Owner")

    @rule(data=st.data())
    def a_business_acknowledges_the_protocols(self, data):
        business = self.pick(data, Organization.objects.businesses(), "business")
        if business is not None:
            self.acknowledge(business)

    @rule(data=st.data(), severity=st.sampled_from(SafetyConcern.Severity.values), named=st.booleans())
    def report_a_concern(self, data, severity, named):
        placement = self.pick_placement(data)
        if placement is None:
            return
        concern = self.attempt(
            "concern_report",
            lambda: safety.concern_report(
                student=placement.student,
                partnership=placement.partnership,
                placement=placement if named else None,
                by=self.by,
                severity=severity,
                description="Something happened.",
            ),
        )
        if concern is not None:
            self.keep(concern)

    @rule(
        data=st.data(), to_status=st.sampled_from([SafetyConcern.Status.INVESTIGATING, SafetyConcern.Status.RESOLVED])
    )
    def follow_up_a_concern(self, data, to_status):
        concern = self.pick(data, SafetyConcern.objects.open(), "concern")
        if concern is not None:
            self.attempt(
                "concern_transition",
                lambda: safety.concern_transition(
                    concern=concern, to_status=to_status, by=self.by, resolution="Dealt with."
                ),
            )

    @rule(data=st.data(), follow_up_in=st.integers(min_value=0, max_value=30))
    def record_a_check_in_a_visit_and_a_call(self, data, follow_up_in):
        placement = self.pick_placement(data, Placement.objects.started())
        if placement is None or placement.status not in Placement.STARTED_STATUSES:
            return
        check_in = self.attempt(
            "check_in_record",
            lambda: safety.check_in_record(placement=placement, by=self.by, date=self.today, mode="phone", wellbeing=4),
        )
        visit = safety.visit_save(
            partnership=placement.partnership,
            visitor=self.by,
            scheduled_for=self.today,
            placements=[placement],
            status="completed",
            completed_on=self.today,
            findings="All well.",
        )
        entry = log_entry_save(
            partnership=placement.partnership,
            by=self.by,
            occurred_at=timezone.now(),
            channel="phone",
            direction="outgoing",
            summary="Checked in with the mentor.",
            follow_up_on=self.day(follow_up_in),
        )
        for record in (check_in, visit, entry):
            if record is not None:
                self.keep(record)

    @rule(data=st.data(), kind=st.sampled_from([*LEGAL, PointOfContact, Placement, Partnership]))
    def an_admin_tries_to_delete_or_change_a_record(self, data, kind):
        """Through the Django admin, as a superuser would: its delete and change pages for records the
        rules guard answer 403 and leave the row as it was."""
        record = self.pick(data, kind.objects.all(), "record")
        if record is None:
            return
        app, model = kind._meta.app_label, kind._meta.model_name
        self.admin.force_login(self.superuser)  # afresh: the clock may have run past the last session's end
        with quiet_refusals():
            delete = self.admin.post(reverse(f"admin:{app}_{model}_delete", args=[record.pk]), {"post": "yes"})
            bulk = self.admin.post(
                reverse(f"admin:{app}_{model}_changelist"),
                {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
            )
            change = self.admin.post(
                reverse(f"admin:{app}_{model}_change", args=[record.pk]), {"end_date": "2000-01-01"}
            )
        assert delete.status_code == 403 and bulk.status_code in (200, 302), (kind.__name__, delete.status_code)
        assert kind.objects.filter(pk=record.pk).exists()
        if kind in LEGAL or kind is PointOfContact:  # shown only; the others' change form refuses the bad date
            assert change.status_code == 403
        record_now = kind.objects.get(pk=record.pk)
        assert getattr(record_now, "end_date", None) != datetime.date(2000, 1, 1)
