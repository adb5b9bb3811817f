"""Django admin classes for records whose rules live in services, so the admin cannot go around them.

- `RuledAdmin`: the fields a rule guards are read-only once the record exists, and adding may be left to
  SchoolBridge's own pages (`add_here = False`); each page links to where the record is changed there.
- `ShownAdmin`: records that are only ever written by SchoolBridge's own pages and services (history,
  acknowledgments, and every record with legal weight): shown, filtered and searched, never added,
  changed or deleted here. Records with legal weight are voided in the app (the retention purge,
  `manage.py purge_expired`, is the one way they are ever deleted); the admin's delete action is gone for
  them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString


class RuledAdmin(admin.ModelAdmin):
    ruled_fields: tuple[str, ...] = ()
    add_here = True
    delete_here = True

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        fields = [*super().get_readonly_fields(request, obj), "in_schoolbridge"]
        if obj is not None:
            fields += [name for name in self.ruled_fields if name not in fields]
        return fields

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.add_here and super().has_add_permission(request, *args)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.delete_here and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not self.delete_here:
            actions.pop("delete_selected", None)
        return actions

    def app_url(self, obj: Any) -> str:
        """Where the record is seen and changed in SchoolBridge itself."""
        return obj.get_absolute_url()

    @admin.display(description="In SchoolBridge")
    def in_schoolbridge(self, obj: Any) -> str:
        if obj is None or obj.pk is None:
            return "Add it in SchoolBridge, where its rules are checked."
        return format_html(
            '<a href="{}">Change it in SchoolBridge</a>, where its rules are checked: the fields shown as plain '
            "text here are changed there only.",
            self.app_url(obj),
        )


class ShownAdmin(RuledAdmin):
    add_here = False
    delete_here = False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    @admin.display(description="In SchoolBridge")
    def in_schoolbridge(self, obj: Any) -> SafeString:
        return format_html(
            '<a href="{}">Open it in SchoolBridge</a>: it is changed (or voided) there, never here.', self.app_url(obj)
        )


class ShownInline(admin.TabularInline):
    """An inline of records written only by SchoolBridge's services: listed, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class VoidableAdmin(ShownAdmin):
    """A record with legal weight (core.voiding): voided in the staff UI, never deleted here."""
