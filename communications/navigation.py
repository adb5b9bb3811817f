"""Where the communications pages sit: their shared breadcrumb."""

from __future__ import annotations

from django.urls import reverse


def crumbs() -> list[tuple[str, str]]:
    return [("Communications", reverse("communications:log_list"))]
