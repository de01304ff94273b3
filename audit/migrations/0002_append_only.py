"""The database itself refuses to change an entry of the access log, or (on
PostgreSQL) to delete one, whatever code or console asks."""

from django.db import migrations

POSTGRESQL = """
CREATE FUNCTION audit_recordview_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log cannot be changed or deleted';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_recordview_no_update BEFORE UPDATE OR DELETE ON audit_recordview
    FOR EACH ROW EXECUTE FUNCTION audit_recordview_append_only();
"""
POSTGRESQL_UNDO = """
DROP TRIGGER IF EXISTS audit_recordview_no_update ON audit_recordview;
DROP FUNCTION IF EXISTS audit_recordview_append_only();
"""
# SQLite: updates only, as the test runner empties tables with DELETE between tests.
SQLITE = """
CREATE TRIGGER audit_recordview_no_update BEFORE UPDATE ON audit_recordview
BEGIN
    SELECT RAISE(ABORT, 'The access log cannot be changed');
END;
"""
SQLITE_UNDO = "DROP TRIGGER IF EXISTS audit_recordview_no_update;"


def add_triggers(apps, schema_editor):
    sql = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def remove_triggers(apps, schema_editor):
    sql = {"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}.get(
        schema_editor.connection.vendor
    )
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(add_triggers, remove_triggers)]
