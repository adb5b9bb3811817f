"""The words a partnership's records are in: their kinds, statuses, sides and roles. Models, querysets and
constraints all name them, so they live below all three."""

from __future__ import annotations

from django.db import models


class Side(models.TextChoices):
    SCHOOL = "school", "School side"
    BUSINESS = "business", "Business side"


class OrganizationKind(models.TextChoices):
    DISTRICT = "district", "District"
    SCHOOL = "school", "School"
    BUSINESS = "business", "Business"


class PartnershipStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ONBOARDING = "onboarding", "Onboarding"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class ContactRole(models.TextChoices):
    PRIMARY = "primary", "Primary"
    BACKUP = "backup", "Backup"
