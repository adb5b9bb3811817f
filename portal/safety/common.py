"""What the portal's safety pages share."""

from __future__ import annotations

from django.urls import reverse


def safety_crumbs() -> list[tuple[str, str]]:
    return [("Safety", reverse("portal:safety"))]


def checks_crumbs() -> list[tuple[str, str]]:
    return [*safety_crumbs(), ("Background checks", reverse("portal:staff_checks"))]
