"""One module per kind of CSV export, each registering its ExportKind (dashboard.exports.registry)."""

from __future__ import annotations

import importlib
import pkgutil


def load() -> None:
    """Import every module here, so each registers its kind once (a module is imported only once)."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
