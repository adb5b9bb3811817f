"""Django's ModelBackend, reading a user's permissions (their own and their groups') in one query.

Every staff page asks whether the user may do things; ModelBackend answers from two queries, one for the
user's own permissions and one for their groups'. The answer is the same set, so read it once."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class OneQueryModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            perms = Permission.objects.all()
            if not user_obj.is_superuser:
                # Two subqueries rather than OR over two joins: no duplicate rows, no DISTINCT.
                own = user_obj.user_permissions.through.objects.filter(user=user_obj).values("permission")
                via_groups = Permission.objects.filter(group__user=user_obj).values("pk")
                perms = perms.filter(Q(pk__in=own) | Q(pk__in=via_groups))
            pairs = perms.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in pairs}
        return user_obj._perm_cache
