"""
CSV import of students and placements: read, check in full (a dry run), then write all or nothing.

- `parse(kind, raw_bytes)` reads the bytes into rows and checks the encoding, delimiter and header.
- `validate(kind, rows)` checks every row with the same rules as the forms and the placement service,
  looking things up in bulk (a few queries for the whole file, never one per row).
- `check(job)` is the dry run after an upload; `apply(job)` checks the file again and writes it in one
  transaction; `start(job)` applies small files at once and queues large ones for `run_import`.

Every error is a dict {"line": n, "column": name or "", "message": plain words}; the header is line 1.
Logs name job ids and counts only, never student data.
"""
