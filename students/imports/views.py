"""Coordinator pages for CSV imports: upload, the dry-run preview or errors, confirm, progress.

Guarded by AccessMiddleware like every staff page; each view also needs the rights to add (and, for
students, change) what the import writes. Jobs are found by id; file contents never reach a URL.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.middleware import StaffRequest
from core.pages import paginate, posted
from students.imports import columns as imports_columns
from students.imports import jobs as imports_jobs
from students.imports import services as imports
from students.models import ImportJob

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ERRORS_PER_PAGE = 50

Kind = ImportJob.Kind
Status = ImportJob.Status

# What differs between the two imports.
KINDS: dict[str, dict[str, Any]] = {
    Kind.STUDENTS: {
        "permissions": ("students.add_student", "students.change_student"),
        "section": ("Students", "students:student_list"),
        "upload_url": "imports:students",
        "title": "Import students",
        "one_per": "student",
        "noun": "students",
        "note": "A student whose ID is already in SchoolBridge is updated from the file; columns the file leaves "
        "out keep their values.",
    },
    Kind.PLACEMENTS: {
        "permissions": ("students.add_placement",),
        "section": ("Placements", "students:placement_list"),
        "upload_url": "imports:placements",
        "title": "Import placements",
        "one_per": "placement",
        "noun": "placements",
        "note": "Each placement starts as proposed, with you as its school supervisor; it goes through the "
        "readiness check before it starts, as one added by hand.",
    },
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="A .csv file of at most 10 MB. From Excel: File › Save As › “CSV UTF-8 (Comma delimited)”.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Choose a .csv file. From Excel: File › Save As › “CSV UTF-8”.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}; the limit is 10 MB. Split it into smaller files."
            )
        return upload


def _job(request: HttpRequest, pk: int) -> ImportJob:
    """The job, if the user may run imports of its kind."""
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    if not request.user.has_perms(KINDS[job.kind]["permissions"]):
        raise PermissionDenied
    return job


def _crumbs(kind: str) -> list[tuple[str, str]]:
    info = KINDS[kind]
    label, url_name = info["section"]
    return [(label, reverse(url_name)), (info["title"], reverse(info["upload_url"]))]


# Upload ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(KINDS[Kind.STUDENTS]["permissions"], raise_exception=True)
def students(request: StaffRequest) -> HttpResponse:
    return _upload(request, Kind.STUDENTS)


@require_http_methods(["GET", "POST"])
@permission_required(KINDS[Kind.PLACEMENTS]["permissions"], raise_exception=True)
def placements(request: StaffRequest) -> HttpResponse:
    return _upload(request, Kind.PLACEMENTS)


def _upload(request: StaffRequest, kind: str) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob(
            kind=kind,
            original_name=os.path.basename(upload.name)[:255],
            created_by=request.user,
            status=Status.INVALID,  # until the check below says otherwise
        )
        # Stored under a random name: the user's file name may name a student.
        job.file.save(f"{uuid.uuid4().hex}.csv", upload, save=False)
        job.save()
        imports.check_start(job)  # inline when small; else queued, and the job's page shows the progress
        return redirect("imports:job", job.pk)
    info = KINDS[kind]
    label, url_name = info["section"]
    return render(
        request,
        "students/import_upload.html",
        {
            "title": info["title"],
            "breadcrumbs": [(label, reverse(url_name))],
            "form": form,
            "info": info,
            **_help(kind),
            "recent": ImportJob.objects.filter(kind=kind).select_related("created_by")[:5],
        },
    )


def _help(kind: str) -> dict[str, Any]:
    columns = imports_columns.COLUMNS[kind]
    return {
        "columns": columns,
        "example_url": static(f"examples/{kind}.csv"),
        "example_header": ",".join(column.name for column in columns),
        "example_row": ",".join(_csv_cell(column.example) for column in columns),
    }


def _csv_cell(value: str) -> str:
    return f'"{value}"' if "," in value else value


# The job -------------------------------------------------------------------------------------


@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    info = KINDS[job.kind]
    context = {
        "title": job.original_name,
        "breadcrumbs": _crumbs(job.kind),
        "job": job,
        "info": info,
        "list_url": reverse(info["section"][1]),
        "nav_section": job.kind,  # which left-nav entry is current: students or placements
        "upload_url": reverse(info["upload_url"]),
    }
    if job.status in (Status.INVALID, Status.FAILED):
        context["page"] = paginate(request, job.errors, per_page=ERRORS_PER_PAGE)
        context["problem_lines"] = len({error["line"] for error in job.errors})
        context["form"] = UploadForm()
    elif job.status == Status.CHECKED:
        context["preview"] = imports_jobs.preview(job)
        context["rows"] = job.total_rows
    elif job.in_background:
        context["progress_text"] = progress_text(job)
    # Rows naming a student already here with nothing to change; only a student import has them.
    context["unchanged"] = max(job.total_rows - job.created_count - job.updated_count, 0)
    return render(request, "students/import_job.html", context)


def progress_text(job: ImportJob) -> str:
    """What the progress bar says (on the page, and in status.json for import-progress.js)."""
    if job.status == Status.CHECK_QUEUED:
        return "Waiting for the checker to start…"
    if job.status == Status.CHECKING:
        if not job.total_rows:
            return "Counting the rows…"
        return f"Checking row {job.processed_rows:,} of {job.total_rows:,}"
    if job.status == Status.QUEUED:
        return "Waiting for the importer to start…"
    if job.status == Status.RUNNING:
        if job.processed_rows >= job.total_rows:
            return "Saving…"
        return f"Importing: {job.processed_rows:,} of {job.total_rows:,} rows checked"
    return ""


@never_cache
@require_GET
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress bar asks every second (static/js/import-progress.js)."""
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "processed_rows": job.processed_rows,
            "total_rows": job.total_rows,
            "percent": job.progress_percent,
            "text": progress_text(job),
        }
    )


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The Import button. Refused, with the reason, until the file's check has finished and found nothing."""
    job = _job(request, pk)
    refusal = imports.confirm_refusal(job)
    if refusal:
        messages.error(request, refusal)
    elif job.status == Status.CHECKED:
        imports.start(job)
    return redirect("imports:job", job.pk)


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Try again" on a job the worker has not picked up (its check or its import): sends it once more."""
    job = _job(request, pk)
    imports.requeue(job)
    return redirect("imports:job", job.pk)
