"""Invitations and the end of portal access (partnerships/invitations/services.py): each rule, and each
refusal, which changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import SignedLink, User
from partnerships.invitations import services
from partnerships.invitations.selectors import INVITATION_LINK, pending_invitations
from partnerships.models import PartnerMembership
from tests.factories import (
    PASSWORD,
    BusinessFactory,
    ContactFactory,
    PartnerMembershipFactory,
    SchoolFactory,
    UserFactory,
)
from tests.factories.invitations import InvitationFactory
from tests.helpers import messages

pytestmark = pytest.mark.django_db

ADMIN = PartnerMembership.Role.ADMIN
MENTOR = PartnerMembership.Role.MENTOR
NEW_PASSWORD = "a-long-enough-secret-41"


def invite(by, organization, email="dana.lee@example.test", role=MENTOR, **kwargs) -> SignedLink:
    return services.invitation_create(organization=organization, email=email, role=role, by=by, **kwargs)


def accept_new(link, first_name="Dana", last_name="Lee", password=NEW_PASSWORD) -> PartnerMembership:
    return services.invitation_accept_new(link=link, first_name=first_name, last_name=last_name, password=password)


def membership(user, organization) -> PartnerMembership:
    return PartnerMembership.objects.get(user=user, organization=organization)


def end(member: PartnerMembership) -> PartnerMembership:
    member.active = False
    member.deactivated_at = timezone.now()
    member.save()
    return member


# Inviting -------------------------------------------------------------------------------------------


def test_a_coordinator_invites_a_contact_with_a_link_of_ids_for_seven_days(coordinator, business_a):
    contact = ContactFactory(organization=business_a, first_name="Dana", last_name="Lee")

    link = invite(coordinator, business_a, email="  Dana.Lee@Example.TEST ", role=ADMIN, contact=contact)

    assert link.purpose == INVITATION_LINK
    assert link.payload == {"organization": business_a.pk, "role": "admin", "contact": contact.pk}
    assert (link.recipient_email, link.recipient_name) == ("dana.lee@example.test", "Dana Lee")
    assert link.created_by == coordinator
    assert link.expires_at - link.created_at == pytest.approx(
        datetime.timedelta(days=7), abs=datetime.timedelta(seconds=5)
    )
    assert list(pending_invitations(business_a)) == [link]


def test_a_partner_administrator_invites_a_colleague_of_their_own_business(partner_a, business_a):
    link = invite(partner_a, business_a, role=ADMIN)

    assert link.created_by == partner_a
    assert link.payload["role"] == "admin"


@pytest.mark.parametrize("who", ["mentor", "other_business_admin", "ended_admin", "stranger"])
def test_nobody_else_may_invite_to_a_business(who, business_a, business_b):
    user = UserFactory()
    if who == "mentor":
        PartnerMembershipFactory(user=user, organization=business_a, role=MENTOR)
    elif who == "other_business_admin":
        PartnerMembershipFactory(user=user, organization=business_b, role=ADMIN)
    elif who == "ended_admin":
        end(PartnerMembershipFactory(user=user, organization=business_a, role=ADMIN))

    with pytest.raises(ValidationError) as refused:
        invite(user, business_a)

    assert messages(refused) == ["Only a coordinator or an administrator of Acme Tools can change who uses its portal."]
    assert not SignedLink.objects.exists()


def test_someone_who_already_uses_the_portal_is_not_invited_again(coordinator, partner_a, business_a):
    with pytest.raises(ValidationError) as refused:
        invite(coordinator, business_a, email="PARTNER.A@example.test")

    assert refused.value.message_dict == {"email": ["partner.a@example.test already uses the portal for Acme Tools."]}
    assert not SignedLink.objects.exists()


def test_someone_whose_access_ended_may_be_invited_again(coordinator, partner_a, business_a):
    end(membership(partner_a, business_a))

    link = invite(coordinator, business_a, email=partner_a.email)

    assert link.recipient_email == partner_a.email


def test_an_account_that_is_switched_off_is_not_invited(coordinator, business_a):
    UserFactory(email="gone@example.test", is_active=False)

    with pytest.raises(ValidationError) as refused:
        invite(coordinator, business_a, email="gone@example.test")

    assert "switched off" in refused.value.message_dict["email"][0]


def test_only_businesses_have_portal_users(coordinator):
    school = SchoolFactory(name="Lincoln High")

    with pytest.raises(ValidationError) as refused:
        invite(coordinator, school)

    assert messages(refused) == ["Lincoln High is not a business: only businesses use the portal."]


def test_the_role_email_and_contact_must_make_sense(coordinator, business_a, business_b):
    with pytest.raises(ValidationError) as refused:
        invite(coordinator, business_a, email="", role="owner", contact=ContactFactory(organization=business_b))

    assert set(refused.value.message_dict) == {"role", "email", "contact"}
    assert not SignedLink.objects.exists()


def test_a_new_invitation_of_the_same_person_replaces_the_earlier_one(coordinator, business_a):
    first = invite(coordinator, business_a, email="dana@example.test")
    other = invite(coordinator, business_a, email="sam@example.test")

    second = invite(coordinator, business_a, email="DANA@example.test", role=ADMIN)

    first.refresh_from_db()
    assert first.is_expired
    assert set(pending_invitations(business_a)) == {second, other}


# Withdrawing ----------------------------------------------------------------------------------------


def test_an_administrator_withdraws_an_invitation_and_its_link_stops_working(partner_a, business_a):
    link = invite(partner_a, business_a)

    services.invitation_cancel(link=link, by=partner_a)

    link.refresh_from_db()
    assert link.is_expired and not link.is_used
    assert not pending_invitations(business_a).exists()


def test_a_mentor_cannot_withdraw_an_invitation(partner_a, business_a):
    link = invite(partner_a, business_a)
    mentor = PartnerMembershipFactory(organization=business_a, role=MENTOR).user

    with pytest.raises(ValidationError):
        services.invitation_cancel(link=link, by=mentor)

    assert pending_invitations(business_a).get() == link


def test_an_accepted_invitation_cannot_be_withdrawn(coordinator, business_a):
    link = invite(coordinator, business_a)
    accept_new(link)

    with pytest.raises(ValidationError) as refused:
        services.invitation_cancel(link=link, by=coordinator)

    assert messages(refused) == ["dana.lee@example.test has already accepted this invitation."]


# Accepting with a new account ------------------------------------------------------------------------


def test_accepting_creates_the_account_and_the_membership_and_uses_the_link_up(coordinator, business_a):
    contact = ContactFactory(organization=business_a, email="dana.lee@example.test")
    link = invite(coordinator, business_a, email="Dana.Lee@example.test", role=ADMIN, contact=contact)

    member = accept_new(link, first_name=" Dana ", last_name="Lee")

    user = member.user
    assert (user.email, user.first_name, user.last_name) == ("dana.lee@example.test", "Dana", "Lee")
    assert user.check_password(NEW_PASSWORD)
    assert (member.organization, member.role, member.active, member.invited_by) == (
        business_a,
        ADMIN,
        True,
        coordinator,
    )
    link.refresh_from_db()
    assert link.is_used
    contact.refresh_from_db()
    assert contact.user == user


def test_an_invitation_works_once(coordinator, business_a):
    link = invite(coordinator, business_a)
    accept_new(link)

    with pytest.raises(ValidationError) as refused:
        accept_new(link, first_name="Someone", last_name="Else")

    assert messages(refused) == ["This invitation has already been used."]
    assert User.objects.filter(email="dana.lee@example.test").count() == 1


def test_an_expired_invitation_changes_nothing(coordinator, business_a):
    link = InvitationFactory(organization=business_a, created_by=coordinator, expires_at=timezone.now())

    with pytest.raises(ValidationError) as refused:
        accept_new(link)

    assert messages(refused) == ["This invitation has expired. Ask whoever sent it for a new one."]
    assert not User.objects.filter(email=link.recipient_email).exists()


def test_a_link_never_sets_the_password_of_an_account_that_exists(coordinator, business_a):
    existing = UserFactory(email="dana.lee@example.test")
    link = invite(coordinator, business_a, email="DANA.LEE@example.test")

    with pytest.raises(ValidationError) as refused:
        accept_new(link)

    assert "already a SchoolBridge account" in messages(refused)[0]
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert not PartnerMembership.objects.filter(user=existing).exists()
    link.refresh_from_db()
    assert not link.is_used


def test_a_weak_password_or_a_missing_name_is_refused_per_field(coordinator, business_a):
    link = invite(coordinator, business_a)

    with pytest.raises(ValidationError) as refused:
        accept_new(link, first_name="", last_name=" ", password="1234")

    assert set(refused.value.message_dict) == {"first_name", "last_name", "password"}
    assert not User.objects.filter(email="dana.lee@example.test").exists()
    link.refresh_from_db()
    assert not link.is_used


@pytest.mark.parametrize("change", ["account_off", "membership_ended", "now_a_mentor"])
def test_an_invitation_from_an_administrator_deactivated_since_no_longer_works(change, partner_a, business_a):
    link = invite(partner_a, business_a)
    sent_by = membership(partner_a, business_a)
    if change == "account_off":
        partner_a.is_active = False
        partner_a.save()
    elif change == "membership_ended":
        end(sent_by)
    else:
        sent_by.role = MENTOR
        sent_by.save()

    assert "no longer manages the team of Acme Tools" in services.invitation_problem(link)
    with pytest.raises(ValidationError) as refused:
        accept_new(link)

    assert "This invitation no longer works" in messages(refused)[0]
    assert not User.objects.filter(email="dana.lee@example.test").exists()
    link.refresh_from_db()
    assert not link.is_used


def test_an_invitation_from_a_coordinator_works_while_they_are_a_coordinator(coordinator, business_a):
    link = invite(coordinator, business_a)
    assert services.invitation_problem(link) is None

    coordinator.is_active = False
    coordinator.save()

    assert "no longer manages" in services.invitation_problem(link)


# Accepting with an account that exists ---------------------------------------------------------------


def test_a_partner_of_another_business_accepts_with_their_account(coordinator, partner_b, business_a):
    link = invite(coordinator, business_a, email=partner_b.email, role=ADMIN)

    member = services.invitation_accept(link=link, user=partner_b)

    assert (member.user, member.organization, member.role, member.invited_by) == (
        partner_b,
        business_a,
        ADMIN,
        coordinator,
    )
    assert PartnerMembership.objects.active().filter(user=partner_b).count() == 2
    partner_b.refresh_from_db()
    assert partner_b.check_password(PASSWORD)


def test_a_new_invitation_brings_an_ended_membership_back_with_its_role(partner_a, business_a, coordinator):
    colleague = PartnerMembershipFactory(organization=business_a, role=ADMIN)
    services.membership_deactivate(membership=colleague, by=partner_a)
    link = invite(partner_a, business_a, email=colleague.user.email, role=MENTOR)

    services.invitation_accept(link=link, user=colleague.user)

    colleague.refresh_from_db()
    assert (colleague.active, colleague.role, colleague.invited_by) == (True, MENTOR, partner_a)
    assert (colleague.deactivated_at, colleague.deactivated_by) == (None, None)
    assert PartnerMembership.objects.filter(user=colleague.user).count() == 1


def test_only_the_account_the_invitation_was_sent_to_can_accept_it(coordinator, partner_b, business_a):
    link = invite(coordinator, business_a, email="someone.else@example.test")

    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(link=link, user=partner_b)

    assert messages(refused) == [
        "This invitation is for someone.else@example.test. Sign in with that address to accept it."
    ]
    assert not PartnerMembership.objects.filter(user=partner_b, organization=business_a).exists()


def test_someone_who_joined_meanwhile_is_told_so_and_the_link_stays_unused(coordinator, partner_b, business_a):
    link = invite(coordinator, business_a, email=partner_b.email)
    PartnerMembershipFactory(user=partner_b, organization=business_a)

    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(link=link, user=partner_b)

    assert messages(refused) == ["You already use the portal for Acme Tools."]
    link.refresh_from_db()
    assert not link.is_used


# Ending access ----------------------------------------------------------------------------------------


def test_a_coordinator_ends_a_partners_access_and_it_is_recorded(coordinator, partner_a, business_a):
    member = membership(partner_a, business_a)

    services.membership_deactivate(membership=member, by=coordinator)

    member.refresh_from_db()
    assert member.active is False
    assert member.deactivated_by == coordinator
    assert timezone.now() - member.deactivated_at < datetime.timedelta(seconds=5)
    assert not PartnerMembership.objects.active().filter(user=partner_a).exists()


def test_a_partner_administrator_ends_a_colleagues_access(partner_a, business_a):
    colleague = PartnerMembershipFactory(organization=business_a, role=MENTOR)

    services.membership_deactivate(membership=colleague, by=partner_a)

    colleague.refresh_from_db()
    assert (colleague.active, colleague.deactivated_by) == (False, partner_a)


@pytest.mark.parametrize("who", ["mentor", "other_business_admin"])
def test_nobody_else_ends_someones_access(who, partner_a, business_a, business_b):
    user = UserFactory()
    PartnerMembershipFactory(
        user=user, organization=business_a if who == "mentor" else business_b, role=MENTOR if who == "mentor" else ADMIN
    )
    member = membership(partner_a, business_a)

    with pytest.raises(ValidationError) as refused:
        services.membership_deactivate(membership=member, by=user)

    assert messages(refused) == ["Only a coordinator or an administrator of Acme Tools can change who uses its portal."]
    member.refresh_from_db()
    assert member.active


def test_access_that_ended_cannot_end_again(coordinator, partner_a, business_a):
    member = end(membership(partner_a, business_a))

    with pytest.raises(ValidationError) as refused:
        services.membership_deactivate(membership=member, by=coordinator)

    assert messages(refused) == ["partner.a@example.test no longer has access to the portal of Acme Tools."]


def test_the_only_administrator_cannot_end_their_own_access(partner_a, business_a):
    PartnerMembershipFactory(organization=business_a, role=MENTOR)
    end(PartnerMembershipFactory(organization=business_a, role=ADMIN))
    member = membership(partner_a, business_a)

    with pytest.raises(ValidationError) as refused:
        services.membership_deactivate(membership=member, by=partner_a)

    assert messages(refused) == [
        "You are the only administrator of Acme Tools: invite another administrator first, "
        "or ask the school district to end your access."
    ]
    member.refresh_from_db()
    assert member.active


def test_an_administrator_ends_their_own_access_while_another_administrator_remains(partner_a, business_a):
    PartnerMembershipFactory(organization=business_a, role=ADMIN)
    member = membership(partner_a, business_a)

    services.membership_deactivate(membership=member, by=partner_a)

    member.refresh_from_db()
    assert (member.active, member.deactivated_by) == (False, partner_a)


def test_a_coordinator_may_end_the_access_of_the_last_administrator(coordinator, partner_a, business_a):
    member = membership(partner_a, business_a)

    services.membership_deactivate(membership=member, by=coordinator)

    member.refresh_from_db()
    assert member.active is False


def test_ending_access_at_one_business_leaves_the_other(coordinator, partner_a, business_a):
    other = BusinessFactory(name="Aardvark Analytics")
    PartnerMembershipFactory(user=partner_a, organization=other)

    services.membership_deactivate(membership=membership(partner_a, business_a), by=coordinator)

    assert list(PartnerMembership.objects.active().filter(user=partner_a)) == [membership(partner_a, other)]
