"""The permissions backend: a user's own and their groups' permissions, read in one query."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.models import User
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db


def _perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def user():
    user = User.objects.create_user(email="someone@example.test", password="a long enough password")
    group = Group.objects.create(name="Readers")
    group.permissions.add(_perm("view_partnership"), _perm("add_goal"))
    user.groups.add(group)
    user.user_permissions.add(_perm("add_goal"), _perm("change_partnership"))  # one of them also via the group
    return User.objects.get(pk=user.pk)


def test_a_user_has_their_own_and_their_groups_permissions_from_one_query(user, django_assert_num_queries):
    with django_assert_num_queries(1):
        perms = user.get_all_permissions()
        assert user.has_perm("partnerships.view_partnership")  # answered from what was read
    assert perms == {"partnerships.view_partnership", "partnerships.add_goal", "partnerships.change_partnership"}
    assert not user.has_perm("partnerships.delete_partnership")


def test_a_user_with_no_permissions_has_none(django_assert_num_queries):
    user = User.objects.create_user(email="nobody@example.test", password="a long enough password")
    with django_assert_num_queries(1):
        assert user.get_all_permissions() == set()


def test_a_superuser_has_every_permission():
    admin = User.objects.create_superuser(email="admin@example.test", password="a long enough password")
    assert len(admin.get_all_permissions()) == Permission.objects.count()


def test_an_inactive_user_has_none(user, django_assert_num_queries):
    user.is_active = False
    with django_assert_num_queries(0):
        assert user.get_all_permissions() == set()
        assert not user.has_perm("partnerships.view_partnership")


def test_a_coordinator_has_the_coordinator_groups_permissions():
    coordinator = CoordinatorFactory()
    assert coordinator.has_perm("partnerships.change_partnership")
    assert coordinator.has_perm("safety.add_sitevisit")
