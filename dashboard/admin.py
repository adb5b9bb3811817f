from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.admin import ShownAdmin
from dashboard.models import PurgeRecord


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ShownAdmin):
    """Written only by the retention purge (manage.py purge_expired, the nightly beat): read here, never changed."""

    list_display = ("ran_at", "by", "dry_run", "total", "has_errors")
    list_filter = ("by", "dry_run")
    date_hierarchy = "ran_at"
    readonly_fields = ("ran_at", "by", "dry_run", "counts", "errors")
    exclude = ()

    @admin.display(description="rows")
    def total(self, obj: PurgeRecord) -> int:
        return obj.total

    @admin.display(description="errors", boolean=True)
    def has_errors(self, obj: PurgeRecord) -> bool:
        return bool(obj.errors)

    @admin.display(description="In SchoolBridge")
    def in_schoolbridge(self, obj: Any) -> SafeString:
        return format_html("{}", "Written by the retention purge (manage.py purge_expired, or the beat each night).")
