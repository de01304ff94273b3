"""The documented backup and restore, run for real against PostgreSQL."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from community.models import CommunityResource
from conversations.models import Conversation
from people.models import Person
from tests.factories import (
    CommunityResourceFactory,
    ConversationFactory,
    PersonFactory,
    UserFactory,
)

OPS = Path(__file__).resolve().parents[2] / "ops"
TABLES = [Person, Conversation, CommunityResource]


def url_for(name: str) -> str:
    settings = connection.settings_dict
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Backups are of the production database, PostgreSQL: this runs in CI's PostgreSQL pass",
)
def test_a_backup_restores_into_a_new_database(transactional_db, tmp_path):
    # Committed, so that pg_dump's own connection sees it; made without roles, which
    # live in migration data that a transactional test's flush removes.
    author = UserFactory()
    person = PersonFactory(family_name="Backed-Up")
    ConversationFactory(person=person, practitioner=author, what_matters="My garden")
    CommunityResourceFactory(name="St Chad's lunch club")
    backup = tmp_path / "what-matters.dump"
    env = {**os.environ, "DATABASE_URL": url_for(connection.settings_dict["NAME"])}
    subprocess.run([OPS / "backup.sh", backup], env=env, check=True, capture_output=True)

    restored = f"restore_check_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        env["DATABASE_URL"] = url_for(restored)
        subprocess.run([OPS / "restore.sh", backup], env=env, check=True, capture_output=True)
        with psycopg.connect(url_for(restored)) as copy:
            for model in TABLES:
                table = model._meta.db_table
                count = copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                assert count == model._default_manager.count(), table
            row = copy.execute("SELECT what_matters FROM conversations_conversation").fetchone()
            assert row == ("My garden",)
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
