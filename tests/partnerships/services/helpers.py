"""What the partnership service tests share."""

from partnerships.models import (
    Partnership,
    PointOfContact,
)

Status = Partnership.Status


PRIMARY = PointOfContact.Role.PRIMARY


BACKUP = PointOfContact.Role.BACKUP


def current_primary(partnership, side):
    return PointOfContact.objects.filter(partnership=partnership, side=side).current().primary().get()
