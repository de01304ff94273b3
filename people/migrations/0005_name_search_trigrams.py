"""Trigram indexes for the people search on PostgreSQL: a name search (`icontains`, which
PostgreSQL runs as UPPER(name) LIKE '%WORD%') reads the index instead of every person.
pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.
SQLite has no such index and searches its rows as before."""

from django.db import migrations

NAMES = ["given_names", "family_name", "preferred_name"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name in NAMES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "people_person_{name}_trgm" ON "people_person" '
            f'USING gin (UPPER("{name}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in NAMES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "people_person_{name}_trgm"')


class Migration(migrations.Migration):
    dependencies = [("people", "0004_closing_reasons")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
