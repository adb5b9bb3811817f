"""Every rule in partnerships/services.py, one sentence per test."""

import datetime
import itertools
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from partnerships import services
from partnerships.models import (
    Charter,
    Commitment,
    Goal,
    Handoff,
    Partnership,
    PointOfContact,
    Side,
    StatusChange,
)
from partnerships.tasks import send_handoff_notice
from tests.factories import (
    BusinessFactory,
    CharterFactory,
    CommitmentFactory,
    ContactFactory,
    DistrictFactory,
    GoalFactory,
    PartnerMembershipFactory,
    PartnershipFactory,
    PointOfContactFactory,
    ProgramFactory,
    SchoolFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Status = Partnership.Status
PRIMARY = PointOfContact.Role.PRIMARY
BACKUP = PointOfContact.Role.BACKUP


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def messages(error: pytest.ExceptionInfo) -> list[str]:
    return error.value.messages


def current_primary(partnership, side):
    return PointOfContact.objects.filter(partnership=partnership, side=side).current().primary().get()


# Creating and editing ----------------------------------------------------------------------------


def test_partnership_create_starts_a_named_prospect_with_its_programs(coordinator):
    school, business = SchoolFactory(name="Northside High"), BusinessFactory(name="Finch Labs")
    internships = ProgramFactory(name="Internships")

    partnership = services.partnership_create(by=coordinator, school=school, business=business, programs=[internships])

    assert partnership.status == Status.PROSPECT
    assert partnership.name == "Northside High × Finch Labs"
    assert partnership.created_by == coordinator
    assert list(partnership.programs.all()) == [internships]


def test_partnership_create_accepts_the_district_as_the_school_side(coordinator):
    partnership = services.partnership_create(
        by=coordinator, school=DistrictFactory(), business=BusinessFactory(), name="  District-wide careers  "
    )

    assert partnership.name == "District-wide careers"


def test_partnership_create_refuses_sides_of_the_wrong_kind(coordinator):
    with pytest.raises(ValidationError) as error:
        services.partnership_create(by=coordinator, school=BusinessFactory(), business=SchoolFactory())

    assert set(error.value.message_dict) == {"school", "business"}
    assert not Partnership.objects.exists()


def test_partnership_update_refuses_to_change_the_status(coordinator):
    partnership = PartnershipFactory()

    with pytest.raises(ValueError):
        services.partnership_update(partnership=partnership, by=coordinator, status=Status.ACTIVE)

    partnership.refresh_from_db()
    assert partnership.status == Status.PROSPECT


def test_partnership_update_names_a_partnership_whose_name_was_cleared(coordinator):
    partnership = PartnershipFactory(school__name="Northside High", business__name="Finch Labs", name="Old name")

    services.partnership_update(partnership=partnership, by=coordinator, name="  ", notes="Renewed")

    partnership.refresh_from_db()
    assert (partnership.name, partnership.notes) == ("Northside High × Finch Labs", "Renewed")


def test_partnership_update_refuses_an_end_before_the_start(coordinator):
    partnership = PartnershipFactory()

    with pytest.raises(ValidationError):
        services.partnership_update(
            partnership=partnership, by=coordinator, start_date=days_ago(1), end_date=days_ago(10)
        )


# The lifecycle -------------------------------------------------------------------------------------

ALL_PAIRS = list(itertools.product(Status.values, Status.values))
ALLOWED_PAIRS = [(a, b) for a, b in ALL_PAIRS if b in Partnership.TRANSITIONS[a]]
REFUSED_PAIRS = [(a, b) for a, b in ALL_PAIRS if b not in Partnership.TRANSITIONS[a]]


def test_lifecycle_allows_exactly_the_designed_moves():
    assert set(ALLOWED_PAIRS) == {
        ("prospect", "onboarding"),
        ("prospect", "ended"),
        ("onboarding", "active"),
        ("onboarding", "prospect"),
        ("onboarding", "ended"),
        ("active", "paused"),
        ("active", "ended"),
        ("paused", "active"),
        ("paused", "ended"),
    }


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED_PAIRS)
def test_allowed_transition_changes_status_and_records_who_and_why(coordinator, from_status, to_status):
    partnership = active_partnership(status=from_status)

    services.partnership_transition(partnership=partnership, to_status=to_status, by=coordinator, reason="Board vote")

    partnership.refresh_from_db()
    assert partnership.status == to_status
    change = StatusChange.objects.get(partnership=partnership)
    assert (change.from_status, change.to_status) == (from_status, to_status)
    assert change.changed_by == coordinator
    assert change.reason == "Board vote"


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED_PAIRS)
def test_refused_transition_names_what_the_partnership_can_move_to(coordinator, from_status, to_status):
    partnership = active_partnership(status=from_status)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=to_status, by=coordinator)

    allowed = ", ".join(Status(s).label for s in Partnership.TRANSITIONS[from_status]) or "nothing (it has ended)"
    (message,) = messages(error)
    assert f"cannot become {Status(to_status).label.lower()}" in message
    assert f"It can move to: {allowed}." in message
    partnership.refresh_from_db()
    assert partnership.status == from_status
    assert not StatusChange.objects.filter(partnership=partnership).exists()


def test_activation_is_refused_without_a_school_side_primary(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        "There is no primary point of contact on the school side. Add one under People.",
    ]
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING


def test_activation_is_refused_without_a_business_side_primary_naming_the_business(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING, business__name="Lakeside Robotics")
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        "There is no primary point of contact at Lakeside Robotics. Add one under People.",
    ]
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING


def test_activation_is_refused_without_either_primary_listing_both_reasons(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING, business__name="Lakeside Robotics")

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        "There is no primary point of contact on the school side. Add one under People.",
        "There is no primary point of contact at Lakeside Robotics. Add one under People.",
    ]
    assert not StatusChange.objects.filter(partnership=partnership).exists()


def test_activation_does_not_count_backups_or_ended_primaries(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING)
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL, role=BACKUP)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, end_date=days_ago(1))

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert len(messages(error)) == 3


def test_activation_with_both_primaries_succeeds(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING)

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.status == Status.ACTIVE
    assert Partnership.objects.get(pk=partnership.pk).status == Status.ACTIVE


def test_activation_sets_the_start_date_when_it_is_empty(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING, start_date=None)

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.start_date == today()


def test_activation_keeps_a_start_date_that_was_already_set(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING, start_date=days_ago(10))

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.start_date == days_ago(10)


def test_activation_before_the_planned_start_starts_today(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING, start_date=days_ago(-30))

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.start_date == today()


def test_ending_before_the_planned_end_ends_today(coordinator):
    partnership = active_partnership(start_date=days_ago(100), end_date=days_ago(-100))

    services.partnership_transition(partnership=partnership, to_status=Status.ENDED, by=coordinator)

    assert partnership.end_date == today()


def test_ending_sets_the_end_date_when_it_is_empty(coordinator):
    partnership = active_partnership(start_date=days_ago(100))

    services.partnership_transition(partnership=partnership, to_status=Status.ENDED, by=coordinator)

    assert partnership.end_date == today()


# The charter ---------------------------------------------------------------------------------------


def test_charter_publish_numbers_versions_and_keeps_old_versions_unchanged(coordinator):
    partnership = PartnershipFactory()

    first = services.charter_publish(
        partnership=partnership,
        by=coordinator,
        vision="  Students meet engineers.  ",
        priorities=[{"district_goal": "Career readiness", "company_goal": "Future hires", "tags": "STEM, ,workforce "}],
    )
    second = services.charter_publish(
        partnership=partnership,
        by=coordinator,
        vision="Students build robots.",
        change_note="Added robotics",
        priorities=[
            {"district_goal": "Hands-on STEM", "company_goal": "Brand in schools"},
            {"district_goal": "Internships", "company_goal": "Pipeline"},
        ],
    )
    third = services.charter_publish(partnership=partnership, by=coordinator, vision="Students run a company.")

    assert [first.version, second.version, third.version] == [1, 2, 3]
    first.refresh_from_db()
    assert first.vision == "Students meet engineers."
    assert first.created_by == coordinator
    assert [(p.district_goal, p.company_goal, p.tags) for p in first.priorities.all()] == [
        ("Career readiness", "Future hires", "STEM, workforce")
    ]
    assert [(p.district_goal, p.position) for p in second.priorities.all()] == [
        ("Hands-on STEM", 0),
        ("Internships", 1),
    ]
    assert second.change_note == "Added robotics"
    assert not third.priorities.exists()
    assert Charter.objects.filter(partnership=partnership).count() == 3


def test_charter_publish_keeps_the_acknowledgment_of_the_old_version(coordinator, partner_a, business_a):
    partnership = PartnershipFactory(business=business_a)
    first = services.charter_publish(partnership=partnership, by=coordinator, vision="One")
    services.charter_acknowledge(charter=first, by=partner_a)

    second = services.charter_publish(partnership=partnership, by=coordinator, vision="Two")

    first.refresh_from_db()
    assert first.acknowledged_by == partner_a
    assert not second.is_acknowledged


def test_charter_versions_count_per_partnership(coordinator):
    services.charter_publish(partnership=PartnershipFactory(), by=coordinator, vision="Elsewhere")

    charter = services.charter_publish(partnership=PartnershipFactory(), by=coordinator, vision="Here")

    assert charter.version == 1


@pytest.mark.parametrize("vision", ["", "   \n "])
def test_charter_publish_refuses_an_empty_vision(coordinator, vision):
    partnership = PartnershipFactory()

    with pytest.raises(ValidationError) as error:
        services.charter_publish(partnership=partnership, by=coordinator, vision=vision)

    assert "vision" in error.value.message_dict
    assert not Charter.objects.filter(partnership=partnership).exists()


def test_charter_acknowledge_records_who_and_when(partner_a, business_a):
    charter = CharterFactory(partnership__business=business_a)
    before = timezone.now()

    services.charter_acknowledge(charter=charter, by=partner_a)

    assert charter.acknowledged_by == partner_a
    assert before <= charter.acknowledged_at <= timezone.now()


def test_charter_acknowledge_twice_keeps_the_first_acknowledgment(partner_a, business_a):
    charter = CharterFactory(partnership__business=business_a)
    colleague = PartnerMembershipFactory(organization=business_a).user
    services.charter_acknowledge(charter=charter, by=partner_a)
    first_at = charter.acknowledged_at

    services.charter_acknowledge(charter=charter, by=colleague)

    assert (charter.acknowledged_by, charter.acknowledged_at) == (partner_a, first_at)


def test_charter_acknowledge_refuses_someone_outside_the_business(partner_b, coordinator, business_a):
    charter = CharterFactory(partnership__business=business_a)

    for outsider in (partner_b, coordinator):
        with pytest.raises(ValidationError, match="Only someone at Acme Tools"):
            services.charter_acknowledge(charter=charter, by=outsider)

    charter.refresh_from_db()
    assert charter.acknowledged_at is None


def test_charter_acknowledge_refuses_an_older_version(partner_a, business_a):
    old = CharterFactory(partnership__business=business_a)
    CharterFactory(partnership=old.partnership)

    with pytest.raises(ValidationError) as error:
        services.charter_acknowledge(charter=old, by=partner_a)

    assert messages(error) == ["Version 1 has been replaced by version 2: acknowledge that one."]
    old.refresh_from_db()
    assert old.acknowledged_at is None


# Points of contact ---------------------------------------------------------------------------------


def test_poc_assign_names_a_primary_from_today(coordinator):
    partnership = PartnershipFactory()
    contact = ContactFactory(organization=partnership.business)

    poc = services.poc_assign(
        partnership=partnership, side=Side.BUSINESS, contact=contact, role=PRIMARY, by=coordinator
    )

    assert (poc.partnership, poc.side, poc.contact, poc.role) == (partnership, Side.BUSINESS, contact, PRIMARY)
    assert poc.start_date == today()
    assert poc.end_date is None


def test_poc_assign_refuses_a_second_primary_on_a_side_naming_the_current_one(coordinator):
    partnership = active_partnership()
    current = current_primary(partnership, Side.BUSINESS)
    newcomer = ContactFactory(organization=partnership.business)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=newcomer, role=PRIMARY, by=coordinator)

    assert error.value.message_dict == {
        "role": [f"{current.contact} is the primary contact on this side. Hand off from them instead."]
    }
    assert current_primary(partnership, Side.BUSINESS) == current


def test_poc_assign_allows_a_backup_next_to_the_primary(coordinator):
    partnership = active_partnership()
    backup = ContactFactory(organization=partnership.business)

    poc = services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=backup, role=BACKUP, by=coordinator)

    assert poc.role == BACKUP
    assert PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).current().count() == 2


def test_poc_assign_refuses_the_same_person_twice_on_a_side(coordinator):
    partnership = active_partnership()
    current = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(
            partnership=partnership, side=Side.BUSINESS, contact=current.contact, role=BACKUP, by=coordinator
        )

    assert "already a point of contact" in error.value.message_dict["contact"][0]


def test_poc_assign_refuses_a_contact_from_another_business(coordinator, business_b):
    partnership = PartnershipFactory(business__name="Lakeside Robotics")
    outsider = ContactFactory(organization=business_b)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=outsider, role=PRIMARY, by=coordinator)

    assert error.value.message_dict == {"contact": [f"{outsider} does not work at Lakeside Robotics."]}
    assert not PointOfContact.objects.filter(partnership=partnership).exists()


def test_poc_assign_refuses_a_business_person_on_the_school_side(coordinator):
    partnership = PartnershipFactory()
    business_person = ContactFactory(organization=partnership.business)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(
            partnership=partnership, side=Side.SCHOOL, contact=business_person, role=PRIMARY, by=coordinator
        )

    assert error.value.message_dict == {
        "contact": [f"{business_person} does not work at {partnership.school.name} or the district."]
    }


def test_poc_assign_refuses_a_teacher_from_another_school(coordinator):
    partnership = PartnershipFactory()
    teacher = ContactFactory(organization=SchoolFactory())

    with pytest.raises(ValidationError):
        services.poc_assign(partnership=partnership, side=Side.SCHOOL, contact=teacher, role=PRIMARY, by=coordinator)


def test_poc_assign_accepts_district_staff_on_the_school_side(coordinator):
    partnership = PartnershipFactory()
    district_person = ContactFactory(organization=DistrictFactory())

    poc = services.poc_assign(
        partnership=partnership, side=Side.SCHOOL, contact=district_person, role=PRIMARY, by=coordinator
    )

    assert poc.contact == district_person


def test_poc_assign_refuses_an_inactive_contact(coordinator):
    partnership = PartnershipFactory()
    former = ContactFactory(organization=partnership.business, active=False)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=former, role=BACKUP, by=coordinator)

    assert error.value.message_dict == {"contact": [f"{former} is no longer active: choose someone who is."]}


# Handoffs ------------------------------------------------------------------------------------------


def test_handoff_ends_the_old_post_and_starts_the_successors_on_the_date(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(organization=partnership.business)
    handoff_date = days_ago(5)

    handoff = services.poc_handoff(poc=old, successor=successor, by=coordinator, date=handoff_date, notes="Met twice")

    old.refresh_from_db()
    assert old.end_date == handoff_date
    new = current_primary(partnership, Side.BUSINESS)
    assert (new.contact, new.role, new.start_date, new.end_date) == (successor, PRIMARY, handoff_date, None)
    assert (handoff.partnership, handoff.side, handoff.from_poc, handoff.to_poc) == (
        partnership,
        Side.BUSINESS,
        old,
        new,
    )
    assert (handoff.date, handoff.notes, handoff.recorded_by) == (handoff_date, "Met twice", coordinator)


def test_handoff_defaults_to_today(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.SCHOOL)

    handoff = services.poc_handoff(poc=old, successor=ContactFactory(organization=partnership.school), by=coordinator)

    assert handoff.date == today()
    assert current_primary(partnership, Side.SCHOOL) == handoff.to_poc


def test_handoff_of_a_backup_post_passes_on_the_backup_role(coordinator):
    partnership = active_partnership()
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    handoff = services.poc_handoff(
        poc=backup, successor=ContactFactory(organization=partnership.business), by=coordinator
    )

    assert handoff.to_poc.role == BACKUP


def test_handoff_records_open_goals_commitments_and_unacknowledged_charter(coordinator):
    partnership = active_partnership()
    GoalFactory(partnership=partnership, description="Place 12 interns", status=Goal.Status.ON_TRACK)
    GoalFactory(partnership=partnership, description="Done already", status=Goal.Status.ACHIEVED)
    CommitmentFactory(partnership=partnership, description="40 mentoring hours", party=Side.BUSINESS)
    CommitmentFactory(partnership=partnership, description="Given", status=Commitment.Status.FULFILLED)
    CharterFactory(partnership=partnership)
    old = current_primary(partnership, Side.BUSINESS)

    handoff = services.poc_handoff(poc=old, successor=ContactFactory(organization=partnership.business), by=coordinator)

    assert handoff.open_items == [
        "Goal: Place 12 interns",
        "Commitment (Business side): 40 mentoring hours",
        "Charter version 1 is waiting for the business's acknowledgment.",
    ]


def test_handoff_does_not_list_an_acknowledged_charter(coordinator, partner_a, business_a):
    partnership = active_partnership(business=business_a)
    services.charter_acknowledge(charter=CharterFactory(partnership=partnership), by=partner_a)
    old = current_primary(partnership, Side.BUSINESS)

    handoff = services.poc_handoff(poc=old, successor=ContactFactory(organization=partnership.business), by=coordinator)

    assert handoff.open_items == []


def test_handoff_refuses_the_same_person(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=old.contact, by=coordinator)

    assert "successor" in error.value.message_dict
    assert not Handoff.objects.exists()


def test_handoff_refuses_a_future_date(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(organization=partnership.business)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=successor, by=coordinator, date=today() + datetime.timedelta(days=1))

    assert "date" in error.value.message_dict
    assert current_primary(partnership, Side.BUSINESS) == old


def test_handoff_refuses_a_date_before_the_post_began(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(
            poc=old,
            successor=ContactFactory(organization=partnership.business),
            by=coordinator,
            date=old.start_date - datetime.timedelta(days=1),
        )

    assert "date" in error.value.message_dict


def test_handoff_refuses_a_post_that_has_already_ended(coordinator):
    partnership = active_partnership()
    ended = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, end_date=days_ago(3))

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=ended, successor=ContactFactory(organization=partnership.business), by=coordinator)

    assert f"{ended.contact} already handed this over on" in messages(error)[0]


def test_handoff_refuses_a_successor_from_another_organization(coordinator, business_b):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=ContactFactory(organization=business_b), by=coordinator)

    assert "successor" in error.value.message_dict
    assert current_primary(partnership, Side.BUSINESS) == old


def test_handoff_refuses_an_inactive_successor(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    former = ContactFactory(organization=partnership.business, active=False)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=former, by=coordinator)

    assert "successor" in error.value.message_dict


def test_handoff_ends_the_successors_earlier_backup_post_on_that_side(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)
    handoff_date = days_ago(2)

    services.poc_handoff(poc=old, successor=backup.contact, by=coordinator, date=handoff_date)

    backup.refresh_from_db()
    assert backup.end_date == handoff_date
    posts = PointOfContact.objects.filter(partnership=partnership, contact=backup.contact, end_date__isnull=True)
    assert [(p.role, p.start_date) for p in posts] == [(PRIMARY, handoff_date)]


def test_handoff_dated_before_the_successors_backup_post_began_is_refused_with_the_reason(coordinator):
    # The backup post began yesterday; a handoff dated a week ago would have them take over before they
    # were there at all. It is refused in words, not with a database error, and nothing changes.
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP, start_date=days_ago(1))

    with pytest.raises(ValidationError) as refusal:
        services.poc_handoff(poc=old, successor=backup.contact, by=coordinator, date=days_ago(7))

    assert "choose that day or later" in str(refusal.value)
    backup.refresh_from_db()
    assert backup.end_date is None
    assert current_primary(partnership, Side.BUSINESS) == old


def test_handing_a_backup_post_to_the_current_primary_never_leaves_the_side_without_a_primary(coordinator):
    partnership = active_partnership()
    primary = current_primary(partnership, Side.BUSINESS)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    with pytest.raises(ValidationError, match="already the primary contact"):
        services.poc_handoff(poc=backup, successor=primary.contact, by=coordinator)

    assert Partnership.objects.filter(pk=partnership.pk).missing_primary_contact().count() == 0
    assert current_primary(partnership, Side.BUSINESS).contact == primary.contact


def test_handoff_emails_outgoing_incoming_and_the_other_sides_primary_after_commit(
    coordinator, django_capture_on_commit_callbacks
):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    other_side = current_primary(partnership, Side.SCHOOL)
    successor = ContactFactory(organization=partnership.business, first_name="Nadia", last_name="Newcomer")

    with django_capture_on_commit_callbacks(execute=True):
        services.poc_handoff(poc=old, successor=successor, by=coordinator)
        assert mail.outbox == []  # nothing leaves before the transaction commits

    (message,) = mail.outbox
    assert sorted(message.to) == sorted([old.contact.email, successor.email, other_side.contact.email])
    assert partnership.name in message.subject
    assert "Nadia Newcomer" in message.body


@pytest.mark.parametrize("broker_error", [ConnectionError("broker down"), OperationalError("broker down")])
def test_handoff_succeeds_when_the_broker_is_down(coordinator, django_capture_on_commit_callbacks, broker_error):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(organization=partnership.business)

    with (
        mock.patch.object(send_handoff_notice, "delay", side_effect=broker_error) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        handoff = services.poc_handoff(poc=old, successor=successor, by=coordinator)

    delay.assert_called_once_with(handoff.pk)
    assert Handoff.objects.filter(pk=handoff.pk).exists()
    assert current_primary(partnership, Side.BUSINESS).contact == successor
    assert mail.outbox == []


# Ending a post -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.ACTIVE, Status.PAUSED])
def test_poc_end_refuses_removing_the_primary_of_a_live_partnership(coordinator, status):
    partnership = active_partnership(status=status)
    primary = current_primary(partnership, Side.SCHOOL)

    with pytest.raises(ValidationError) as error:
        services.poc_end(poc=primary, by=coordinator)

    (message,) = messages(error)
    assert f"hand off from {primary.contact} to a successor instead" in message
    assert "school side" in message
    primary.refresh_from_db()
    assert primary.end_date is None


def test_poc_end_allows_removing_a_backup_of_an_active_partnership(coordinator):
    partnership = active_partnership()
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    services.poc_end(poc=backup, by=coordinator)

    backup.refresh_from_db()
    assert backup.end_date == today()


@pytest.mark.parametrize("status", [Status.PROSPECT, Status.ONBOARDING])
def test_poc_end_allows_removing_the_primary_before_the_partnership_is_live(coordinator, status):
    partnership = active_partnership(status=status)
    primary = current_primary(partnership, Side.BUSINESS)

    services.poc_end(poc=primary, by=coordinator)

    primary.refresh_from_db()
    assert primary.end_date == today()
    assert not PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).current().exists()


def test_poc_end_never_ends_a_post_before_it_began(coordinator):
    partnership = PartnershipFactory()
    poc = PointOfContactFactory(partnership=partnership, start_date=days_ago(1))

    services.poc_end(poc=poc, by=coordinator, date=days_ago(5))

    poc.refresh_from_db()
    assert poc.end_date == days_ago(1)


@pytest.mark.parametrize("status", list(Status))
def test_poc_end_refuses_a_date_in_the_future_on_every_partnership(coordinator, status):
    """Hole: a prospect's primary "ending next week" let it be activated today and lose its primary later."""
    partnership = active_partnership(status=status)
    backup = PointOfContactFactory(partnership=partnership, side=Side.SCHOOL, role=BACKUP)

    with pytest.raises(ValidationError) as error:
        services.poc_end(poc=backup, by=coordinator, date=days_ago(-5))

    assert error.value.message_dict == {"date": ["Record the end once it happens: choose today or earlier."]}
    backup.refresh_from_db()
    assert backup.end_date is None


def test_a_prospect_whose_primary_ended_cannot_be_activated_until_someone_takes_over(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING)
    primary = current_primary(partnership, Side.SCHOOL)
    services.poc_end(poc=primary, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert "There is no primary point of contact on the school side. Add one under People." in messages(error)


def test_activation_refuses_a_primary_whose_post_is_recorded_to_end_later(coordinator):
    """An old row may still carry an end ahead of today: active must mean a primary on every day."""
    partnership = active_partnership(status=Status.ONBOARDING)
    primary = current_primary(partnership, Side.BUSINESS)
    PointOfContact.objects.filter(pk=primary.pk).update(end_date=days_ago(-7))

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        f"{primary.contact}'s post as primary contact at {partnership.business.name} ends on "
        f"{days_ago(-7):%d %b %Y}: hand it off to a successor first.",
    ]
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING


def test_poc_end_refuses_a_post_that_has_already_ended(coordinator):
    poc = PointOfContactFactory(end_date=days_ago(2))

    with pytest.raises(ValidationError):
        services.poc_end(poc=poc, by=coordinator)

    poc.refresh_from_db()
    assert poc.end_date == days_ago(2)


# Someone leaves ------------------------------------------------------------------------------------


def _person_with_posts():
    """A business person who is primary in an active and a paused partnership, backup in another,
    and primary in a prospect: only the first two need a successor."""
    person = ContactFactory(first_name="Lee", last_name="Leaving")
    business = person.organization
    live = [
        active_partnership(business=business, name="Alpha program"),
        active_partnership(business=business, name="Beta program", status=Status.PAUSED),
    ]
    live_posts = []
    for partnership in live:
        current_primary(partnership, Side.BUSINESS).delete()
        live_posts.append(PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, contact=person))
    backup_in = active_partnership(business=business, name="Gamma program")
    backup_post = PointOfContactFactory(partnership=backup_in, side=Side.BUSINESS, contact=person, role=BACKUP)
    prospect = PartnershipFactory(business=business, name="Delta program")
    prospect_post = PointOfContactFactory(partnership=prospect, side=Side.BUSINESS, contact=person)
    return person, live_posts, [backup_post, prospect_post]


def test_contact_deactivate_refuses_without_successors_listing_each_live_partnership(coordinator):
    person, live_posts, other_posts = _person_with_posts()

    with pytest.raises(ValidationError) as error:
        services.contact_deactivate(contact=person, by=coordinator)

    assert sorted(messages(error)) == [
        "Name a successor for Lee Leaving as primary contact of Alpha program.",
        "Name a successor for Lee Leaving as primary contact of Beta program.",
    ]
    person.refresh_from_db()
    assert person.active
    assert PointOfContact.objects.filter(contact=person, end_date__isnull=True).count() == 4
    assert not Handoff.objects.exists()


def test_contact_deactivate_with_a_missing_successor_changes_nothing(coordinator):
    person, live_posts, other_posts = _person_with_posts()
    successor = ContactFactory(organization=person.organization)

    with pytest.raises(ValidationError) as error:
        services.contact_deactivate(contact=person, by=coordinator, successors={live_posts[0].pk: successor})

    assert messages(error) == ["Name a successor for Lee Leaving as primary contact of Beta program."]
    assert PointOfContact.objects.filter(contact=person, end_date__isnull=True).count() == 4
    assert not Handoff.objects.exists()


def test_contact_deactivate_hands_off_live_posts_ends_the_others_and_deactivates(coordinator):
    person, live_posts, other_posts = _person_with_posts()
    first, second = ContactFactory(organization=person.organization), ContactFactory(organization=person.organization)

    services.contact_deactivate(
        contact=person, by=coordinator, successors={live_posts[0].pk: first, live_posts[1].pk: second}, notes="Retired"
    )

    person.refresh_from_db()
    assert not person.active
    assert not PointOfContact.objects.filter(contact=person, end_date__isnull=True).exists()
    for post, successor in zip(live_posts, [first, second], strict=True):
        handoff = Handoff.objects.get(from_poc=post)
        assert (handoff.to_poc.contact, handoff.notes, handoff.recorded_by) == (successor, "Retired", coordinator)
        assert current_primary(post.partnership, Side.BUSINESS).contact == successor
    for post in other_posts:
        post.refresh_from_db()
        assert post.end_date == today()
    assert Handoff.objects.count() == 2


def test_contact_deactivate_without_posts_just_deactivates(coordinator):
    person = ContactFactory()

    services.contact_deactivate(contact=person, by=coordinator)

    person.refresh_from_db()
    assert not person.active


# Commitments ---------------------------------------------------------------------------------------


def test_first_delivery_moves_a_planned_commitment_in_progress(coordinator):
    commitment = CommitmentFactory(amount=Decimal("10"))

    delivery = services.commitment_record_delivery(
        commitment=commitment, by=coordinator, amount=Decimal("4"), date=today(), note="First session"
    )

    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert (delivery.commitment, delivery.amount, delivery.note, delivery.recorded_by) == (
        commitment,
        Decimal("4"),
        "First session",
        coordinator,
    )


def test_a_once_commitment_is_fulfilled_when_deliveries_reach_the_amount(coordinator):
    commitment = CommitmentFactory(amount=Decimal("10"), cadence=Commitment.Cadence.ONCE)
    services.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("4"), date=days_ago(3))

    services.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("6"), date=today())

    assert commitment.status == Commitment.Status.FULFILLED


def test_a_recurring_commitment_stays_in_progress_past_the_amount(coordinator):
    commitment = CommitmentFactory(amount=Decimal("2"), cadence=Commitment.Cadence.WEEKLY)

    services.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("5"), date=today())

    assert commitment.status == Commitment.Status.IN_PROGRESS


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), None])
def test_delivery_refuses_zero_or_negative_amounts(coordinator, amount):
    commitment = CommitmentFactory()

    with pytest.raises(ValidationError) as error:
        services.commitment_record_delivery(commitment=commitment, by=coordinator, amount=amount, date=today())

    assert "amount" in error.value.message_dict
    assert not commitment.deliveries.exists()


def test_delivery_refuses_a_future_date(coordinator):
    commitment = CommitmentFactory()

    with pytest.raises(ValidationError) as error:
        services.commitment_record_delivery(
            commitment=commitment, by=coordinator, amount=Decimal("1"), date=today() + datetime.timedelta(days=1)
        )

    assert "date" in error.value.message_dict
    assert not commitment.deliveries.exists()


@pytest.mark.parametrize("status", [Commitment.Status.FULFILLED, Commitment.Status.MISSED, Commitment.Status.CANCELLED])
def test_delivery_refuses_a_closed_commitment(coordinator, status):
    commitment = CommitmentFactory(status=status)

    with pytest.raises(ValidationError) as error:
        services.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("1"), date=today())

    assert messages(error) == [
        f"This commitment is {Commitment.Status(status).label.lower()}; reopen it to record more."
    ]
    assert not commitment.deliveries.exists()


# The database backs the rules ------------------------------------------------------------------------


def test_database_refuses_a_second_current_primary_on_a_side():
    partnership = active_partnership()

    with pytest.raises(IntegrityError), transaction.atomic():
        PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=PRIMARY)

    assert PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).count() == 1


def test_database_allows_a_current_primary_next_to_ended_primaries_and_backups():
    partnership = active_partnership()
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=PRIMARY, end_date=days_ago(1))
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    assert PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).count() == 3


def test_changing_the_business_of_a_partnership_with_current_contacts_is_refused(coordinator):
    partnership = active_partnership()
    original = partnership.business

    with pytest.raises(ValidationError) as refusal:
        services.partnership_update(partnership=partnership, by=coordinator, business=BusinessFactory())

    assert "Hand them off" in str(refusal.value)
    assert Partnership.objects.get(pk=partnership.pk).business == original


def test_changing_the_business_of_a_partnership_without_contacts_is_allowed(coordinator):
    partnership = PartnershipFactory()
    new_business = BusinessFactory()

    services.partnership_update(partnership=partnership, by=coordinator, business=new_business)

    assert Partnership.objects.get(pk=partnership.pk).business == new_business


# Organizations ---------------------------------------------------------------------------------------


def test_an_organization_in_a_partnership_keeps_its_kind(coordinator):
    partnership = active_partnership()
    business = partnership.business

    with pytest.raises(ValidationError) as error:
        services.organization_update(organization=business, by=coordinator, kind="school")

    assert error.value.message_dict["kind"] == [
        f"{business.name} takes part in partnerships or has students, so it stays a business. "
        "Add the other organization on its own instead."
    ]
    business.refresh_from_db()
    assert business.kind == "business"


def test_an_organization_nobody_uses_yet_may_change_kind_and_any_may_change_its_name(coordinator):
    unused = BusinessFactory(name="Typo Co")
    services.organization_update(organization=unused, by=coordinator, kind="school", sector="")
    assert unused.kind == "school"

    school = active_partnership().school
    services.organization_update(organization=school, by=coordinator, name="Renamed High")
    school.refresh_from_db()
    assert school.name == "Renamed High"
