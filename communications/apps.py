from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "communications"

    def ready(self):
        from auditlog.registry import auditlog

        from communications import models

        # Who changed what, when: log entries are corrected and voided, never deleted.
        auditlog.register(models.LogEntry)
