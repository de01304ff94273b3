"""Two tabs, or two people, saving the same record: the second save is refused, not lost."""

from django.urls import reverse

from history.forms import current_version
from tests.factories import ConversationFactory
from tests.people.test_person_pages import VALID


def section_url(conversation) -> str:
    return reverse("conversations:section", args=[conversation.code, "what-matters"])


def test_the_second_save_of_a_section_is_refused_and_keeps_its_text(
    client, practitioner, team_lead, person
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    conversation.save_by(practitioner)
    opened = current_version(conversation)
    client.force_login(team_lead)
    client.post(section_url(conversation), {"version": opened, "what_matters": "Tom's words"})
    client.force_login(practitioner)
    response = client.post(
        section_url(conversation), {"version": opened, "what_matters": "Priya's words"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved a change to this record after you opened this page" in page
    assert "What the other save changed" in page and "Tom&#x27;s words" in page
    assert "Priya&#x27;s words" in page  # still in the form, to copy or merge
    conversation.refresh_from_db()
    assert conversation.what_matters == "Tom's words"
    assert f'value="{current_version(conversation)}"' in page


def test_saving_again_after_seeing_the_change_is_allowed(client, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    conversation.save_by(practitioner)
    opened = current_version(conversation)
    conversation.what_matters = "Earlier"
    conversation.save_by(practitioner)
    client.force_login(practitioner)
    client.post(section_url(conversation), {"version": opened, "what_matters": "Merged"})
    again = {"version": current_version(conversation), "what_matters": "Merged"}
    assert client.post(section_url(conversation), again).status_code == 302
    conversation.refresh_from_db()
    assert conversation.what_matters == "Merged"


def test_a_persons_details_are_protected_the_same_way(client, practitioner, person, team):
    person.save_by(practitioner)
    opened = current_version(person)
    person.family_name = "Changed-Elsewhere"
    person.save_by(practitioner)
    client.force_login(practitioner)
    data = {**VALID, "team": team.pk, "version": opened, "family_name": "Mine"}
    page = client.post(reverse("people:edit", args=[person.code]), data).content.decode()
    assert "Changed-Elsewhere" in page and 'value="Mine"' in page
    person.refresh_from_db()
    assert person.family_name == "Changed-Elsewhere"


def test_a_save_without_its_version_is_refused_and_keeps_its_text(client, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    conversation.what_matters = "Saved before"
    conversation.save_by(practitioner)
    client.force_login(practitioner)
    response = client.post(section_url(conversation), {"what_matters": "Sent without a version"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "without saying which version of the record it was opened on" in page
    assert "Sent without a version" in page
    assert f'value="{current_version(conversation)}"' in page
    conversation.refresh_from_db()
    assert conversation.what_matters == "Saved before"


def test_an_autosave_without_its_version_is_refused(client, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    conversation.save_by(practitioner)
    client.force_login(practitioner)
    data = {"what_matters": "Autosaved without a version"}
    response = client.post(section_url(conversation), data, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 409
    conversation.refresh_from_db()
    assert conversation.what_matters == ""
