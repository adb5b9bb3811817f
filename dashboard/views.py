"""The coordinator's dashboard and the health endpoint."""

from __future__ import annotations

import logging

from celery import current_app as celery_app
from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partnerships.models import Charter, Handoff, Partnership

logger = logging.getLogger(__name__)


def home(request):
    """What needs attention today. (AccessMiddleware sends partners to the portal before this.)"""
    counts = dict(Partnership.objects.values_list("status").annotate(n=Count("pk")).order_by())
    status_cards = [(status, counts.get(status.value, 0)) for status in Partnership.Status]
    missing_contact = (
        Partnership.objects.missing_primary_contact().select_related("school", "business").order_by("name")
    )
    unacknowledged = (
        Charter.objects.current()
        .unacknowledged()
        .exclude(partnership__status=Partnership.Status.ENDED)
        .select_related("partnership__business")
        .order_by("created_at")
    )
    handoffs = Handoff.objects.select_related("partnership", "from_poc__contact", "to_poc__contact")[:5]
    return render(
        request,
        "dashboard/home.html",
        {
            "status_cards": status_cards,
            "missing_contact": missing_contact[:10],
            "missing_contact_count": missing_contact.count(),
            "unacknowledged": unacknowledged[:10],
            "handoffs": handoffs,
        },
    )


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
