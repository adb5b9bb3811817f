"""Settings for a worker process a fault test starts (and kills): the project's own, with a private queue, a
short visibility timeout (an unacknowledged message comes back in seconds, not an hour), emails to files, and
switches that hold a reminder's dispatch mid-task while a file exists, saying so (FAULTS_HELD): before anyone is
notified (FAULTS_HOLD), or once an email is claimed and before it goes to the mail server (FAULTS_HOLD_CLAIMED)."""

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
HOLD_CLAIMED = Path(os.environ["FAULTS_HOLD_CLAIMED"])


def _hold(switch: Path) -> None:
    HELD.write_text(str(os.getpid()))
    while switch.exists():
        time.sleep(0.05)


def _hold_before_notifying(execute, sql, params, many, context):
    """Mid-task: the reminder is claimed for this attempt, nobody is emailed yet; or an email is claimed (the
    claim written) and not yet sent."""
    if 'INSERT INTO "communications_notification"' in sql and HOLD.exists():
        _hold(HOLD)
    result = execute(sql, params, many, context)
    if sql.startswith('UPDATE "communications_notification" SET "email_claimed_at"') and HOLD_CLAIMED.exists():
        _hold(HOLD_CLAIMED)
    return result


def _install(sender, connection, **kwargs):
    connection.execute_wrappers.append(_hold_before_notifying)


connection_created.connect(_install)
