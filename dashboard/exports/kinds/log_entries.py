"""The communications log, as the log's list shows and filters it (live entries, or the voided ones)."""

from __future__ import annotations

from communications.log.forms import LogFilter
from communications.models import LogEntry
from dashboard.exports.registry import Column, ExportKind, attr, register

register(
    ExportKind(
        slug="log",
        title="Log entries",
        permission="communications.view_logentry",
        list_url="communications:log_list",
        filterset=LogFilter,
        base=lambda user: LogEntry.objects.select_related("partnership", "logged_by"),
        columns=(
            attr("ID", "pk"),
            attr("When", "occurred_at"),
            attr("Partnership", "partnership.name"),
            Column("Channel", lambda e, c: e.get_channel_display()),
            Column("Direction", lambda e, c: e.get_direction_display()),
            attr("Summary", "summary"),
            attr("Follow up by", "follow_up_on"),
            attr("Follow-up done", "follow_up_done"),
            attr("Logged by", "logged_by.display_name"),
            attr("Voided at", "voided_at"),
        ),
    )
)
