"""Removes the query strings the access log kept until now: they held what people
searched for (names, NHS numbers, postcodes). Where the query string was a search,
the entry says so without saying what.

The access log is append-only, down to the database's triggers; this migration,
and only this one, steps past them: on PostgreSQL it disables the trigger for the
one UPDATE inside the migration's transaction, on SQLite it drops and recreates it.
"""

from django.db import migrations

SEARCHED = "search (terms not kept)"

POSTGRESQL = f"""
ALTER TABLE audit_recordview DISABLE TRIGGER audit_recordview_no_update;
UPDATE audit_recordview
   SET search = CASE WHEN path ~ '[?&]q=' THEN '{SEARCHED}' ELSE search END,
       path = split_part(path, '?', 1)
 WHERE strpos(path, '?') > 0;
ALTER TABLE audit_recordview ENABLE TRIGGER audit_recordview_no_update;
"""
SQLITE = [
    "DROP TRIGGER IF EXISTS audit_recordview_no_update;",
    f"""
    UPDATE audit_recordview
       SET search = CASE WHEN path LIKE '%?q=%' OR path LIKE '%&q=%' THEN '{SEARCHED}'
                    ELSE search END,
           path = substr(path, 1, instr(path, '?') - 1)
     WHERE instr(path, '?') > 0;
    """,
    """
    CREATE TRIGGER audit_recordview_no_update BEFORE UPDATE ON audit_recordview
    BEGIN
        SELECT RAISE(ABORT, 'The access log cannot be changed');
    END;
    """,
]


def strip_query_strings(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_who_from_why_and_no_search_terms")]

    # There is nothing to put back: the search terms are gone on purpose.
    operations = [migrations.RunPython(strip_query_strings, migrations.RunPython.noop)]
