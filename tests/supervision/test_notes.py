import pytest
from django.urls import reverse

from accounts.models import Role
from supervision.models import SupervisionNote
from tests.factories import UserFactory

NOTE = {
    "date_0": "2",
    "date_1": "11",
    "date_2": "2026",
    "person_directed": "Maggie set the agenda",
    "power": "to",
    "notes": "Talked about holding risk with her",
}


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


def test_a_lead_writes_a_note_the_practitioner_reads(client, as_lead, team_lead, practitioner):
    response = as_lead.post(reverse("supervision:add", args=[practitioner.pk]), NOTE)
    assert response.url == reverse("supervision:practitioner", args=[practitioner.pk])
    note = SupervisionNote.objects.get()
    assert (note.lead, note.practitioner) == (team_lead, practitioner)
    assert note.history.get().history_user == team_lead
    client.force_login(practitioner)
    assert "with Tom Okafor" in client.get(reverse("supervision:home")).content.decode()
    page = client.get(reverse("supervision:detail", args=[note.code])).content.decode()
    assert "Maggie set the agenda" in page and "Power to" in page


def test_no_one_else_reads_it(client, team, team_lead, practitioner, other_practitioner):
    note = SupervisionNote.objects.create(lead=team_lead, practitioner=practitioner, notes="x")
    colleague = UserFactory(teams=[team], roles=[Role.PRACTITIONER])
    another_lead = UserFactory(teams=[team], roles=[Role.TEAM_LEAD])
    client.force_login(practitioner)
    assert str(note.code) in client.get(reverse("supervision:home")).content.decode()
    for outsider in [colleague, another_lead, other_practitioner]:
        client.force_login(outsider)
        assert client.get(reverse("supervision:detail", args=[note.code])).status_code == 404
        assert str(note.code) not in client.get(reverse("supervision:home")).content.decode()


def test_a_lead_writes_notes_only_for_their_teams_practitioners(
    as_lead, other_practitioner, team_lead
):
    url = reverse("supervision:add", args=[other_practitioner.pk])
    assert as_lead.get(url).status_code == 404
    assert as_lead.post(url, NOTE).status_code == 404
    own = reverse("supervision:add", args=[team_lead.pk])
    assert as_lead.get(own).status_code == 404
    assert not SupervisionNote.objects.exists()


def test_a_practitioner_cannot_write_one(client, practitioner, team):
    colleague = UserFactory(teams=[team], roles=[Role.PRACTITIONER])
    client.force_login(practitioner)
    assert client.post(reverse("supervision:add", args=[colleague.pk]), NOTE).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"person_directed": "", "notes": "", "power": ""}, "Enter what you talked about"),
        ({"date_0": "45"}, "Date of the supervision must be a real date"),
        ({"date_2": "2099"}, "must be today or in the past"),
        ({"power": "absolute"}, "Select where did power sit?"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(as_lead, practitioner, changes, message):
    response = as_lead.post(reverse("supervision:add", args=[practitioner.pk]), {**NOTE, **changes})
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    if changes.get("person_directed", NOTE["person_directed"]):
        assert "Maggie set the agenda" in page
    assert not SupervisionNote.objects.exists()


def test_the_lead_sees_each_practitioners_count_of_notes(as_lead, team_lead, practitioner):
    SupervisionNote.objects.create(lead=team_lead, practitioner=practitioner, notes="x")
    SupervisionNote.objects.create(lead=team_lead, practitioner=practitioner, notes="y")
    supervised = list(as_lead.get(reverse("supervision:home")).context["supervised"])
    assert [(p, p.notes) for p in supervised] == [(practitioner, 2)]


def test_the_power_prompt_offers_protective_and_cooperative_power(as_lead, practitioner):
    page = as_lead.get(reverse("supervision:add", args=[practitioner.pk])).content.decode()
    for kind in ["Power over", "Power to", "Cooperative power", "Protective power"]:
        assert kind in page
    as_lead.post(
        reverse("supervision:add", args=[practitioner.pk]), {**NOTE, "power": "protective"}
    )
    assert SupervisionNote.objects.get().get_power_display().startswith("Protective power")


def test_a_lead_is_shown_only_their_own_teams_practitioners(
    client, as_lead, team, team_lead, practitioner, other_practitioner
):
    """The list of practitioners a lead supervises names no one of another team (nor the
    lead), and a practitioner is given no one to supervise."""
    response = as_lead.get(reverse("supervision:home"))
    assert list(response.context["supervised"]) == [practitioner]
    page = response.content.decode()
    assert practitioner.full_name in page
    assert other_practitioner.full_name not in page
    assert reverse("supervision:practitioner", args=[other_practitioner.pk]) not in page
    colleague = UserFactory(teams=[team], roles=[Role.PRACTITIONER])
    client.force_login(practitioner)
    response = client.get(reverse("supervision:home"))
    assert list(response.context["supervised"]) == []
    assert colleague.full_name not in response.content.decode()
