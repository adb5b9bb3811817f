from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "students"

    def ready(self):
        # Registers the evaluation link handler and the gate's own checks.
        from students import links, readiness  # noqa: F401
