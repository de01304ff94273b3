import io
import shutil
from binascii import unhexlify

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp

from accounts.models import Team, User
from community.models import CommunityResource, Connection
from conversations.models import Conversation, Review
from demo import scale_disk
from demo.management.commands.generate_scale_data import SECOND_FACTOR_KEY
from networks.models import NetworkMember, ReciprocityNote
from people.models import Person
from tests.conftest import pass_second_factor

SMALL = [
    "--teams", "2", "--practitioners", "4", "--people", "60", "--conversations", "600",
    "--network-members", "360", "--resources", "20", "--connections", "180",
]  # fmt: skip


def generate(*arguments: str) -> str:
    out = io.StringIO()
    call_command("generate_scale_data", *(arguments or SMALL), stdout=out)
    return out.getvalue()


def test_it_makes_as_many_records_as_asked_and_says_how_it_goes(db):
    output = generate()
    assert "600 conversations, with their reviews and actions" in output and "Done." in output
    assert (Person.objects.count(), Conversation.objects.count()) == (60, 600)
    assert (NetworkMember.objects.count(), Connection.objects.count()) == (360, 180)
    assert CommunityResource.objects.count() == 20 and ReciprocityNote.objects.exists()
    assert User.objects.filter(email__endswith="@scale.example.org").count() == 4 + 2 + 1


def test_its_records_are_those_the_app_expects(db, client):
    generate()
    assert set(Conversation.objects.values_list("stage", flat=True)) == {1, 2, 3}
    signed_off = Conversation.objects.filter(status="signed_off").count()
    assert Review.objects.filter(kind="signed_off").count() == signed_off
    practitioner = User.objects.get(email="practitioner1@scale.example.org")
    assert practitioner.check_password("scale data password") and practitioner.works_with_people
    person = Person.objects.filter(practitioner=practitioner).first()
    pass_second_factor(client, practitioner)
    assert client.get(f"/people/{person.code}/").status_code == 200
    # The ids given up front leave the sequences ready for the app's own records.
    assert (
        Person.objects.create(team=person.team, given_names="New", family_name="Person").pk
        > person.pk
    )


def test_it_will_not_generate_twice_into_one_database(db):
    generate()
    with pytest.raises(CommandError, match="already here"):
        generate()


def test_it_gives_each_person_ten_conversations_unless_told(db):
    generate("--teams", "2", "--practitioners", "4", "--people", "30", "--resources", "5")
    assert Conversation.objects.count() == 300 and NetworkMember.objects.count() == 180
    assert Connection.objects.count() == 90


def test_a_share_of_people_and_conversations_have_earlier_versions(db):
    generate(*SMALL, "--history", "0.5")
    versions = Person.history.filter(history_user__isnull=False)
    assert 40 <= versions.count() <= 120 and not Person.history.filter(history_user=None).exists()
    person = Person.objects.get(pk=versions.first().id)
    newest, *_, oldest = person.history.all()
    assert (oldest.history_type, newest.history_type) == ("+", "~")
    assert (newest.postcode, newest.status) == (person.postcode, person.status)
    with_history = Conversation.history.values("id")
    signed_off = Conversation.objects.filter(status="signed_off", pk__in=with_history).first()
    newest, submitted, begun = signed_off.history.all()
    assert [begun.status, submitted.status, newest.status] == ["draft", "submitted", "signed_off"]
    assert newest.history_user_id == signed_off.reviewed_by_id


def test_its_staff_pass_the_second_factor_with_the_known_key(db, client):
    generate()
    client.post(
        "/sign-in/", {"username": "lead1@scale.example.org", "password": "scale data password"}
    )
    assert client.get("/review/").url.startswith("/second-factor/check/")
    code = totp(unhexlify(SECOND_FACTOR_KEY))
    client.post("/second-factor/check/", {"code": f"{code:06d}"})
    assert client.get("/review/").status_code == 200


def test_it_refuses_when_the_database_disk_has_not_the_room(db, monkeypatch, tmp_path):
    monkeypatch.setattr(scale_disk, "database_directory", lambda: tmp_path)
    monkeypatch.setattr(
        shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 0, 10**6)
    )
    with pytest.raises(CommandError, match=f"this needs about 1.0 GB and {tmp_path} has 0.0 GB"):
        generate()
    assert not Team.objects.exists()
    monkeypatch.setattr(scale_disk, "database_directory", lambda: None)  # out of sight
    assert "This needs about 1.0 GB of disk where the database keeps" in generate()


def test_it_leaves_every_foreign_key_as_it_found_it(db):
    # On PostgreSQL they are dropped while the rows are copied in, and added again after.
    from django.db import connection

    def foreign_keys() -> dict[str, set]:
        with connection.cursor() as cursor:
            return {
                model._meta.db_table: {
                    (tuple(found["columns"]), found["foreign_key"])
                    for found in connection.introspection.get_constraints(
                        cursor, model._meta.db_table
                    ).values()
                    if found["foreign_key"]
                }
                for model in [Person, Conversation, Review, NetworkMember, Connection]
            }

    before = foreign_keys()
    generate()
    assert foreign_keys() == before
    assert all(before.values())
