"""Walks every URL of the project as every role.

The URL list comes from Django's own resolver, so a new page is walked without
anyone remembering to add it. Addressed to a person of another team, every page
must answer 404 (or refuse the role outright) and never show that person.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Django's admin is for superusers only and has its own sign-in.
NOT_WALKED = ("admin/",)
ROLES = ["practitioner", "team_lead", "administrator", "information_governance"]
# Records that everyone with a role may read; their pages still never show another team's person.
NOT_ABOUT_A_PERSON = ("community/",)
# Information governance reads anyone's access log and exports anyone's data, by design:
# each with its own permission (the export first asks which request it answers).
AUDITED_BY_INFORMATION_GOVERNANCE = (
    "people/<uuid:code>/access-log/",
    "people/<uuid:code>/subject-access/request/",
    "people/<uuid:code>/subject-access/",
    "people/<uuid:code>/subject-access.json",
)


def every_route(resolver: URLResolver | None = None, prefix: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_route(entry, route)
        elif isinstance(entry, URLPattern) and not route.startswith(NOT_WALKED):
            yield route


def fill(route: str, person) -> str:
    """The route with its parameters filled in for a record about `person`."""
    from accounts.models import Role
    from conversations.models import Action
    from supervision.models import SupervisionNote
    from tests.factories import (
        ConnectionFactory,
        ConversationFactory,
        NetworkMemberFactory,
        UserFactory,
    )

    conversation = person.conversations.first() or ConversationFactory(
        person=person, practitioner=person.practitioner
    )
    action = Action.objects.filter(conversation=conversation).first() or Action.objects.create(
        conversation=conversation, what="Ring the lunch club", who="person"
    )
    member = person.network_members.first() or NetworkMemberFactory(person=person)
    connection = person.connections.first() or ConnectionFactory(person=person)
    note = SupervisionNote.objects.filter(practitioner=person.practitioner).first()
    if note is None:
        lead = UserFactory(teams=[person.team], roles=[Role.TEAM_LEAD])
        note = SupervisionNote.objects.create(
            lead=lead, practitioner=person.practitioner, notes="Power with, not over"
        )
    codes = {
        "conversations/": conversation.code,
        "actions/": action.code,
        "network/": member.code,
        "connections/": connection.code,
        "community/": connection.resource.code,
        "supervision/": note.code,
    }
    code = next((c for prefix, c in codes.items() if route.startswith(prefix)), person.code)
    slug = "first-contacts" if route.startswith("team/measures/") else "what-matters"
    values = {"uuid:code": str(code), "slug:slug": slug, "int:pk": str(person.practitioner.pk)}

    def value_for(match: re.Match) -> str:
        if match.group(1) not in values:
            raise AssertionError(f"Teach the URL walk a value for <{match.group(1)}> in {route}")
        return values[match.group(1)]

    return "/" + re.sub(r"<([^>]+)>", value_for, route)


ROUTES = sorted(set(every_route()))


def test_it_finds_the_pages_to_walk():
    assert "people/<uuid:code>/" in ROUTES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES)
def test_it_never_shows_another_teams_person(client, request, role, route, other_person):
    client.force_login(request.getfixturevalue(role))
    response = client.get(fill(route, other_person))
    if role == "information_governance" and route in AUDITED_BY_INFORMATION_GOVERNANCE:
        assert response.status_code in {200, 302}
        return
    assert response.status_code in {200, 302, 403, 404, 405}, response.status_code
    # A download (the directory as a zip) is bytes; it holds no one's name either way.
    assert other_person.family_name not in response.content.decode(errors="replace")
    if ("<uuid:code>" in route or "<int:pk>" in route) and not route.startswith(NOT_ABOUT_A_PERSON):
        assert response.status_code in {404, 405}


@pytest.mark.parametrize("route", ROUTES)
def test_it_serves_every_page_to_the_role_it_is_for(
    client, practitioner, team_lead, administrator, information_governance, person, route
):
    """The person's own practitioner, their team lead, an administrator or information
    governance gets each page."""
    statuses = []
    for user in [practitioner, team_lead, administrator, information_governance]:
        client.force_login(user)
        statuses.append(client.get(fill(route, person)).status_code)
    assert set(statuses) <= {200, 302, 403, 404, 405}, statuses
    assert set(statuses) & {200, 302, 405}, statuses
