from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from accounts.roles import sync_coordinator_group

    sync_coordinator_group()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Runs after each app's migrations; by the last one every permission exists.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
