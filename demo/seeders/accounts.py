"""The demo logins, from demo/data/accounts.py, and what links them to the district: the coordinator
group, partner memberships, and each user's contact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles
from demo.data.accounts import DEFAULT_PASSWORD, DEMO_USERS
from partnerships.models import Contact, Organization, PartnerMembership

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Logins:
    """The demo users by their key in DEMO_USERS, and the password now in effect for each email (or
    "unchanged")."""

    users: dict[str, User]
    passwords: dict[str, str]

    @property
    def coordinator(self) -> User:
        return self.users["coordinator"]


def seed_users(*, password: str | None) -> Logins:
    """The logins, looked up by email. A new user gets `password` or the default; an existing one
    keeps its password unless `password` is given."""
    User = get_user_model()
    logins = Logins(users={}, passwords={})
    for spec in DEMO_USERS:
        email = spec["email"]
        first, last = spec["name"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            create = User.objects.create_superuser if spec["key"] == "admin" else User.objects.create_user
            user = create(email, password=password or DEFAULT_PASSWORD, first_name=first, last_name=last)
            logins.passwords[email] = password or DEFAULT_PASSWORD
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            logins.passwords[email] = password
        else:
            logins.passwords[email] = "unchanged"
        if spec["key"] == "admin" and not (user.is_staff and user.is_superuser):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        logins.users[spec["key"]] = user
    return logins


def seed_user_links(*, logins: Logins, organizations: dict[str, Organization], contacts: dict[str, Contact]) -> None:
    """Roles are data: the coordinator joins the coordinator group; partners get a membership of their
    business; each non-admin user is linked to their Contact (the instance in `contacts`) so they can be
    a point of contact."""
    roles.sync_coordinator_group()
    logins.coordinator.groups.add(Group.objects.get(name=roles.COORDINATOR_GROUP))
    for spec in DEMO_USERS:
        user = logins.users[spec["key"]]
        if "business" in spec:
            PartnerMembership.objects.get_or_create(
                user=user, organization=organizations[spec["business"]], defaults={"role": spec["membership_role"]}
            )
        if "contact" in spec:
            contact = contacts[spec["contact"]]
            if contact.user_id is None:
                contact.user = user
                contact.save(update_fields=["user", "updated_at"])
        for business, role, title in spec.get("also", ()):
            organization = organizations[business]
            PartnerMembership.objects.get_or_create(user=user, organization=organization, defaults={"role": role})
            Contact.objects.get_or_create(
                organization=organization,
                user=user,
                defaults={
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "title": title,
                    "email": user.email,
                },
            )
