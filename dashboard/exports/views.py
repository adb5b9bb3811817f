"""Coordinator pages of the CSV exports: an export of a list as filtered on screen (streamed, or prepared in
the background when large), the person's recent exports, one export's progress, its download and "try again".

Guarded by AccessMiddleware like every staff page; an export needs the permission of its kind (the same as
viewing its list). Export jobs are found among the person's own: anyone else's is a 404, as if it were not
there. The files are never served by a public URL: `download` reads them after that check.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware import StaffRequest
from core.csv import csv_response
from core.pages import paginate
from dashboard.exports import registry, selectors, services
from dashboard.exports.registry import ExportKind
from dashboard.models import ExportJob

MAX_QUERY = 2000  # ExportJob.query's length: a longer query string is no list's filters

Status = ExportJob.Status


def _kind(slug: str, user) -> ExportKind:
    kind = registry.get(slug)
    if kind is None:
        raise Http404("No such export")
    if not user.has_perm(kind.permission):
        raise PermissionDenied
    return kind


def _own_job(request: StaffRequest, pk: int) -> ExportJob:
    """The person's own export job; anyone else's is not found."""
    return get_object_or_404(selectors.jobs_of(request.user), pk=pk)


def filename(kind: ExportKind) -> str:
    """The kind and the day; never a name from the data."""
    return f"{kind.slug}-{timezone.localdate():%Y-%m-%d}.csv"


def _list_url(kind: ExportKind, query: str) -> str:
    return reverse(kind.list_url) + (f"?{query}" if query else "")


@require_GET
def export(request: StaffRequest, kind: str) -> HttpResponseBase:
    """The list's rows as a CSV, filtered as on screen (the list's own query string). Up to
    EXPORT_STREAM_LIMIT rows stream at once; more are built in the background, on a page that shows the
    progress. Filter values the list refuses get a page that says which, not a file of other rows."""
    export_kind = _kind(kind, request.user)
    query = request.GET.copy()
    query.pop("page", None)  # the export is every filtered row, not one page of them
    encoded = query.urlencode()
    try:
        if len(encoded) > MAX_QUERY:
            raise selectors.BadFilters(["The filters are too long to be a list's filters."])
        wanted = selectors.export_for(export_kind, query, user=request.user)
    except selectors.BadFilters as bad:
        context = {
            "title": f"{export_kind.title}: these filters cannot be exported",
            "kind": export_kind,
            "problems": bad.problems,
            "list_url": _list_url(export_kind, ""),
        }
        return render(request, "dashboard/exports/bad_filters.html", context, status=400)
    rows_total = wanted.rows.count()
    if rows_total > settings.EXPORT_STREAM_LIMIT:
        canonical = selectors.canonical_query(export_kind, query)
        try:
            job = services.export_job_start(
                kind=export_kind.slug, query=canonical, rows_total=rows_total, by=request.user
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect("exports:list")
        return redirect("exports:job", job.pk)
    return csv_response(filename=filename(export_kind), header=wanted.header, rows=wanted.lines())


@require_GET
def job_list(request: StaffRequest) -> HttpResponse:
    page = paginate(request, selectors.jobs_of(request.user))
    for job in page.object_list:
        job.kind_title = _title(job.kind)
        job.expired = selectors.is_expired(job)
    return render(request, "dashboard/exports/job_list.html", {"title": "Your exports", "page": page})


def _title(slug: str) -> str:
    kind = registry.get(slug)
    return kind.title if kind else slug


def _job_context(job: ExportJob) -> dict:
    kind = registry.get(job.kind)
    return {
        "job": job,
        "kind_title": kind.title if kind else job.kind,
        "list_url": _list_url(kind, job.query) if kind else reverse("exports:list"),
        "percent": percent(job),
        "breadcrumbs": [("Your exports", reverse("exports:list"))],
    }


def percent(job: ExportJob) -> int:
    if job.status == Status.DONE:
        return 100
    return min(100, round(100 * job.rows_done / job.rows_total)) if job.rows_total else 0


def progress_text(job: ExportJob) -> str:
    if job.status == Status.QUEUED:
        return "Waiting for the exporter to start…"
    return f"Writing the file: {job.rows_done:,} of {job.rows_total or 0:,} rows"


@require_GET
def job(request: StaffRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    context = _job_context(job)
    context["title"] = f"{context['kind_title']} export"
    context["progress_text"] = progress_text(job)
    context["expired"] = selectors.is_expired(job)
    return render(request, "dashboard/exports/job.html", context)


@never_cache
@require_GET
def job_status(request: StaffRequest, pk: int) -> JsonResponse:
    """What the progress bar asks every second (static/js/import-progress.js)."""
    job = _own_job(request, pk)
    return JsonResponse(
        {"status": job.status, "label": job.get_status_display(), "percent": percent(job), "text": progress_text(job)}
    )


@never_cache
@require_GET
def download(request: StaffRequest, pk: int) -> HttpResponseBase:
    """The finished file, for who asked for it, until it expires; after that a page that says to run it
    again. A job not finished yet sends you to its progress page."""
    job = _own_job(request, pk)
    kind = _kind(job.kind, request.user)
    if job.status != Status.DONE:
        return redirect("exports:job", job.pk)
    if selectors.is_expired(job):
        return _expired(request, job)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:  # purged between the check and now
        return _expired(request, job)
    return FileResponse(handle, as_attachment=True, filename=filename_of(job, kind), content_type="text/csv")


def filename_of(job: ExportJob, kind: ExportKind) -> str:
    return f"{kind.slug}-{timezone.localtime(job.created_at):%Y-%m-%d}.csv"


def _expired(request: StaffRequest, job: ExportJob) -> HttpResponse:
    context = _job_context(job)
    context["title"] = "This export has expired"
    return render(request, "dashboard/exports/expired.html", context, status=410)


@require_POST
def retry(request: StaffRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    services.export_job_retry(job=job, by=request.user)
    return redirect("exports:job", job.pk)
