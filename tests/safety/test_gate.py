"""The safety items of the readiness gate: every refusal in its exact words, and the start once fixed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safety import gate
from safety import services as safety_services
from safety.models import BackgroundCheck, SafetyPolicy
from students import readiness, services
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    BusinessFactory,
    ContactFactory,
    PlacementFactory,
    ProtocolAcknowledgmentFactory,
    SafetyPolicyFactory,
    SafetyProtocolFactory,
    active_partnership,
    ready_placement,
)
from tests.helpers import days_ago

pytestmark = pytest.mark.django_db

Status = Placement.Status
CheckStatus = BackgroundCheck.Status
CANNOT_START = "This placement cannot start yet."


def day(date: datetime.date) -> str:
    return f"{date:%d %b %Y}"


def refusal(placement, by) -> list[str]:
    """The messages placement_activate refuses with; fails the test if it accepts."""
    with pytest.raises(ValidationError) as error:
        services.placement_activate(placement=placement, by=by)
    return error.value.messages


def assert_refused_with(placement, by, *problems: str) -> None:
    """The gate refuses with exactly these problems, and the placement stays as it was."""
    status, changes = Placement.objects.get(pk=placement.pk).status, placement.status_changes.count()
    assert refusal(placement, by) == [CANNOT_START, *problems]
    placement.refresh_from_db()
    assert placement.status == status
    assert placement.status_changes.count() == changes


def placement_with_mentor(**kwargs) -> Placement:
    """An approved placement, ready but for its mentor, Ana Mentor, who has no background check (yet)."""
    placement = PlacementFactory.create(
        status=Status.APPROVED, mentor__first_name="Ana", mentor__last_name="Mentor", **kwargs
    )
    assert not BackgroundCheck.objects.exists()
    return placement


def check_of(contact, **kwargs) -> BackgroundCheck:
    return BackgroundCheckFactory.create(contact=contact, **kwargs)


# The mentor's background check -------------------------------------------------------------------


def test_ready_placement_gives_the_mentor_a_check_cleared_past_the_end_date(coordinator):
    placement = ready_placement(end_date=days_ago(-1000))

    check = BackgroundCheck.objects.get(contact=placement.mentor)

    assert check.status == CheckStatus.CLEARED
    assert check.expires_on > placement.end_date
    assert readiness.problems(placement) == []


def test_the_gate_refuses_a_mentor_with_no_background_check(coordinator):
    placement = placement_with_mentor()

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor has no background check.")


@pytest.mark.parametrize(
    ("status", "words"), [(CheckStatus.PENDING, "pending"), (CheckStatus.NOT_STARTED, "not started")]
)
def test_the_gate_refuses_a_mentor_whose_check_is_not_back_yet(status, words, coordinator):
    placement = placement_with_mentor()
    check_of(placement.mentor, status=status, completed_on=None, expires_on=None)

    assert_refused_with(placement, coordinator, f"Mentor Ana Mentor's background check is still {words}.")


def test_the_gate_refuses_a_mentor_who_did_not_clear(coordinator):
    placement = placement_with_mentor()
    check_of(placement.mentor, status=CheckStatus.NOT_CLEARED, expires_on=None)

    assert_refused_with(
        placement, coordinator, "Mentor Ana Mentor did not clear the background check: choose another person."
    )


def test_the_gate_refuses_a_check_expiring_before_the_end_date_naming_both_dates(coordinator):
    placement = placement_with_mentor(end_date=days_ago(-60))
    check_of(placement.mentor, expires_on=days_ago(-59))

    assert_refused_with(
        placement,
        coordinator,
        f"Mentor Ana Mentor's background check expires on {day(days_ago(-59))}, "
        f"before the placement ends on {day(days_ago(-60))}.",
    )


def test_a_check_expiring_on_the_end_date_is_valid_through_it(coordinator):
    placement = placement_with_mentor(end_date=days_ago(-60))
    check_of(placement.mentor, expires_on=days_ago(-60))

    services.placement_activate(placement=placement, by=coordinator)

    assert placement.status == Status.ACTIVE


def test_the_gate_refuses_a_check_marked_expired(coordinator):
    placement = placement_with_mentor()
    check_of(placement.mentor, status=CheckStatus.EXPIRED, expires_on=days_ago(3))

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor's background check has expired.")


def test_the_gate_says_a_cleared_check_whose_date_has_passed_has_expired(coordinator):
    # The check's own state() calls it "expired"; the gate must not say it "expires on" a past day.
    placement = placement_with_mentor()
    check = check_of(placement.mentor, completed_on=days_ago(800), expires_on=days_ago(70))
    assert check.state() == "expired"

    assert_refused_with(
        placement, coordinator, f"Mentor Ana Mentor's background check expired on {days_ago(70):%d %b %Y}."
    )


def test_a_voided_cleared_check_does_not_count(coordinator, admin_user):
    placement = placement_with_mentor()
    check = check_of(placement.mentor)
    safety_services.void(record=check, by=admin_user, reason="Entered against the wrong person.")

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor has no background check.")


def test_a_voided_newer_check_leaves_the_older_one_to_speak(coordinator, admin_user):
    placement = placement_with_mentor()
    check_of(placement.mentor, status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    newer = check_of(placement.mentor)
    safety_services.void(record=newer, by=admin_user, reason="Typed in the wrong reference.")

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor's background check is still pending.")


def test_an_older_cleared_check_still_counts_while_a_renewal_is_pending(coordinator):
    placement = placement_with_mentor()
    check_of(placement.mentor)
    check_of(placement.mentor, status=CheckStatus.PENDING, completed_on=None, expires_on=None)

    services.placement_activate(placement=placement, by=coordinator)

    assert placement.status == Status.ACTIVE


def test_a_check_of_someone_else_does_not_clear_the_mentor(coordinator):
    placement = placement_with_mentor()
    check_of(ContactFactory(organization=placement.partnership.business, first_name="Ana", last_name="Mentor"))

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor has no background check.")


def test_the_failing_item_links_to_recording_a_check_for_that_person():
    placement = placement_with_mentor()

    item = next(item for item in readiness.checklist(placement) if not item.ok)

    assert item.label == "Mentor Ana Mentor: background check"
    assert item.fix_url == (
        reverse("safety:check_create")
        + f"?contact={placement.mentor.pk}&next={placement.get_absolute_url()}%23readiness"
    )
    assert item.fix_label == "Record a check"


# Other staff, by the policy ----------------------------------------------------------------------


def placement_with_staff(policy: str) -> tuple[Placement, object]:
    SafetyPolicyFactory(checks_required_for=policy)
    placement = ready_placement()
    helper = ContactFactory.create(organization=placement.partnership.business, first_name="Ben", last_name="Helper")
    placement.other_staff.add(helper)
    return placement, helper


def test_when_the_policy_says_everyone_other_staff_need_a_cleared_check(coordinator):
    placement, helper = placement_with_staff(SafetyPolicy.ChecksFor.EVERYONE)

    assert_refused_with(placement, coordinator, "Staff member Ben Helper has no background check.")

    check_of(helper, status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    assert_refused_with(placement, coordinator, "Staff member Ben Helper's background check is still pending.")

    check_of(helper)
    services.placement_activate(placement=placement, by=coordinator)
    assert placement.status == Status.ACTIVE


def test_when_the_policy_says_mentor_other_staff_need_no_check(coordinator):
    placement, helper = placement_with_staff(SafetyPolicy.ChecksFor.MENTOR)

    services.placement_activate(placement=placement, by=coordinator)

    assert not BackgroundCheck.objects.filter(contact=helper).exists()
    assert placement.status == Status.ACTIVE


@pytest.mark.parametrize("staff", [1, 4])
def test_the_safety_items_ask_the_same_queries_however_many_people_need_a_check(staff, django_assert_num_queries):
    placement, _ = placement_with_staff(SafetyPolicy.ChecksFor.EVERYONE)
    for _ in range(staff - 1):
        placement.other_staff.add(ContactFactory(organization=placement.partnership.business))
        BackgroundCheckFactory(contact=placement.other_staff.last(), status=CheckStatus.PENDING, expires_on=None)
    placement = Placement.objects.select_related("mentor", "partnership__business").get(pk=placement.pk)

    # The policy, the staff, everyone's checks; the protocols each saying whether the business acknowledged it.
    with django_assert_num_queries(4):
        people = list(gate.people_are_cleared(placement))
        list(gate.protocols_are_acknowledged(placement))

    assert len(people) == staff + 1 and sum(item.ok for item in people) == 1  # the mentor's check is cleared


def test_a_mentor_also_listed_as_staff_is_asked_for_once(coordinator):
    SafetyPolicyFactory(checks_required_for=SafetyPolicy.ChecksFor.EVERYONE)
    placement = placement_with_mentor()
    placement.other_staff.add(placement.mentor)

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor has no background check.")


def test_without_a_mentor_the_gate_asks_for_a_mentor_not_a_check(coordinator):
    placement = ready_placement(mentor=None)

    assert_refused_with(placement, coordinator, "No mentor is named.")


# Protocols ---------------------------------------------------------------------------------------


def test_the_gate_refuses_a_business_that_has_not_acknowledged_a_current_protocol(coordinator):
    partnership = active_partnership(business=BusinessFactory(name="Finch Labs"))
    placement = ready_placement(partnership=partnership)
    SafetyProtocolFactory(title="Supervision of minors")

    assert_refused_with(placement, coordinator, "Finch Labs has not acknowledged “Supervision of minors” (version 1).")


def test_an_acknowledgment_by_another_business_does_not_count(coordinator):
    placement = ready_placement(partnership=active_partnership(business=BusinessFactory(name="Finch Labs")))
    protocol = SafetyProtocolFactory(title="Supervision of minors")
    ProtocolAcknowledgmentFactory(protocol=protocol, organization=BusinessFactory(name="Other"))

    assert_refused_with(placement, coordinator, "Finch Labs has not acknowledged “Supervision of minors” (version 1).")


def test_a_protocol_not_yet_in_effect_needs_no_acknowledgment(coordinator):
    placement = ready_placement()
    SafetyProtocolFactory(effective_on=days_ago(-7))

    services.placement_activate(placement=placement, by=coordinator)

    assert placement.status == Status.ACTIVE


def test_a_new_protocol_version_needs_a_new_acknowledgment(coordinator):
    partnership = active_partnership(business=BusinessFactory(name="Finch Labs"))
    placement = ready_placement(partnership=partnership)
    first = safety_services.protocol_publish(key="supervision", title="Supervision of minors", body="Two adults.")
    safety_services.protocol_acknowledge(organization=partnership.business, protocol=first, by_name="Olga Owner")
    assert readiness.problems(placement) == []

    second = safety_services.protocol_publish(
        key="supervision", title="Supervision of minors", body="Two adults, always."
    )

    assert second.version == 2
    assert_refused_with(placement, coordinator, "Finch Labs has not acknowledged “Supervision of minors” (version 2).")
    safety_services.protocol_acknowledge(organization=partnership.business, protocol=second, by_name="Olga Owner")
    services.placement_activate(placement=placement, by=coordinator)
    assert placement.status == Status.ACTIVE


def test_the_protocol_item_links_to_the_protocol():
    placement = ready_placement()
    protocol = SafetyProtocolFactory(title="Supervision of minors")

    item = next(item for item in readiness.checklist(placement) if not item.ok)

    assert item.label == "Protocol “Supervision of minors”"
    assert item.fix_url == (
        reverse("safety:protocol_detail", args=[protocol.pk])
        + f"?organization={placement.partnership.business.pk}#acknowledge"
    )
    assert item.fix_label == "Record the acknowledgment"


# Everything at once, then fixed ------------------------------------------------------------------


def test_every_safety_refusal_at_once_then_the_placement_starts_once_fixed(coordinator):
    SafetyPolicyFactory(checks_required_for=SafetyPolicy.ChecksFor.EVERYONE)
    partnership = active_partnership(business=BusinessFactory(name="Finch Labs"))
    placement = placement_with_mentor(partnership=partnership, end_date=days_ago(-90))
    helper = ContactFactory(organization=partnership.business, first_name="Ben", last_name="Helper")
    placement.other_staff.add(helper)
    check_of(placement.mentor, status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    check_of(helper, expires_on=days_ago(-30))
    protocol = SafetyProtocolFactory(title="Supervision of minors")

    assert_refused_with(
        placement,
        coordinator,
        "Mentor Ana Mentor's background check is still pending.",
        f"Staff member Ben Helper's background check expires on {day(days_ago(-30))}, "
        f"before the placement ends on {day(days_ago(-90))}.",
        "Finch Labs has not acknowledged “Supervision of minors” (version 1).",
    )

    check_of(placement.mentor)
    check_of(helper)
    ProtocolAcknowledgmentFactory(organization=partnership.business, protocol=protocol)
    services.placement_activate(placement=placement, by=coordinator)

    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE
    assert placement.status_changes.get().to_status == Status.ACTIVE


# Restarting a paused placement -------------------------------------------------------------------


def test_restarting_a_paused_placement_goes_through_the_gate_again(coordinator, admin_user):
    placement = ready_placement(mentor__first_name="Ana", mentor__last_name="Mentor")
    services.placement_activate(placement=placement, by=coordinator)
    services.placement_transition(placement=placement, to_status=Status.PAUSED, by=coordinator, reason="Site closed.")
    safety_services.void(
        record=BackgroundCheck.objects.get(contact=placement.mentor), by=admin_user, reason="Entered in error."
    )

    assert_refused_with(placement, coordinator, "Mentor Ana Mentor has no background check.")
    assert placement.status == Status.PAUSED

    check_of(placement.mentor)
    services.placement_transition(placement=placement, to_status=Status.ACTIVE, by=coordinator)

    assert placement.status == Status.ACTIVE
    assert list(placement.status_changes.order_by("pk").values_list("from_status", "to_status")) == [
        (Status.APPROVED, Status.ACTIVE),
        (Status.ACTIVE, Status.PAUSED),
        (Status.PAUSED, Status.ACTIVE),
    ]
