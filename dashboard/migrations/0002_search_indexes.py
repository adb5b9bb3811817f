"""The search's indexes on PostgreSQL (dashboard.search.documents): the unaccent extension, an IMMUTABLE
wrapper of it that an index expression may call, and a GIN index on each text-search document the search
filters on, written as the very expression Django generates for it. Nothing on SQLite, which searches with
LIKE."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# (index, table, fields): each document is to_tsvector('simple', the fields unaccented, joined by a space).
DOCUMENTS = [
    ("search_partnership", "partnerships_partnership", ["name"]),
    ("search_organization", "partnerships_organization", ["name", "city"]),
    ("search_organization_name", "partnerships_organization", ["name"]),
    ("search_contact", "partnerships_contact", ["first_name", "last_name", "email", "title"]),
    ("search_student", "students_student", ["legal_first_name", "preferred_first_name", "last_name"]),
]


def _document(fields):
    joined = " || ' ' || ".join(f"COALESCE(schoolbridge_unaccent({field}), '')" for field in fields)
    return f"to_tsvector('simple'::regconfig, {joined})"


class OnPostgreSQL(migrations.RunSQL):
    """RunSQL that does nothing on any other database. `sql` may be a callable of the schema editor."""

    def _run(self, schema_editor, sqls):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in sqls(schema_editor) if callable(sqls) else sqls:
            schema_editor.execute(sql, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(schema_editor, self.sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(schema_editor, self.reverse_sql)


def create_unaccent_wrapper(schema_editor):
    # unaccent is STABLE (its dictionary is found through search_path); naming its schema makes it safe to
    # declare IMMUTABLE, as an index expression requires.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
        [schema] = cursor.fetchone()
    schema = schema_editor.quote_name(schema)
    return [
        "CREATE OR REPLACE FUNCTION schoolbridge_unaccent(text) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
        f" AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$"
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_initial"),
        ("partnerships", "0008_health_score"),
        ("students", "0004_hours_rejection_and_disclosures"),
    ]

    operations = [
        UnaccentExtension(),  # itself nothing on a database other than PostgreSQL
        OnPostgreSQL(create_unaccent_wrapper, ["DROP FUNCTION schoolbridge_unaccent(text)"]),
        OnPostgreSQL(
            [f"CREATE INDEX {index} ON {table} USING gin ({_document(fields)})" for index, table, fields in DOCUMENTS],
            [f"DROP INDEX {index}" for index, _table, _fields in DOCUMENTS],
        ),
    ]
