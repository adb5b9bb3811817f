from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from core.requeue import queued_between
from core.retention import policy


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str | None) -> User:
        # Email is the login and is matched without regard to case.
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in. Email is the login; roles come from groups and partner memberships."""

    username = None  # type: ignore[assignment]  # no username: Django's documented way to drop the field
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Not auth's UserManager, whose create_user takes a username, which django-stubs expects here.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    # What `display_name` is made of, for reads of these columns alone (dashboard.exports).
    DISPLAY_NAME_FIELDS = ("first_name", "last_name", "email")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.display_name_of(self.first_name, self.last_name, self.email)

    @staticmethod
    def display_name_of(first_name: str, last_name: str, email: str) -> str:
        """The full name (AbstractUser.get_full_name's), or the email when there is none."""
        return f"{first_name} {last_name}".strip() or email


class SignedLinkQuerySet(models.QuerySet["SignedLink"]):
    def expired(self, now: datetime.datetime) -> SignedLinkQuerySet:
        """Links expired more than RETENTION["signed_link_grace_days"] days before `now` (the grace lets a
        late click still say "this link has expired" rather than "not found")."""
        return self.filter(expires_at__lt=now - datetime.timedelta(days=policy("signed_link_grace_days")))

    def email_waiting(
        self, before: datetime.datetime, since: datetime.datetime | None = None, *, purpose: str
    ) -> SignedLinkQuerySet:
        """Links for `purpose` made in that span for someone to be emailed, never emailed, still unused and
        working: what a lost message left unsent (core.requeue)."""
        rows = self.exclude(recipient_email="").filter(
            purpose=purpose, emailed_at__isnull=True, used_at__isnull=True, expires_at__gt=timezone.now()
        )
        return queued_between(rows, "created_at", before, since)


class SignedLink(models.Model):
    """One task for someone without an account, reached through a signed URL (/r/<token>/).

    The token carries only this row's id, signed; the row says what the task is (`purpose` and
    `payload`, made of ids), until when it works, and whether it was used. Apps register a handler
    per purpose (accounts.signed_links.register), so this app knows nothing of the domain.
    """

    purpose = models.CharField(max_length=50)
    payload = models.JSONField(default=dict)
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_email = models.EmailField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True, help_text="When the link was emailed, if it was.")
    # A worker took the email on (accounts.background.claimed_until_sent); emailed_at is set once it went out.
    email_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SignedLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["purpose", "used_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} link #{self.pk}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
