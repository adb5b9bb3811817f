"""How django-axes names the account a failed login tried, and counts failures per account and per address."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


def axes_username(request, credentials) -> str | None:
    """The email that was typed, lower-cased: login ignores case, so the lockout must too."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return username.strip().lower() if username else username


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Two limits where django-axes has one (AXES_FAILURE_LIMIT for the largest count of any lockout parameter):
    AXES_LOCKOUT_PARAMETERS is [account from this address, this address], and the address is locked at its own,
    higher AXES_ADDRESS_FAILURE_LIMIT (a school's whole building may share one public address), after which
    it counts as locked for every account. A successful sign-in forgives only that account's failures from
    the address, not the address's: else a sign-in to one's own account would reset a guessing run."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        account, address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(account, get_failure_limit(request, credentials))
        return account

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        account_from_address = self.filter_user_attempts(request, credentials)[0]
        deleted, _ = account_from_address.delete()
        return deleted
