"""The communications log in the Django admin: shown and corrected, never deleted (void it from the staff pages)."""

from django.contrib import admin

from communications.models import LogEntry
from safety.admin import VoidableAdmin


@admin.register(LogEntry)
class LogEntryAdmin(VoidableAdmin):
    list_display = ["partnership", "occurred_at", "channel", "direction", "follow_up_on", "logged_by", "voided_at"]
    list_filter = ["channel", "direction"]
    search_fields = ["summary", "partnership__name"]
    date_hierarchy = "occurred_at"
    list_select_related = ["partnership", "logged_by"]
    raw_id_fields = ["partnership", "logged_by"]
    filter_horizontal = ["contacts", "users"]
