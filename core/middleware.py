"""Headers every response carries: Permissions-Policy on all of them, and `Cache-Control: no-store` on the
pages, exports and feeds served to a signed-in person (they show student data; a shared computer's cache or
a proxy must not keep them). A view that set Cache-Control itself keeps its own; static files never reach
this (WhiteNoise answers them first)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

NOT_CACHED_TYPES = ("text/html", "text/csv", "text/calendar")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not response.has_header("Cache-Control")
            and response.get("Content-Type", "").split(";")[0].strip() in NOT_CACHED_TYPES
        ):
            add_never_cache_headers(response)
        return response
