"""On PostgreSQL a name search reads the trigram indexes rather than every person."""

import pytest
from django.db import connection

from people.models import Person
from people.selectors import people_search


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Trigram indexes are PostgreSQL's: this runs in CI's PostgreSQL pass",
)
def test_a_name_search_uses_the_trigram_indexes(db):
    found = people_search(Person.objects.all(), q="smith", status="all")
    with connection.cursor() as cursor:
        # A test database is too small for the planner to prefer an index by itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = found.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for name in ["given_names", "family_name", "preferred_name"]:
        assert f"people_person_{name}_trgm" in plan, plan
