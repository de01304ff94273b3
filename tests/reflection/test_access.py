"""Who reads a reflective note: its author; their team lead once they share it; no one else."""

import pytest
from django.urls import reverse

from audit.models import RecordView

PAGES = ["reflection:detail", "reflection:edit", "reflection:share"]
OUTSIDERS = ["colleague", "other_practitioner", "other_lead", "administrator"]


def status(client, user, name, note, method="get"):
    client.force_login(user)
    return getattr(client, method)(reverse(name, args=[note.code])).status_code


@pytest.mark.parametrize("name", PAGES)
def test_it_serves_each_page_to_its_author(client, practitioner, note, name):
    assert status(client, practitioner, name, note) == 200


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("outsider", [*OUTSIDERS, "information_governance", "team_lead"])
def test_no_one_else_finds_an_unshared_note(client, request, note, name, outsider):
    user = request.getfixturevalue(outsider)
    assert status(client, user, name, note) == 404
    if name != "reflection:detail":  # which answers GET only
        assert status(client, user, name, note, "post") == 404
    note.refresh_from_db()
    assert not note.shared_with_lead
    assert not RecordView.objects.filter(user=user).exists()


def test_the_lead_reads_it_once_shared_and_never_changes_it(client, practitioner, team_lead, note):
    note.share(by=practitioner)
    client.force_login(team_lead)
    page = client.get(reverse("reflection:detail", args=[note.code])).content.decode()
    assert "Agnes laughed about the leeks" in page and "Reflective note by Priya Shah" in page
    assert "Change the note" not in page
    assert status(client, team_lead, "reflection:edit", note) == 403
    assert status(client, team_lead, "reflection:edit", note, "post") == 403
    assert status(client, team_lead, "reflection:share", note, "post") == 403


@pytest.mark.parametrize("outsider", [*OUTSIDERS, "information_governance"])
def test_sharing_shows_it_to_no_one_but_the_lead(client, request, practitioner, note, outsider):
    note.share(by=practitioner)
    for name in PAGES:
        assert status(client, request.getfixturevalue(outsider), name, note) == 404


def test_a_lead_who_may_not_see_the_person_does_not_read_a_note_about_them(
    client, practitioner, other_team, other_lead, note
):
    """The author works in two teams; the other team's lead leads them but not the person."""
    from tests.factories import ReflectiveNoteFactory

    practitioner.teams.add(other_team)
    about_no_one = ReflectiveNoteFactory(author=practitioner)
    for shared in [note, about_no_one]:
        shared.share(by=practitioner)
    assert status(client, other_lead, "reflection:detail", note) == 404
    assert status(client, other_lead, "reflection:detail", about_no_one) == 200


@pytest.mark.parametrize("cast", ["administrator", "information_governance"])
def test_roles_that_never_write_notes_are_refused_the_list_and_adding(client, request, cast):
    client.force_login(request.getfixturevalue(cast))
    assert client.get(reverse("reflection:list")).status_code == 403
    assert client.get(reverse("reflection:add")).status_code == 403
    assert client.post(reverse("reflection:add"), {"what_happened": "x"}).status_code == 403


def test_the_list_shows_only_my_own_notes(client, practitioner, colleague, team_lead, note):
    from tests.factories import ReflectiveNoteFactory

    ReflectiveNoteFactory(author=colleague, what_happened="Clemency's own thoughts")
    note.share(by=practitioner)
    for user, seen, unseen in [
        (practitioner, "Agnes laughed", "Clemency"),
        (colleague, "Clemency", "Agnes laughed"),
        (team_lead, "You have not written", "Agnes laughed"),
    ]:
        client.force_login(user)
        page = client.get(reverse("reflection:list")).content.decode()
        assert seen in page and unseen not in page


def test_seeing_a_note_about_a_person_is_in_the_access_log(client, practitioner, person, note):
    client.force_login(practitioner)
    for name in ["reflection:list", "reflection:detail"]:
        args = [note.code] if name == "reflection:detail" else []
        client.get(reverse(name, args=args))
        assert RecordView.objects.filter(person=person, page=name, user=practitioner).exists()
