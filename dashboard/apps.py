from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = ("districtsnapshot",)

    def ready(self):
        # An export whose message was lost, queued again by the beat (core.requeue). A job ends by itself.
        from core import requeue
        from dashboard.exports.tasks import build_export
        from dashboard.models import ExportJob
        from dashboard.retention import kinds  # noqa: F401  (registers the exports' kind of expired data)

        requeue.register(requeue.Kind("exports", ExportJob.objects.start_waiting, build_export, horizon=None))
