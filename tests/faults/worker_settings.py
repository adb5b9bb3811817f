"""Settings for a worker process a fault test starts (and kills): the project's own, with a private queue, a
short visibility timeout (an unacknowledged message comes back in seconds, not an hour), emails to files, and
a switch that holds a reminder's dispatch mid-task while a file exists (FAULTS_HOLD), saying so (FAULTS_HELD)."""

import os
import time
from pathlib import Path

from django.db.backends.signals import connection_created

from config.settings import *  # noqa: F403
from config.settings import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_TASK_DEFAULT_QUEUE = os.environ["FAULTS_QUEUE"]
# Its keys (the unacknowledged set too) apart from every other worker on the same Redis, so this worker's short
# visibility timeout brings back only its own messages; and it looks for them every second.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "global_keyprefix": f"{CELERY_TASK_DEFAULT_QUEUE}:",
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

HOLD, HELD = Path(os.environ["FAULTS_HOLD"]), Path(os.environ["FAULTS_HELD"])


def _hold_before_notifying(execute, sql, params, many, context):
    """Mid-task: the reminder is claimed for this attempt, nobody is emailed yet."""
    if 'INSERT INTO "communications_notification"' in sql and HOLD.exists():
        HELD.write_text(str(os.getpid()))
        while HOLD.exists():
            time.sleep(0.05)
    return execute(sql, params, many, context)


def _install(sender, connection, **kwargs):
    connection.execute_wrappers.append(_hold_before_notifying)


connection_created.connect(_install)
