"""The newsletter digest page: stories and partners to thank in a period, ready to paste."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from communications.digest.forms import DigestForm
from communications.digest.selectors import SOCIAL_LIMIT, build_digest
from communications.navigation import crumbs


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
            "breadcrumbs": crumbs(),
        },
    )
