"""Users and coordinators."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.roles import COORDINATOR_GROUP, sync_coordinator_group

PASSWORD = "pw"


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The manager hashes the password (set_password) and lower-cases the email, as in real life.
        return model_class.objects.create_user(*args, **kwargs)


class CoordinatorFactory(UserFactory):
    """A user in the coordinator group, which holds exactly the permissions in accounts.roles."""

    class Meta:
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"coordinator{n}@example.test")

    @factory.post_generation
    def coordinator_group(self, create, extracted, **kwargs):
        if not create:
            return
        sync_coordinator_group()
        self.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
