"""Coordinator pages for the communications log: the log with who is overdue a contact, logging a
contact, correcting it, and voiding it.

AccessMiddleware keeps everyone but coordinators out; each write also checks the model permission.
Entries are voided (services.log_entry_void), never deleted.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts.pages import add_service_errors, confirm_page, form_page, paginate, posted
from communications import services
from communications.forms import ChoosePartnershipForm, LogEntryForm, LogFilter
from communications.models import LogEntry
from partnerships.models import Partnership
from safety.forms import VoidForm
from safety.models import SafetyPolicy

GET_POST = require_http_methods(["GET", "POST"])
NOT_CONTACTED_SIZE = 10  # rows in the "not contacted" card; "and N more" says the rest


def _next(request, default: str) -> str:
    """Where to go after a form: the `next` parameter when it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _crumbs():
    return [("Communications", reverse("communications:log_list"))]


def _entry(pk) -> LogEntry:
    return get_object_or_404(
        LogEntry.objects.select_related("partnership__school", "partnership__business", "logged_by", "voided_by"),
        pk=pk,
    )


def _when(entry: LogEntry) -> str:
    return dateformat.format(timezone.localtime(entry.occurred_at), "j M Y")


def log_list(request):
    """The log, newest first, and the partnerships nobody has contacted within the policy's cadence."""
    policy = SafetyPolicy.current()
    entries = LogEntry.objects.select_related("partnership", "logged_by", "voided_by")
    filterset = LogFilter(request.GET, queryset=entries)
    not_contacted = services.partnerships_not_contacted(timezone.localdate(), policy.partner_check_in_days)
    quiet = list(not_contacted[:NOT_CONTACTED_SIZE])
    quiet_count = not_contacted.count()
    return render(
        request,
        "communications/log_list.html",
        {
            "title": "Communications",
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "days": policy.partner_check_in_days,
            "quiet": quiet,
            "quiet_more": quiet_count - len(quiet),
            "today": timezone.localdate(),
        },
    )


def _choose_partnership(request):
    return render(
        request,
        "communications/choose_partnership.html",
        {"title": "Log a contact", "form": ChoosePartnershipForm(), "breadcrumbs": _crumbs()},
    )


@GET_POST
@permission_required("communications.add_logentry", raise_exception=True)
def log_create(request):
    value = request.GET.get("partnership", "")
    if not value.isdigit():
        return _choose_partnership(request)
    partnership = get_object_or_404(Partnership.objects.select_related("school", "business"), pk=int(value))
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
            return redirect(_next(request, reverse("communications:log_list")))
    return form_page(
        request,
        title=f"Log a contact with {partnership.business.name}",
        intro=f"For {partnership.name}.",
        form=form,
        submit="Log contact",
        cancel_url=_next(request, back),
        breadcrumbs=[*_crumbs(), (partnership.name, back)],
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
        form = LogEntryForm(posted(request), partnership=partnership, user=request.user, entry=entry, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.log_entry_save(partnership=partnership, by=request.user, entry=entry, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
                entry.refresh_from_db()
            else:
                messages.success(request, f"Log entry for {partnership.business.name} on {_when(entry)} saved.")
                return redirect(_next(request, reverse("communications:log_list")))
    return render(
        request,
        "communications/log_edit.html",
        {
            "title": f"{entry.get_channel_display()} with {partnership.business.name}, {_when(entry)}",
            "entry": entry,
            "contacts": contacts,
            "users": users,
            "form": form,
            "breadcrumbs": [*_crumbs(), (partnership.name, partnership.get_absolute_url())],
        },
    )


@GET_POST
@permission_required("communications.change_logentry", raise_exception=True)
def log_void(request, pk):
    entry = _entry(pk)
    back = reverse("communications:log_edit", args=[entry.pk])
    what = f"the {entry.get_channel_display().lower()} with {entry.partnership.business.name} on {_when(entry)}"
    if entry.is_voided:
        messages.info(request, "This log entry was already voided.")
        return redirect(back)
    form = VoidForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_void(entry=entry, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Log entry voided. It stays on record, marked void.")
            return redirect(back)
    return confirm_page(
        request,
        title="Void this log entry?",
        message=f"The log entry for {what} will be marked void: it stays on record with your name, today's date "
        "and your reason, and no longer counts as a contact. Voiding cannot be undone.",
        submit="Void log entry",
        cancel_url=back,
        breadcrumbs=[*_crumbs(), (entry.partnership.name, entry.partnership.get_absolute_url())],
        form=form,
    )
