"""The Celery app. Settings come from Django's, under the CELERY_ prefix."""

import os
from pathlib import Path

from celery import Celery
from celery.schedules import crontab
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("schoolbridge")
app.config_from_object("django.conf:settings", namespace="CELERY")


def _task_packages() -> list[str]:
    """Every installed app and each feature package inside one: Celery loads `<package>.tasks` where it
    exists, so a feature's tasks register without anyone importing them for it."""
    from django.apps import apps

    packages = []
    for config in apps.get_app_configs():
        packages.append(config.name)
        root = Path(config.path)
        packages += [f"{config.name}.{sub.name}" for sub in sorted(root.iterdir()) if (sub / "tasks.py").is_file()]
    return packages


app.autodiscover_tasks(_task_packages)


@after_setup_logger.connect
@after_setup_task_logger.connect
def redact_worker_logs(logger, **kwargs):
    """The worker sets up its own log handlers (not Django's LOGGING): tokens, query strings and tracebacks
    are redacted there too (core.logging)."""
    from core.logging import redact_handlers

    redact_handlers(logger)


# The beat schedule lives in code, in CELERY_TIMEZONE (the district's TIME_ZONE). Run exactly one beat.
app.conf.beat_schedule = {
    "sweep-reminders": {
        "task": "communications.tasks.sweep_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
    # Queued work whose message was lost (a broker outage, retries cut short), queued again: reminders, emails,
    # imports and exports, each kind registered by its app (core.requeue). The rows say what is still waiting.
    "requeue-lost-work": {
        "task": "accounts.tasks.requeue_lost_work",
        "schedule": crontab(minute="*/5"),
    },
    "send-reminder-digests": {
        "task": "communications.tasks.send_reminder_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Once a day, after the night's changes and before anyone looks: each partnership's health and the
    # district's figures (the charts), then old exports deleted. Each is idempotent for its day.
    "snapshot-health": {
        "task": "dashboard.health.tasks.snapshot_health",
        "schedule": crontab(hour=5, minute=0),
    },
    "snapshot-district": {
        "task": "dashboard.reports.tasks.snapshot_district",
        "schedule": crontab(hour=5, minute=30),
    },
    # The retention policy (settings.RETENTION): what has expired is deleted for real, and the run recorded.
    "purge-expired": {
        "task": "dashboard.retention.tasks.purge_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    "purge-expired-exports": {
        "task": "dashboard.exports.tasks.purge_expired_exports",
        "schedule": crontab(hour=4, minute=0),
    },
}


@app.on_after_configure.connect
def _make_filesystem_broker_folders(sender, **kwargs):
    """kombu's filesystem transport needs its folders to exist before anyone publishes."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)
