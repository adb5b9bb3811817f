"""Deny by default: every staff page needs a signed-in coordinator.

Only the prefixes below are open; each of them guards itself (the portal has its own
middleware, the admin its own login, signed links their token). So is one exact path shape: a calendar
feed, which calendar apps fetch without signing in and whose long random token is the key.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.shortcuts import redirect

from accounts.models import User
from accounts.roles import is_coordinator

OPEN_PREFIXES = ("/accounts/", "/static/", "/admin/", "/portal/", "/r/", "/healthz", "/livez")
OPEN_PATHS = re.compile(r"/calendar/feed/[A-Za-z0-9_-]+\.ics")  # whole path only (fullmatch)


class StaffRequest(HttpRequest):
    """For the types only: the request a staff page gets, whose user AccessMiddleware has let in."""

    user: User


LAST_SEEN = "last_seen"
SEEN_RESOLUTION = 60  # seconds: the last-seen time is written at most this often, so most requests save nothing


class IdleTimeoutMiddleware:
    """Signs out anyone whose previous request is older than SESSION_IDLE_MINUTES (shared school computers),
    and sends them to sign in again with a word of why and a way back to the page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._idle_too_long(request):
            logout(request)
            minutes = settings.SESSION_IDLE_MINUTES
            messages.info(
                request, f"You were signed out after {minutes} minutes without activity. Please sign in again."
            )
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _idle_too_long(request) -> bool:
        now = time.time()
        seen = request.session.get(LAST_SEEN)
        if seen is not None and now - seen > settings.SESSION_IDLE_MINUTES * 60:
            return True
        if seen is None or now - seen >= SEEN_RESOLUTION:
            request.session[LAST_SEEN] = now
        return False


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(OPEN_PREFIXES) or OPEN_PATHS.fullmatch(path):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if is_coordinator(user):
            return self.get_response(request)
        if path == "/":
            return redirect("portal:home")
        # A partner (or anyone else) never learns that a staff page exists.
        raise Http404("Page not found")
