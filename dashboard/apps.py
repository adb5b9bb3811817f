from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = ("districtsnapshot",)
