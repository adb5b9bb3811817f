"""The communications log, as the log's list shows and filters it (live entries, or the voided ones)."""

from __future__ import annotations

from accounts.models import User
from communications.log.forms import LogFilter
from communications.models import LogEntry
from dashboard.exports.registry import ExportKind, built, field, label, register

register(
    ExportKind(
        slug="log",
        title="Log entries",
        permission="communications.view_logentry",
        list_url="communications:log_list",
        filterset=LogFilter,
        base=lambda user: LogEntry.objects.all(),
        columns=(
            field("ID", "pk"),
            field("When", "occurred_at"),
            field("Partnership", "partnership__name"),
            label("Channel", "channel"),
            label("Direction", "direction"),
            field("Summary", "summary"),
            field("Follow up by", "follow_up_on"),
            field("Follow-up done", "follow_up_done"),
            built("Logged by", User.display_name_of, User.DISPLAY_NAME_FIELDS, of="logged_by"),
            field("Voided at", "voided_at"),
        ),
    )
)
