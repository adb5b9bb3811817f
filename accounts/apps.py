import time

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from accounts.roles import sync_coordinator_group

    sync_coordinator_group()


def _seen_at_sign_in(sender, request, user, **kwargs):
    """Signing in counts as activity: the idle clock starts now, and the first page after it writes nothing."""
    from accounts.middleware import LAST_SEEN

    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = time.time()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import retention  # noqa: F401  (registers its kinds of expired data)

        # Runs after each app's migrations; by the last one every permission exists.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
        user_logged_in.connect(_seen_at_sign_in, dispatch_uid="accounts.seen_at_sign_in")

        # Who may sign in and with what rights (the coordinator group is a membership too), and who changed
        # that. Only these fields: never the password hash, and not the time of each sign-in.
        from auditlog.registry import auditlog

        from accounts.models import User

        auditlog.register(
            User,
            include_fields=["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser"],
            m2m_fields={"groups"},
        )
