"""Coordinator pages for success stories: the list, writing, approving, publishing, the photo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from communications.models import SuccessStory
from communications.navigation import crumbs
from communications.stories import services
from communications.stories.forms import StoryFilter, SuccessStoryForm
from communications.stories.uploads import read_head, sniff_image
from core.filters import id_from
from core.pages import GET_POST, add_service_errors, confirm_page, form_page, paginate, posted
from partnerships.choosers import choose_partnership_page
from partnerships.models import Partnership


def _story_crumbs():
    return [*crumbs(), ("Stories", reverse("communications:story_list"))]


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
    pk = id_from(request.GET.get("partnership", ""))
    if pk is None:
        return choose_partnership_page(
            request,
            title="Write a success story",
            question="Which partnership is the story about?",
            hint="Next you write it, and choose the partnership's students who appear in it.",
            cancel_url=reverse("communications:story_list"),
            breadcrumbs=_story_crumbs(),
        )
    partnership = get_object_or_404(Partnership.objects.open().select_related("business"), pk=pk)
    form = SuccessStoryForm(posted(request), request.FILES or None, partnership=partnership)
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
        title=f"Write a success story: {partnership.name}",
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
            "title": story.title,
            "body": story.body,
            "students": [s.pk for s in students],
            "photo_alt": story.photo_alt,
            "channel_newsletter": story.channel_newsletter,
            "channel_social": story.channel_social,
            "channel_website": story.channel_website,
            "publish_on": story.publish_on,
        }
        form = SuccessStoryForm(
            posted(request),
            request.FILES or None,
            partnership=story.partnership,
            story=story,
            initial=initial,
            record=story,
        )
        if request.method == "POST" and form.is_valid():
            was_approved = story.status == SuccessStory.Status.APPROVED
            try:
                services.story_save(by=request.user, story=story, version=form.loaded_version, **form.service_fields())
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
