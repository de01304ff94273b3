"""`replica()` names the database for a read that may lag; the router keeps every write and
every migration on the primary, and what a replica read leads to is read there too."""

from django.apps import apps
from django.conf import settings
from django.db import router

from people.models import Person
from reading.databases import replica
from tests.factories import ConversationFactory


def test_it_reads_on_the_primary_when_there_is_no_replica():
    assert "replica" not in settings.DATABASES
    assert replica() == "default"


def test_it_reads_on_the_replica_once_one_is_configured(replica_connection):
    assert replica() == "replica"


def test_it_never_migrates_the_replica():
    for model in apps.get_models():
        meta = model._meta
        assert router.allow_migrate("replica", meta.app_label, model_name=meta.model_name) is False
        assert router.allow_migrate("default", meta.app_label, model_name=meta.model_name)
    # A migration's RunSQL or RunPython, which names no model.
    assert router.allow_migrate("replica", "people") is False


def test_it_writes_on_the_primary_whatever_the_object_was_read_from(replica_connection, person):
    read = Person.objects.using("replica").get(pk=person.pk)
    assert router.db_for_write(Person, instance=read) == "default"
    assert router.db_for_write(Person) == "default"


def test_a_record_read_on_the_replica_is_saved_on_the_primary(reads, person):
    read = Person.objects.using("replica").get(pk=person.pk)
    read.preferred_name = "Bee"
    with reads() as (primary, on_replica):
        read.save()
    assert on_replica.captured_queries == []
    assert any(query["sql"].startswith("UPDATE") for query in primary.captured_queries)
    assert Person.objects.get(pk=person.pk).preferred_name == "Bee"


def test_a_new_row_may_point_at_a_row_read_on_the_replica(reads, person, practitioner):
    read = Person.objects.using("replica").get(pk=person.pk)
    with reads() as (primary, on_replica):
        conversation = ConversationFactory(person=read, practitioner=practitioner)
    assert on_replica.captured_queries == []
    assert conversation._state.db == "default"
    assert person.conversations.get() == conversation


def test_what_a_replica_read_leads_to_is_read_there_too(reads, person, practitioner):
    ConversationFactory(person=person, practitioner=practitioner)
    with reads() as (primary, on_replica):
        read = Person.objects.using("replica").prefetch_related("conversations").get(pk=person.pk)
        assert read.team.name == person.team.name  # a related row, fetched when asked for
        assert [c.practitioner for c in read.conversations.all()] == [practitioner]
    assert primary.captured_queries == []
    assert len(on_replica.captured_queries) == 4  # the person, conversations, team, practitioner
