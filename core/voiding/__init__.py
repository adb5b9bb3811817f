"""Records with legal weight are voided, never deleted: who voided them, when and why stay on the row.

`models` (the abstract `Voidable` and its `live()` queryset), `services.void`, `forms.VoidForm` and
`views.void_page` (the confirmation page). Apps add what voiding means for them around `void`: a
background check's void pauses the placements it cleared someone for (safety.services.void).
"""
