"""What the safety service tests share."""

from safety.models import BackgroundCheck, SafetyConcern
from students.models import Placement

Status = Placement.Status


CheckStatus = BackgroundCheck.Status


Severity = SafetyConcern.Severity


ConcernStatus = SafetyConcern.Status
