import datetime
import io

from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team
from community.models import Connection
from conversations.models import Conversation
from measures.selectors import Period, service_measures
from networks.models import NetworkMember
from people.models import Person
from tests.factories import (
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    PersonFactory,
)

LONG_AGO = datetime.date(2010, 5, 1)


def closed_long_ago(team, practitioner, **names):
    person = PersonFactory(
        team=team,
        practitioner=practitioner,
        nhs_number="9434765919",
        first_contact_date=datetime.date(2008, 11, 3),
        **names,
    )
    ConversationFactory(
        person=person,
        practitioner=practitioner,
        date=datetime.date(2009, 1, 5),
        outcome="resolved",
        what_matters="Private words",
    )
    NetworkMemberFactory(person=person, name="Pat Hughes", person_gives="Seedlings")
    ConnectionFactory(person=person, notes="Goes on Thursdays")
    person.close(reason="Moved away", by=practitioner)
    Person.objects.filter(pk=person.pk).update(status_changed_on=LONG_AGO)
    return person


def run(*args) -> str:
    out = io.StringIO()
    call_command("anonymise_closed_records", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_who_would_be_anonymised_and_changes_nothing(team, practitioner):
    person = closed_long_ago(team, practitioner, family_name="Doyle")
    PersonFactory(team=team, family_name="Still-Open")
    output = run("--dry-run")
    assert str(person.code) in output and "Would anonymise 1 record past retention" in output
    person.refresh_from_db()
    assert person.family_name == "Doyle" and person.anonymised_on is None


def test_it_removes_what_identifies_and_keeps_the_shape(team, practitioner):
    person = closed_long_ago(team, practitioner, family_name="Doyle")
    run()
    person.refresh_from_db()
    assert (
        person.family_name != "Doyle" and person.nhs_number == "" and person.date_of_birth is None
    )
    assert person.anonymised_on == timezone.localdate()
    conversation = Conversation.objects.get(person=person)
    assert conversation.what_matters == "(removed)" and conversation.outcome == "resolved"
    assert NetworkMember.objects.get(person=person).name == "(removed)"
    assert Connection.objects.get(person=person).notes == ""
    assert not person.history.exists() and not conversation.history.exists()


def test_it_leaves_recent_closures_and_can_be_told_another_period(team, practitioner):
    person = closed_long_ago(team, practitioner, family_name="Doyle")
    Person.objects.filter(pk=person.pk).update(
        status_changed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    assert "Anonymised 0 records" in run()
    assert "Anonymised 1 record past retention" in run("--first-contact-years", "1")


def test_the_measures_do_not_change(team, practitioner):
    closed_long_ago(team, practitioner, family_name="Doyle")
    teams = Team.objects.filter(pk=team.pk)
    period = Period(teams=teams, start=datetime.date(2008, 1, 1), end=datetime.date(2026, 1, 1))
    before = [m.rows for m in service_measures(period)]
    run()
    assert [m.rows for m in service_measures(period)] == before


def test_a_practitioner_sees_an_anonymised_record_without_names(client, team, practitioner):
    person = closed_long_ago(team, practitioner, family_name="Doyle")
    client.force_login(practitioner)
    pages = [reverse(name, args=[person.code]) for name in ["overview:person", "networks:network"]]
    before = "".join(client.get(url).content.decode() for url in pages)
    assert "Doyle" in before and "Pat Hughes" in before
    run()
    after = "".join(client.get(url).content.decode() for url in pages)
    assert "Doyle" not in after and "Pat Hughes" not in after


def test_supervision_notes_lose_their_words_after_their_own_period(
    team, practitioner, team_lead, settings
):
    from supervision.models import SupervisionNote

    old = SupervisionNote.objects.create(
        lead=team_lead,
        practitioner=practitioner,
        date=datetime.date(2018, 3, 1),
        notes="Talked about Maggie's fall",
        agreed="Ring her son",
    )
    old.save_by(team_lead)
    recent = SupervisionNote.objects.create(
        lead=team_lead, practitioner=practitioner, notes="Still fresh"
    )
    settings.SUPERVISION_RETENTION_YEARS = 6
    assert "Would anonymise 1 supervision note older than 6 years" in run("--dry-run")
    assert "Anonymised 1 supervision note older than 6 years" in run()
    old.refresh_from_db()
    assert old.notes == "(removed)" and old.agreed == "(removed)" and old.anonymised_on
    assert old.power_notes == "" and not old.history.exists()
    assert old.lead == team_lead and old.date == datetime.date(2018, 3, 1)
    recent.refresh_from_db()
    assert recent.notes == "Still fresh"


def test_every_written_field_of_a_conversation_is_removed(team, practitioner):
    person = closed_long_ago(team, practitioner, family_name="Doyle")
    text = [f for f in Conversation._meta.get_fields() if isinstance(f, models.TextField)]
    assert {"life_identity", "relationships_not_discussed", "life_harder"} <= {f.name for f in text}
    Conversation.objects.filter(person=person).update(**{f.name: "Said by Doyle" for f in text})
    run()
    conversation = Conversation.objects.get(person=person)
    assert {f.name: getattr(conversation, f.name) for f in text} == dict.fromkeys(
        (f.name for f in text), "(removed)"
    )
