"""The cast every test is built on: two teams, their staff, an administrator and an
information governance officer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role

from .factories import PersonFactory, TeamFactory, UserFactory
from .migration_data import roles_are_there


@pytest.fixture(autouse=True)
def _plain_static_files(settings, tmp_path):
    # Tests do not run collectstatic, so the hashed-name manifest does not exist.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        # What jobs keep (uploads waiting, reports) goes to a folder of each test's own.
        "jobs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "jobs")},
        },
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the tests' commits (building the test database, the browser journeys)
    do not wait for the disk: a crash would lose a test database, nothing else."""
    from django.db import connections

    for alias in connections:
        options = connections[alias].settings_dict.setdefault("OPTIONS", {})
        if connections[alias].vendor == "postgresql":
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off"


@pytest.fixture(autouse=True, scope="session")
def _quick_flush_on_postgresql():
    """A test with transactions (the browser journeys) empties the database after it.
    PostgreSQL's TRUNCATE of every table takes most of a second, each time; deleting the
    few rows a test wrote takes a tenth of that. The foreign keys are checked when the
    flush commits, when every row is gone; the tables a trigger guards are truncated."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        # The access log refuses DELETE (a trigger keeps it append-only): it is truncated.
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
            )
            guarded = {name.strip('"') for (name,) in cursor.fetchall()} & set(tables)
        if reset_sequences or not tables:
            guarded = set(tables)
        deleted = [table for table in tables if table not in guarded]
        return [
            *truncate(
                self, style, sorted(guarded), reset_sequences=reset_sequences, allow_cascade=True
            ),
            "SET CONSTRAINTS ALL DEFERRED;",
            *(f"DELETE FROM {self.quote_name(table)};" for table in deleted),
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.sql_flush = truncate  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _empty_cache():
    # What one test computed (service measures) must not answer for the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; the tests make hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_not_required(settings):
    """Tests sign their cast in with `force_login`, by password at most: no role needs a
    second factor here, so that a lead's every page is the page and not "set up your second
    factor". The tests that need it say so with `second_factor_required` (tests/second_factor/
    walks every page with it on). A user who has a second factor is still asked for it."""
    settings.SECOND_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def second_factor_required(settings):
    """The roles that need a second factor, as configured."""
    from config import settings as configured

    settings.SECOND_FACTOR_REQUIRED_ROLES = configured.SECOND_FACTOR_REQUIRED_ROLES


def pass_second_factor(client, user) -> None:
    """Signs `user` in on `client` as having passed a second factor (recovery codes of their
    own), for pages that always need one, like the Django admin's."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _migration_data(request):
    """The roles are there for every test with a database, whichever test ran before it in
    this process (with pytest-xdist, a browser test's flush may come before any test)."""
    if not {"db", "transactional_db"} & set(request.fixturenames):
        return
    kind = "transactional_db" if "transactional_db" in request.fixturenames else "db"
    request.getfixturevalue(kind)
    roles_are_there()


@pytest.fixture
def count_queries():
    """How many queries a signed-in GET of a page runs (it must answer 200)."""

    def count(client, url: str, params: dict | None = None) -> int:
        # Once first, so that the session's own bookkeeping is not counted.
        client.get(url, params or {})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params or {})
            assert response.status_code == 200
            # A streamed page reads as it is sent: its queries run as its content is read.
            response.getvalue()
        return len(queries)

    return count


@pytest.fixture
def team(db):
    return TeamFactory(name="North locality team")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="South locality team")


@pytest.fixture
def practitioner(team):
    return UserFactory(full_name="Priya Shah", teams=[team], roles=[Role.PRACTITIONER])


@pytest.fixture
def team_lead(team):
    return UserFactory(full_name="Tom Okafor", teams=[team], roles=[Role.TEAM_LEAD])


@pytest.fixture
def other_practitioner(other_team):
    return UserFactory(full_name="Sam Ellis", teams=[other_team], roles=[Role.PRACTITIONER])


@pytest.fixture
def administrator(db):
    return UserFactory(full_name="Alex Morgan", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def information_governance(db):
    return UserFactory(full_name="Ines Garcia", roles=[Role.INFORMATION_GOVERNANCE])


@pytest.fixture
def principal_social_worker(db):
    return UserFactory(full_name="Paula Shah", roles=[Role.PRINCIPAL_SOCIAL_WORKER])


@pytest.fixture
def person(team, practitioner):
    return PersonFactory(team=team, practitioner=practitioner)


@pytest.fixture
def other_person(other_team, other_practitioner):
    # Names no page would contain by chance, so "not shown" checks cannot pass or fail by luck.
    return PersonFactory(
        team=other_team,
        practitioner=other_practitioner,
        preferred_name="Zebedee",
        given_names="Zebedee",
        family_name="Quartermaine-Otherteam",
    )
