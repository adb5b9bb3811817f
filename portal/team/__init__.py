"""The business's team in the portal, for its administrators: who uses the portal, inviting colleagues,
withdrawing an invitation, ending someone's access."""
