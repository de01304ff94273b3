import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from community.models import CommunityResource, Connection
from conversations.models import Conversation, Review
from networks.models import NetworkMember, ReciprocityNote
from people.models import Person

SMALL = [
    "--teams", "2", "--practitioners", "4", "--people", "60", "--conversations", "600",
    "--network-members", "360", "--resources", "20", "--connections", "180",
]  # fmt: skip


def generate() -> str:
    out = io.StringIO()
    call_command("generate_scale_data", *SMALL, stdout=out)
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
    client.force_login(practitioner)
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
