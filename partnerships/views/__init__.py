"""Coordinator views for organizations, contacts and partnerships, one module per kind of record.

The staff prefix is guarded by accounts.middleware.AccessMiddleware (signed-in coordinators only);
each view that writes also checks the model permission. Objects are loaded through the helpers in
`common`, which answer 404 for anything the user may not see.
"""
