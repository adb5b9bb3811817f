"""The health endpoints for monitoring. (The dashboard itself is dashboard/home.)"""

from __future__ import annotations

import logging

from celery import current_app as celery_app
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_broker() -> str:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """JSON about the database and the broker: 200 when both answer, 503 when either does not."""
    checks = {}
    for name, check in (("database", _check_database), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure is the answer, not an error page
            logger.warning("Health check %s failed: %s", name, exc)
            checks[name] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


@never_cache
@require_GET
def livez(request):
    """The process answers: no database, no broker, no session (a liveness probe, and the benchmark's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")
