"""A note of supervision may be about one person the practitioner works with, or one
conversation with them: then it is that person's data too."""

import pytest
from django.urls import reverse

from audit.models import RecordView
from supervision.models import SupervisionNote
from tests.factories import ConversationFactory, PersonFactory

NOTE = {"date_0": "2", "date_1": "11", "date_2": "2026", "notes": "Holding risk with Agnes"}


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


@pytest.fixture
def add_url(practitioner):
    return reverse("supervision:add", args=[practitioner.pk])


def test_a_lead_links_a_note_to_a_person_and_it_shows(as_lead, add_url, team_lead, person):
    as_lead.post(add_url, {**NOTE, "person": person.pk})
    note = SupervisionNote.objects.get()
    assert note.person == person and note.history.get().history_user == team_lead
    page = as_lead.get(reverse("supervision:detail", args=[note.code])).content.decode()
    assert reverse("overview:person", args=[person.code]) in page
    viewed = RecordView.objects.filter(person=person, page="supervision:detail")
    assert viewed.get().user == team_lead


def test_choosing_a_conversation_links_its_person(as_lead, add_url, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    as_lead.post(add_url, {**NOTE, "conversation": conversation.pk})
    note = SupervisionNote.objects.get()
    assert (note.person, note.conversation) == (person, conversation)
    as_lead.get(reverse("supervision:practitioner", args=[practitioner.pk]))
    assert RecordView.objects.filter(person=person, page="supervision:practitioner").exists()


def test_it_offers_only_the_practitioners_people_the_lead_may_see(
    as_lead, add_url, team, person, other_person
):
    colleagues_person = PersonFactory(team=team)
    page = as_lead.get(add_url).content.decode()
    assert person.family_name in page
    assert other_person.family_name not in page and colleagues_person.family_name not in page


@pytest.mark.parametrize("who", ["other_person", "colleagues_person"])
def test_a_person_posted_by_hand_from_outside_is_refused(request, as_lead, add_url, team, who):
    outsider = request.getfixturevalue(who) if who == "other_person" else PersonFactory(team=team)
    conversation = ConversationFactory(person=outsider)
    for sent in [{"person": outsider.pk}, {"conversation": conversation.pk}]:
        page = as_lead.post(add_url, {**NOTE, **sent}).content.decode()
        assert "There is a problem" in page and "Holding risk with Agnes" in page
    assert not SupervisionNote.objects.exists()


def test_the_practitioner_reads_a_linked_note_only_while_they_may_see_the_person(
    client, team_lead, practitioner, person, team, other_team
):
    note = SupervisionNote.objects.create(
        lead=team_lead, practitioner=practitioner, person=person, notes="x"
    )
    client.force_login(practitioner)
    assert client.get(reverse("supervision:detail", args=[note.code])).status_code == 200
    practitioner.teams.set([other_team])
    assert client.get(reverse("supervision:detail", args=[note.code])).status_code == 404
    assert str(note.code) not in client.get(reverse("supervision:home")).content.decode()
