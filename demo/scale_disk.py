"""How much disk the scale data needs, and whether the database's disk has that free.

Each kind of row's bytes are as PostgreSQL 15 stored them with their indexes
(`pg_total_relation_size` over the rows of a generated database of 1,000,000
conversations); SQLite stores less. A quarter more is asked for, and 1 GB for the
write-ahead log PostgreSQL keeps until its next checkpoint.
"""

import shutil
from pathlib import Path

from django.db import connection

ROW_BYTES = {
    "people": 450,
    "people's versions": 450,
    "conversations": 750,
    "conversations' versions": 750,
    "reviews": 130,
    "actions": 230,
    "network members": 260,
    "reciprocity notes": 160,
    "community resources": 1_050,
    "connections": 210,
}
MARGIN = 1.25
WAL_BYTES = 1_000_000_000
# What the generator makes for each of what it is asked for (generate_scale_data).
REVIEWS_PER_CONVERSATION = 2
ACTIONS_PER_CONVERSATION = 0.4
NOTES_PER_MEMBER = 0.5
# A person with history has two or three versions, a conversation with history mostly three.
VERSIONS_PER_PERSON = 2.2
VERSIONS_PER_CONVERSATION = 2.9


def bytes_needed(options: dict) -> int:
    """The disk the scale data takes, for generate_scale_data's options."""
    conversations, members = options["conversations"], options["network_members"]
    share = options["history"]
    rows = {
        "people": options["people"],
        "people's versions": options["people"] * share * VERSIONS_PER_PERSON,
        "conversations": conversations,
        "conversations' versions": conversations * share * VERSIONS_PER_CONVERSATION,
        "reviews": conversations * REVIEWS_PER_CONVERSATION,
        "actions": conversations * ACTIONS_PER_CONVERSATION,
        "network members": members,
        "reciprocity notes": members * NOTES_PER_MEMBER,
        "community resources": options["resources"],
        "connections": options["connections"],
    }
    data = sum(count * ROW_BYTES[kind] for kind, count in rows.items())
    return int(data * MARGIN + WAL_BYTES)


def database_directory() -> Path | None:
    """Where the database's files are, when they are on this machine: the SQLite file's
    folder, or the data directory of a PostgreSQL server on loopback; otherwise None."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            return None
        return Path(name).resolve().parent
    if connection.vendor == "postgresql" and settings["HOST"] in {"", "127.0.0.1", "localhost"}:
        with connection.cursor() as cursor:
            # Superusers and pg_read_all_settings may read it; anyone else gets an error.
            cursor.execute("SELECT setting FROM pg_settings WHERE name = 'data_directory'")
            found = cursor.fetchone()
        if found and Path(found[0]).is_dir():
            return Path(found[0])
    return None


def disk_check(needed: int) -> tuple[bool, str]:
    """Whether the database's disk has `needed` bytes free, and what to say of it."""
    wanted = f"about {needed / 1e9:.1f} GB"
    directory = database_directory()
    if directory is None:
        return True, f"This needs {wanted} of disk where the database keeps its files"
    free = shutil.disk_usage(directory).free
    if free < needed:
        return False, (
            f"Not enough disk: this needs {wanted} and {directory} has "
            f"{free / 1e9:.1f} GB free. Free some space, or ask for fewer --people."
        )
    return True, f"This needs {wanted} of disk; {directory} has {free / 1e9:.1f} GB free"
