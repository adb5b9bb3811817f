import importlib
import importlib.util
import pkgutil

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        # Each feature package may list its open items for the home page (portal.actions) in `actions.py`.
        import portal

        for module in pkgutil.iter_modules(portal.__path__):
            if module.ispkg and importlib.util.find_spec(f"portal.{module.name}.actions"):
                importlib.import_module(f"portal.{module.name}.actions")
