from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo district: data modules (demo/data/), one seeder per app (demo/seeders/) and `seed_demo`.
    The top layer: it may import every app, and no app imports it."""

    name = "demo"
