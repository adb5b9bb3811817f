"""Where a page may send someone next: only to a path on this site, never elsewhere."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_path(url: str | None) -> str | None:
    """`url` when it is a path on this site (no scheme, no host), else None."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=set()) else None


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the `next` parameter when it is a path on this site, else `default`."""
    return local_path(request.POST.get("next") or request.GET.get("next")) or default
