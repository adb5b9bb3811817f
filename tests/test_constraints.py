"""The database refuses an invalid row whatever writes it: a bug in Python, a bulk update, a shell.

Each case writes a valid row through a factory, then tries to make it invalid with a bulk update that
skips every Python check; the database must refuse, and the row stays as it was.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    CheckInFactory,
    HoursEntryFactory,
    LogEntryFactory,
    OrganizationFactory,
    PartnershipFactory,
    PlacementFactory,
    PlacementStatusChangeFactory,
    PointOfContactFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    SiteVisitFactory,
    StatusChangeFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOW = timezone.now()

CASES = {
    # name of the constraint: (how to make a valid row, what would make it invalid)
    "organization_kind_known": (OrganizationFactory, {"kind": "shop"}),
    "partnership_status_known": (PartnershipFactory, {"status": "dormant"}),
    "partnership_running_has_started": (active_partnership, {"start_date": None}),
    "partnership_ended_has_end_date": (lambda: PartnershipFactory(status="ended"), {"end_date": None}),
    "poc_side_known": (PointOfContactFactory, {"side": "both"}),
    "poc_role_known": (PointOfContactFactory, {"role": "deputy"}),
    "status_change_moves": (StatusChangeFactory, {"to_status": "prospect"}),
    "charter_version_from_one": (CharterFactory, {"version": 0}),
    "placement_status_known": (PlacementFactory, {"status": "canceled"}),
    "placement_kind_known": (PlacementFactory, {"kind": "holiday"}),
    "placement_ends_after_it_starts": (PlacementFactory, {"end_date": TODAY - datetime.timedelta(days=400)}),
    "placement_under_way_has_mentor": (lambda: PlacementFactory(status="active"), {"mentor": None}),
    "placement_status_change_moves": (PlacementStatusChangeFactory, {"to_status": "proposed"}),
    "hours_verified_says_by_whom": (HoursEntryFactory, {"verified_at": NOW}),
    "check_status_known": (BackgroundCheckFactory, {"status": "ok"}),
    "check_not_cleared_has_date": (
        lambda: BackgroundCheckFactory(status="not_cleared", expires_on=None),
        {"completed_on": None},
    ),
    "check_expires_after_completed": (BackgroundCheckFactory, {"expires_on": TODAY - datetime.timedelta(days=365)}),
    "concern_status_known": (SafetyConcernFactory, {"status": "closed"}),
    "concern_severity_known": (SafetyConcernFactory, {"severity": "urgent"}),
    "visit_status_known": (SiteVisitFactory, {"status": "postponed"}),
    "protocol_version_from_one": (SafetyProtocolFactory, {"version": 0}),
    "safety_backgroundcheck_void_has_reason": (BackgroundCheckFactory, {"voided_at": NOW}),
    "safety_checkin_void_has_reason": (CheckInFactory, {"voided_at": NOW}),
    "checkin_shared_has_notes_no_concern": (lambda: CheckInFactory(shared_with_mentor=True), {"concern": True}),
    "safety_safetyconcern_void_has_reason": (SafetyConcernFactory, {"voided_at": NOW}),
    "safety_sitevisit_void_has_reason": (SiteVisitFactory, {"voided_at": NOW}),
    "communications_logentry_void_has_reason": (LogEntryFactory, {"voided_at": NOW}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_database_refuses_a_row_that_breaks_a_rule(name):
    make, invalid = CASES[name]
    row = make()
    model = type(row)
    assert name in {
        constraint.name % {"app_label": model._meta.app_label, "class": model._meta.model_name}
        for constraint in model._meta.constraints
    }

    with pytest.raises(IntegrityError, match=name), transaction.atomic():  # this constraint, not another
        model.objects.filter(pk=row.pk).update(**invalid)

    stored = model.objects.filter(pk=row.pk).values(*invalid).get()
    assert stored != invalid


def test_a_voided_record_with_a_reason_is_accepted_and_unvoiding_it_needs_the_reason_gone_too():
    entry = LogEntryFactory()
    type(entry).objects.filter(pk=entry.pk).update(voided_at=NOW, void_reason="Logged twice.")

    with pytest.raises(IntegrityError), transaction.atomic():
        type(entry).objects.filter(pk=entry.pk).update(voided_at=None)


def test_only_one_current_primary_per_side_even_when_written_directly():
    partnership = active_partnership()

    with pytest.raises(IntegrityError), transaction.atomic():
        PointOfContactFactory(partnership=partnership, side="school", role="primary")
