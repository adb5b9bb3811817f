"""Coordinator pages for the communications log: the list with who has gone quiet, logging, editing and voiding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone

from communications.log import services
from communications.log.forms import LogEntryForm, LogFilter
from communications.models import LogEntry
from communications.navigation import crumbs
from core.filters import id_from
from core.pages import GET_POST, add_service_errors, form_page, paginate, posted
from core.redirects import next_url
from core.voiding.views import void_page
from partnerships.choosers import choose_partnership_page
from partnerships.models import Partnership
from safety.models import SafetyPolicy

NOT_CONTACTED_SIZE = 10  # rows in the "not contacted" card; "and N more" says the rest
LOG_COUNT_CAP = 10_000  # entries counted at most: the log only grows (core.pages.CappedPaginator)


def _entry(pk) -> LogEntry:
    return get_object_or_404(
        LogEntry.objects.select_related("partnership__school", "partnership__business", "logged_by", "voided_by"),
        pk=pk,
    )


def _when(entry: LogEntry) -> str:
    return dateformat.format(timezone.localtime(entry.occurred_at), "j M Y")


def log_list(request):
    """The log, newest first, and the partnerships nobody has contacted within the policy's cadence (of the
    school the log is narrowed to, if it is)."""
    policy = SafetyPolicy.current()
    entries = LogEntry.objects.select_related("partnership", "logged_by", "voided_by")
    filterset = LogFilter(request.GET, queryset=entries)
    not_contacted = services.partnerships_not_contacted(timezone.localdate(), policy.partner_check_in_days)
    if filterset.chosen_school is not None:
        not_contacted = not_contacted.filter(school=filterset.chosen_school)
    quiet = list(not_contacted[:NOT_CONTACTED_SIZE])
    quiet_count = not_contacted.count()
    return render(
        request,
        "communications/log_list.html",
        {
            "title": "Communications",
            "filter": filterset,
            "page": paginate(request, filterset.qs, cap=LOG_COUNT_CAP),
            "days": policy.partner_check_in_days,
            "quiet": quiet,
            "quiet_more": quiet_count - len(quiet),
            "today": timezone.localdate(),
        },
    )


def _choose_partnership(request):
    return choose_partnership_page(
        request,
        title="Log a contact",
        question="Which partnership was it with?",
        hint="You choose who took part on the next page, from that partnership's people.",
        cancel_url=reverse("communications:log_list"),
        breadcrumbs=crumbs(),
    )


@GET_POST
@permission_required("communications.add_logentry", raise_exception=True)
def log_create(request):
    pk = id_from(request.GET.get("partnership", ""))
    if pk is None:
        return _choose_partnership(request)
    partnership = get_object_or_404(Partnership.objects.select_related("school", "business"), pk=pk)
    form = LogEntryForm(posted(request), partnership=partnership, user=request.user, initial={"users": [request.user]})
    back = partnership.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.log_entry_save(partnership=partnership, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{entry.get_channel_display()} with {partnership.business.name} on {_when(entry)} logged.",
            )
            return redirect(next_url(request, reverse("communications:log_list")))
    return form_page(
        request,
        title=f"Log a contact with {partnership.business.name}",
        intro=f"For {partnership.name}.",
        form=form,
        submit="Log contact",
        cancel_url=next_url(request, back),
        breadcrumbs=[*crumbs(), (partnership.name, back)],
    )


@GET_POST
def log_edit(request, pk):
    """An entry's page: what happened, and a form to correct it while it is live."""
    entry = _entry(pk)
    partnership = entry.partnership
    can_edit = not entry.is_voided and request.user.has_perm("communications.change_logentry")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    contacts = list(entry.contacts.select_related("organization"))
    users = list(entry.users.all())
    form = None
    if can_edit:
        initial = {
            "occurred_at": timezone.localtime(entry.occurred_at).replace(second=0, microsecond=0),
            "channel": entry.channel,
            "direction": entry.direction,
            "summary": entry.summary,
            "contacts": [c.pk for c in contacts],
            "users": [u.pk for u in users],
            "follow_up_on": entry.follow_up_on,
            "follow_up_done": entry.follow_up_done,
        }
        form = LogEntryForm(
            posted(request), partnership=partnership, user=request.user, entry=entry, initial=initial, record=entry
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.log_entry_save(
                    partnership=partnership,
                    by=request.user,
                    entry=entry,
                    version=form.loaded_version,
                    **form.service_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
                entry.refresh_from_db()
            else:
                messages.success(request, f"Log entry for {partnership.business.name} on {_when(entry)} saved.")
                return redirect(next_url(request, reverse("communications:log_list")))
    return render(
        request,
        "communications/log_edit.html",
        {
            "title": f"{entry.get_channel_display()} with {partnership.business.name}, {_when(entry)}",
            "entry": entry,
            "contacts": contacts,
            "users": users,
            "form": form,
            "breadcrumbs": [*crumbs(), (partnership.name, partnership.get_absolute_url())],
        },
    )


@GET_POST
@permission_required("communications.change_logentry", raise_exception=True)
def log_void(request, pk):
    entry = _entry(pk)
    return void_page(
        request,
        entry,
        void=lambda *, record, by, reason: services.log_entry_void(entry=record, by=by, reason=reason),
        noun="log entry",
        what=f"the log entry for the {entry.get_channel_display().lower()} with {entry.partnership.business.name} "
        f"on {_when(entry)}",
        title="Void this log entry?",
        voided="Log entry",
        consequence="no longer counts as a contact",
        back=reverse("communications:log_edit", args=[entry.pk]),
        breadcrumbs=[*crumbs(), (entry.partnership.name, entry.partnership.get_absolute_url())],
    )
