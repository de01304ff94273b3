"""Connecting a person to a community resource: from the resource's page (choosing whom
first) or from the person's search of the directory; the person named in the address
carried through, and how they take part always chosen, never assumed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import RecordView
from community.forms import ConnectionForm
from community.models import Connection
from history.forms import current_version
from tests.factories import CommunityResourceFactory, ConnectionFactory, PersonFactory


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def connect_url(resource, person, **more) -> str:
    query = "&".join(f"{name}={value}" for name, value in {"person": person.code, **more}.items())
    return f"{reverse('community:connect', args=[resource.code])}?{query}"


def checked(page: str, name: str) -> list[str]:
    """The values of the radios or checkboxes called `name` that the page shows chosen."""
    inputs = re.findall(r"<input[^>]*>", page)
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if f'name="{name}"' in tag and "checked" in tag
    ]


def test_it_carries_the_person_chosen_from_the_resource_page(signed_in, person):
    resource = CommunityResourceFactory()
    detail = signed_in.get(reverse("community:detail", args=[resource.code])).content.decode()
    choose_url = reverse("community:choose_person", args=[resource.code])
    assert choose_url in detail
    chooser = signed_in.get(choose_url).content.decode()
    chosen_url = connect_url(resource, person, **{"from": "choose"})
    assert person.display_name in chooser and chosen_url.replace("&", "&amp;") in chooser
    form = signed_in.get(chosen_url).content.decode()
    assert person.display_name in form and f"Connect to {resource.name}" in form
    assert f'href="{choose_url}" class="govuk-back-link"' in form
    data = {"status": "introduced", "role": "volunteer"}
    response = signed_in.post(chosen_url, data)
    assert response.url == reverse("overview:person", args=[person.code])
    connection = Connection.objects.get()
    assert (connection.person, connection.resource, connection.role) == (
        person,
        resource,
        "volunteer",
    )
    page = signed_in.get(response.url).content.decode()
    assert resource.name in page and "contributes as a volunteer" in page


def test_it_connects_a_person_from_their_search_of_the_directory(signed_in, person):
    resource = CommunityResourceFactory()
    search = signed_in.get(reverse("community:list"), {"for": str(person.code)}).content.decode()
    assert connect_url(resource, person) in search
    form = signed_in.get(connect_url(resource, person)).content.decode()
    back = f"{reverse('community:list')}?for={person.code}"
    assert f'href="{back}" class="govuk-back-link"' in form
    assert checked(form, "role") == []
    signed_in.post(connect_url(resource, person), {"status": "attending", "role": "member"})
    connection = Connection.objects.get()
    assert (connection.person, connection.status, connection.role) == (
        person,
        "attending",
        "member",
    )


@pytest.mark.parametrize("more", [{}, {"from": "choose"}])
def test_how_they_take_part_is_never_chosen_for_them(signed_in, person, more):
    resource = CommunityResourceFactory()
    page = signed_in.get(connect_url(resource, person, **more)).content.decode()
    assert checked(page, "role") == []
    assert set(re.findall(r'name="role"[^>]*value="(\w+)"', page)) == set(Connection.Role.values)


def test_it_asks_how_they_take_part_and_keeps_what_was_typed(signed_in, person):
    resource = CommunityResourceFactory()
    sent = {"status": "introduced", "notes": "Met Margaret at the door", "version": ""}
    response = signed_in.post(connect_url(resource, person, **{"from": "choose"}), sent)
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    summary = page[page.index("govuk-error-summary") : page.index("<h1")]
    assert 'href="#id_role_1"' in summary and "Select how they take part" in summary
    by_the_field = page.split('id="div_id_role"')[1].split("</fieldset>")[0]
    assert "govuk-error-message" in by_the_field and "Select how they take part" in by_the_field
    assert person.display_name in page and "Met Margaret at the door" in page
    assert checked(page, "status") == ["introduced"]
    assert not Connection.objects.exists()


def test_the_form_leaves_the_role_unchosen_and_requires_one():
    assert ConnectionForm()["role"].value() is None
    form = ConnectionForm({"status": "suggested", "version": ""})
    assert form.errors["role"] == ["Select how they take part"]
    assert ConnectionForm({"status": "suggested", "role": "boss", "version": ""}).errors[
        "role"
    ] == ["Select how they take part"]


def test_without_a_person_it_asks_who_first(signed_in):
    resource = CommunityResourceFactory()
    response = signed_in.get(reverse("community:connect", args=[resource.code]))
    assert response.url == reverse("community:choose_person", args=[resource.code])


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_teams_person_in_the_address_is_not_found(signed_in, other_person, method):
    resource = CommunityResourceFactory()
    data = {"status": "suggested", "role": "receives", "version": ""} if method == "post" else {}
    response = getattr(signed_in, method)(connect_url(resource, other_person), data)
    assert response.status_code == 404
    assert other_person.family_name not in response.content.decode()
    assert not Connection.objects.exists()
    assert not RecordView.objects.filter(person=other_person).exists()


@pytest.mark.parametrize("code", ["not-a-code", "", "00000000-0000-0000-0000-000000000000"])
def test_a_person_no_one_can_see_is_not_found(signed_in, code):
    resource = CommunityResourceFactory()
    url = f"{reverse('community:connect', args=[resource.code])}?person={code}"
    assert signed_in.post(url, {"status": "suggested", "role": "receives"}).status_code == 404
    assert not Connection.objects.exists()


def test_a_closed_record_is_not_connected(signed_in, person, practitioner):
    person.close(reason="Moved away", by=practitioner)
    resource = CommunityResourceFactory()
    response = signed_in.post(connect_url(resource, person), {"status": "suggested"})
    assert response.url == reverse("overview:person", args=[person.code])
    assert not Connection.objects.exists()


def test_an_archived_resource_is_not_connected(signed_in, person):
    resource = CommunityResourceFactory(status="archived")
    for url in [
        connect_url(resource, person),
        reverse("community:choose_person", args=[resource.code]),
    ]:
        assert signed_in.get(url).status_code == 404


def test_a_team_lead_finds_anyone_in_their_teams_to_connect(
    client, team_lead, person, other_person
):
    resource = CommunityResourceFactory()
    client.force_login(team_lead)
    url = reverse("community:choose_person", args=[resource.code])
    assert "No one with an open record is allocated to you" in client.get(url).content.decode()
    found = client.get(url, {"q": person.family_name}).content.decode()
    assert person.display_name in found and connect_url(resource, person).split("?")[1] in found
    assert other_person.family_name not in client.get(url, {"q": "Quartermaine"}).content.decode()
    assert RecordView.objects.filter(user=team_lead, person=person).exists()
    client.post(connect_url(resource, person), {"status": "suggested", "role": "organiser"})
    assert Connection.objects.get().created_by == team_lead


def test_the_choice_of_person_leaves_out_closed_records(signed_in, person, practitioner, team):
    closed = PersonFactory(team=team, practitioner=practitioner)
    closed.close(reason="Moved away", by=practitioner)
    resource = CommunityResourceFactory()
    page = signed_in.get(reverse("community:choose_person", args=[resource.code])).content.decode()
    assert person.display_name in page and closed.display_name not in page


def test_administrators_do_not_connect_people(client, administrator, person):
    resource = CommunityResourceFactory()
    client.force_login(administrator)
    assert client.get(reverse("community:choose_person", args=[resource.code])).status_code == 403
    data = {"status": "suggested", "role": "receives"}
    assert client.post(connect_url(resource, person), data).status_code == 403
    detail = client.get(reverse("community:detail", args=[resource.code])).content.decode()
    assert "Connect someone" not in detail
    assert not Connection.objects.exists()


def test_it_changes_a_connection_keeping_its_person_and_role(signed_in, person, practitioner):
    connection = ConnectionFactory(person=person, role="volunteer")
    url = reverse("community:connection_edit", args=[connection.code])
    assert checked(signed_in.get(url).content.decode(), "role") == ["volunteer"]
    data = {"status": "attending", "role": "volunteer", "version": current_version(connection)}
    signed_in.post(url, data)
    connection.refresh_from_db()
    assert (connection.person, connection.status) == (person, "attending")
    assert connection.history.first().history_user == practitioner


def test_another_teams_connection_is_not_found(signed_in, other_person):
    connection = ConnectionFactory(person=other_person)
    url = reverse("community:connection_edit", args=[connection.code])
    data = {"status": "stopped", "role": "receives", "version": current_version(connection)}
    assert signed_in.post(url, data).status_code == 404
    connection.refresh_from_db()
    assert connection.status == "suggested"


@pytest.mark.parametrize(
    ("checked_days_ago", "flagged"), [(None, True), (400, True), (300, False), (0, False)]
)
def test_a_resource_not_checked_for_a_while_is_flagged_where_someone_is_connected(
    signed_in, person, settings, checked_days_ago, flagged
):
    settings.RESOURCE_STALE_AFTER_MONTHS = 12
    last = None
    if checked_days_ago is not None:
        last = timezone.localdate() - datetime.timedelta(days=checked_days_ago)
    resource = CommunityResourceFactory(last_verified=last)
    form = signed_in.get(connect_url(resource, person)).content.decode()
    warning = "No one has checked this resource for more than 12 months"
    assert (warning in form) is flagged
    if flagged:
        said = "never checked" if last is None else f"on {last:%-d %B %Y}"
        assert said in form and f"before you connect {person.called} to it" in form
