"""The demo district as plain data, one module per app. Days are relative to today; people,
organizations and placements are named, and the seeders in demo/seeders/ turn the names into rows."""

from typing import Any

# One record as the data modules write it and the seeders read it: names, day offsets and nested lists.
Spec = dict[str, Any]
