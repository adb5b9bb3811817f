"""Coordinator pages for the communications log (the log with who is overdue a contact, logging a
contact, correcting it, and voiding it), success stories (write, approve, publish, and their photos)
and the newsletter digest.

AccessMiddleware keeps everyone but coordinators out; each write also checks the model permission.
Entries are voided (services.log_entry_void), never deleted.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_GET

from communications import services
from communications.digest import SOCIAL_LIMIT, build_digest
from communications.forms import (
    DigestForm,
    LogEntryForm,
    LogFilter,
    StoryFilter,
    SuccessStoryForm,
)
from communications.models import LogEntry, SuccessStory
from communications.uploads import read_head, sniff_image
from core.pages import GET_POST, add_service_errors, confirm_page, form_page, paginate, posted
from core.redirects import next_url
from core.voiding.views import void_page
from partnerships.choosers import choose_partnership_page
from partnerships.models import Partnership
from safety.models import SafetyPolicy

NOT_CONTACTED_SIZE = 10  # rows in the "not contacted" card; "and N more" says the rest


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
    return choose_partnership_page(
        request,
        title="Log a contact",
        question="Which partnership was it with?",
        hint="You choose who took part on the next page, from that partnership's people.",
        cancel_url=reverse("communications:log_list"),
        breadcrumbs=_crumbs(),
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
            return redirect(next_url(request, reverse("communications:log_list")))
    return form_page(
        request,
        title=f"Log a contact with {partnership.business.name}",
        intro=f"For {partnership.name}.",
        form=form,
        submit="Log contact",
        cancel_url=next_url(request, back),
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
            "breadcrumbs": [*_crumbs(), (partnership.name, partnership.get_absolute_url())],
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
        breadcrumbs=[*_crumbs(), (entry.partnership.name, entry.partnership.get_absolute_url())],
    )


# Success stories


def _story_crumbs():
    return [*_crumbs(), ("Stories", reverse("communications:story_list"))]


def _story(pk) -> SuccessStory:
    return get_object_or_404(
        SuccessStory.objects.select_related("partnership__business", "created_by", "approved_by"), pk=pk
    )


def story_list(request):
    stories = SuccessStory.objects.select_related("partnership", "created_by").prefetch_related("students")
    filterset = StoryFilter(request.GET, queryset=stories)
    return render(
        request,
        "communications/story_list.html",
        {"title": "Success stories", "filter": filterset, "page": paginate(request, filterset.qs)},
    )


@GET_POST
@permission_required("communications.add_successstory", raise_exception=True)
def story_create(request):
    initial = {}
    if request.GET.get("partnership", "").isdigit():
        initial["partnership"] = int(request.GET["partnership"])
    form = SuccessStoryForm(posted(request), request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_save(by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Story “{story.title}” saved as a draft. It needs approval before publishing.")
            return redirect(story.get_absolute_url())
    return form_page(
        request,
        title="Write a success story",
        intro="Students appear only with media consent. A coordinator approves the story before it is published.",
        form=form,
        submit="Save draft",
        cancel_url=reverse("communications:story_list"),
        breadcrumbs=_story_crumbs(),
        multipart=True,
    )


@GET_POST
def story_edit(request, pk):
    """A story's page: what it says and where it stands, a form to correct it until it is published,
    and the next step (approve or publish)."""
    story = _story(pk)
    can_edit = story.status != SuccessStory.Status.PUBLISHED and request.user.has_perm(
        "communications.change_successstory"
    )
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    students = list(story.students.all())
    form = None
    if can_edit:
        initial = {
            "partnership": story.partnership_id,
            "title": story.title,
            "body": story.body,
            "students": [s.pk for s in students],
            "photo_alt": story.photo_alt,
            "channel_newsletter": story.channel_newsletter,
            "channel_social": story.channel_social,
            "channel_website": story.channel_website,
            "publish_on": story.publish_on,
        }
        form = SuccessStoryForm(posted(request), request.FILES or None, story=story, initial=initial)
        if request.method == "POST" and form.is_valid():
            was_approved = story.status == SuccessStory.Status.APPROVED
            try:
                services.story_save(by=request.user, story=story, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
                story.refresh_from_db()
            else:
                again = " It was approved before, so it needs approval again." if was_approved else ""
                messages.success(request, f"Story “{story.title}” saved.{again}")
                return redirect(story.get_absolute_url())
    return render(
        request,
        "communications/story_edit.html",
        {
            "title": story.title,
            "story": story,
            "students": students,
            "form": form,
            "can_change": request.user.has_perm("communications.change_successstory"),
            "breadcrumbs": _story_crumbs(),
        },
    )


def _story_step(request, pk, *, status: str, action, title: str, message: str, submit: str, done: str):
    story = _story(pk)
    back = story.get_absolute_url()
    if story.status != status:
        messages.info(request, f"This story is {story.get_status_display().lower()}: nothing to do.")
        return redirect(back)
    errors = []
    if request.method == "POST":
        try:
            action(story=story, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, done.format(story=story))
            return redirect(back)
    return confirm_page(
        request,
        title=title,
        message=message.format(story=story),
        submit=submit,
        cancel_url=back,
        breadcrumbs=[*_story_crumbs(), (story.title, back)],
        danger=False,
        errors=errors,
        fix_link=("Correct the story", back) if errors else None,
    )


@GET_POST
@permission_required("communications.change_successstory", raise_exception=True)
def story_approve(request, pk):
    return _story_step(
        request,
        pk,
        status=SuccessStory.Status.DRAFT,
        action=services.story_approve,
        title="Approve this story?",
        message="“{story.title}” will be approved for publication, with your name and today's date. "
        "Correcting it afterwards sends it back for approval.",
        submit="Approve story",
        done="Story “{story.title}” approved. Publish it when it is ready to go out.",
    )


@GET_POST
@permission_required("communications.change_successstory", raise_exception=True)
def story_publish(request, pk):
    return _story_step(
        request,
        pk,
        status=SuccessStory.Status.APPROVED,
        action=services.story_publish,
        title="Publish this story?",
        message="“{story.title}” will be published on its publish date (today if it has none) and appear in "
        "the newsletter digest of its channels. A published story can no longer be changed.",
        submit="Publish story",
        done="Story “{story.title}” published on {story.publish_on:%-d %b %Y}.",
    )


@require_GET
def story_photo(request, pk):
    """The story's photo, as the image it is: never HTML, never sniffed into something else."""
    story = _story(pk)
    if not story.photo:
        raise Http404("This story has no photo.")
    try:
        handle = story.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404("The photo file is missing.") from error
    content_type = sniff_image(read_head(handle))
    if content_type is None:  # not an image after all (uploaded before validation?): download only
        response = FileResponse(handle, as_attachment=True, filename="photo", content_type="application/octet-stream")
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# The newsletter digest


def _this_month() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    start = today.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return start, end


@require_GET
def digest(request):
    """Choose a period; preview the digest, download it as HTML or Markdown, copy the social posts."""
    start, end = _this_month()
    form = DigestForm(request.GET if "start" in request.GET else None, initial={"start": start, "end": end})
    result = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        result = build_digest(start, end)
        file_format = request.GET.get("format")
        if file_format in ("html", "md"):
            body = result["html"] if file_format == "html" else result["markdown"]
            content_type = "text/html" if file_format == "html" else "text/markdown"
            response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
            name = f"newsletter-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.{file_format}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            response["X-Content-Type-Options"] = "nosniff"
            return response
    elif not form.is_bound:
        result = build_digest(start, end)
    posts = [(post, len(post)) for post in result["social_posts"]] if result else []
    return render(
        request,
        "communications/digest.html",
        {
            "title": "Newsletter digest",
            "form": form,
            "result": result,
            "start": start,
            "end": end,
            "posts": posts,
            "limit": SOCIAL_LIMIT,
            "breadcrumbs": _crumbs(),
        },
    )
