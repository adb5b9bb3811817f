from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = ("districtsnapshot",)

    def ready(self):
        from dashboard.retention import kinds  # noqa: F401  (registers the exports' kind of expired data)
