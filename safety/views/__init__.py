"""Coordinator pages for student safety, one module per record kind: the dashboard (what is due), background
checks, site visits, check-ins, concerns, protocols and the district's policy.

AccessMiddleware already keeps everyone but coordinators out; each write also checks the model
permission. Records with legal weight are voided (services.void), never deleted, and their
django-auditlog history is shown in words on their pages (core.history).
"""
