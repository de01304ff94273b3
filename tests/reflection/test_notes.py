import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from history.forms import current_version
from reflection.models import ReflectiveNote
from tests.factories import ConversationFactory, PersonFactory, ReflectiveNoteFactory

NOTE = {
    "date_0": "2",
    "date_1": "11",
    "date_2": "2026",
    "what_happened": "Agnes showed me round her allotment",
    "thoughts_and_feelings": "I worried I was rushing her",
    "what_next": "",
}


@pytest.fixture
def as_author(client, practitioner):
    client.force_login(practitioner)
    return client


def test_it_writes_a_note_about_no_one(as_author, practitioner):
    response = as_author.post(reverse("reflection:add"), NOTE)
    note = ReflectiveNote.objects.get()
    assert response.url == reverse("reflection:detail", args=[note.code])
    assert (note.author, note.person, note.date) == (practitioner, None, datetime.date(2026, 11, 2))
    assert not note.shared_with_lead
    assert note.history.get().history_user == practitioner
    page = as_author.get(response.url).content.decode()
    assert "I worried I was rushing her" in page and "Only you can see this note" in page


def test_it_starts_from_a_persons_page(as_author, person):
    page = as_author.get(reverse("overview:person", args=[person.code])).content.decode()
    url = f"{reverse('reflection:add')}?person={person.code}"
    assert url in page
    form = as_author.get(url).context["form"]
    assert form["person"].value() == person.pk
    as_author.post(url, {**NOTE, "person": person.pk})
    assert ReflectiveNote.objects.get().person == person


def test_it_starts_from_a_conversation_record_and_takes_its_person(as_author, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page = as_author.get(reverse("conversations:detail", args=[conversation.code]))
    url = f"{reverse('reflection:add')}?conversation={conversation.code}"
    assert url in page.content.decode()
    form = as_author.get(url).context["form"]
    assert form["conversation"].value() == conversation.pk
    as_author.post(url, {**NOTE, "conversation": conversation.pk})
    note = ReflectiveNote.objects.get()
    assert (note.conversation, note.person) == (conversation, person)


def test_a_conversation_must_be_with_the_person_chosen(as_author, practitioner, person, team):
    someone_else = PersonFactory(team=team, practitioner=practitioner)
    conversation = ConversationFactory(person=someone_else, practitioner=practitioner)
    sent = {**NOTE, "person": person.pk, "conversation": conversation.pk}
    page = as_author.post(reverse("reflection:add"), sent).content.decode()
    assert f"Select a conversation with {person.display_name}, or no conversation" in page
    assert not ReflectiveNote.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"what_happened": "", "thoughts_and_feelings": ""},
            "Enter what happened, what you thought and felt, or what you will do",
        ),
        ({"date_2": "2099"}, "Date must be today or in the past"),
        ({"date_0": "31", "date_1": "2"}, "Date must be a real date"),
        ({"date_0": "", "date_1": "", "date_2": ""}, "Enter the date"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(as_author, changes, message):
    response = as_author.post(reverse("reflection:add"), {**NOTE, **changes})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "govuk-error-message" in page and message in page
    assert page.count(message) == 2  # in the summary and by the field
    assert "I worried I was rushing her" in page or not changes.get("thoughts_and_feelings", 1)
    assert not ReflectiveNote.objects.exists()


def test_a_person_of_another_team_posted_by_hand_is_refused(as_author, other_person):
    other = ConversationFactory(person=other_person, practitioner=other_person.practitioner)
    for sent in [{"person": other_person.pk}, {"conversation": other.pk}]:
        response = as_author.post(reverse("reflection:add"), {**NOTE, **sent})
        page = response.content.decode()
        assert "There is a problem" in page and "Agnes showed me round her allotment" in page
        assert other_person.family_name not in page
    assert not ReflectiveNote.objects.exists()
    url = f"{reverse('reflection:add')}?person={other_person.code}"
    assert as_author.get(url).status_code == 404
    url = f"{reverse('reflection:add')}?conversation={other.code}"
    assert as_author.get(url).status_code == 404
    assert as_author.get(reverse("reflection:add"), {"person": "not-a-code"}).status_code == 404


def test_it_never_lists_people_the_author_cannot_see(as_author, person, other_person):
    page = as_author.get(reverse("reflection:add")).content.decode()
    assert person.family_name in page and other_person.family_name not in page


def test_the_author_changes_it_and_history_says_who(as_author, practitioner, note):
    url = reverse("reflection:edit", args=[note.code])
    form = as_author.get(url).context["form"]
    sent = {**NOTE, "person": note.person_id, "version": form["version"].value()}
    sent["what_next"] = "Let Agnes set the pace"
    assert as_author.post(url, sent).url == reverse("reflection:detail", args=[note.code])
    note.refresh_from_db()
    assert note.what_next == "Let Agnes set the pace"
    assert [v.history_user for v in note.history.all()] == [practitioner, None]


def test_a_stale_change_is_refused_and_keeps_the_typing(as_author, practitioner, note):
    url = reverse("reflection:edit", args=[note.code])
    opened = current_version(note)
    note.what_happened = "Changed in another tab"
    note.save_by(practitioner)
    sent = {**NOTE, "version": opened, "what_next": "My new thought"}
    page = as_author.post(url, sent).content.decode()
    assert "Someone saved a change to this record after you opened this page" in page
    assert "My new thought" in page
    note.refresh_from_db()
    assert note.what_next == ""


def test_sharing_asks_first_then_shows_it_to_the_lead_in_supervision(
    client, as_author, practitioner, team_lead, note
):
    url = reverse("reflection:share", args=[note.code])
    page = as_author.get(url).content.decode()
    assert "Share this note with your team lead?" in page and "Tom Okafor will be able" in page
    assert as_author.post(url).url == reverse("reflection:detail", args=[note.code])
    note.refresh_from_db()
    assert note.shared_with_lead and note.shared_at.date() == timezone.localdate()
    assert note.history.first().history_user == practitioner
    assert as_author.get(url).url == reverse("reflection:detail", args=[note.code])

    client.force_login(team_lead)
    home = client.get(reverse("supervision:home"))
    assert [(p, p.shared) for p in home.context["supervised"]] == [(practitioner, 1)]
    page = client.get(reverse("supervision:practitioner", args=[practitioner.pk]))
    assert reverse("reflection:detail", args=[note.code]) in page.content.decode()


def test_an_unshared_note_is_not_in_supervision(client, practitioner, team_lead, note):
    client.force_login(team_lead)
    page = client.get(reverse("supervision:practitioner", args=[practitioner.pk]))
    assert str(note.code) not in page.content.decode()
    assert "Priya Shah has not shared any reflective notes with you" in page.content.decode()


def test_the_list_is_newest_first_in_pages_with_an_empty_state(as_author, practitioner):
    page = as_author.get(reverse("reflection:list")).content.decode()
    assert "You have not written any reflective notes yet" in page
    for day in range(1, 28):
        ReflectiveNoteFactory(author=practitioner, date=datetime.date(2026, 10, day))
    first = as_author.get(reverse("reflection:list")).context["page"]
    assert first.paginator.count == 27 and len(first.object_list) == 25
    assert first.object_list[0].date == datetime.date(2026, 10, 27)


def test_the_list_runs_as_many_queries_for_many_notes(
    as_author, practitioner, person, count_queries
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    ReflectiveNoteFactory(author=practitioner, person=person, conversation=conversation)
    few = count_queries(as_author, reverse("reflection:list"))
    for _ in range(20):
        someone = PersonFactory(team=person.team, practitioner=practitioner)
        ReflectiveNoteFactory(
            author=practitioner,
            person=someone,
            conversation=ConversationFactory(person=someone, practitioner=practitioner),
        )
    assert count_queries(as_author, reverse("reflection:list")) == few
