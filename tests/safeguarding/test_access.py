import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import RecordView
from safeguarding.models import SafeguardingConcern
from safeguarding.services import safeguarding_concern_add, safeguarding_concern_update

from .conftest import WHAT


def pages(concern) -> list[str]:
    person = concern.person.code
    return [
        reverse("safeguarding:list", args=[person]),
        reverse("safeguarding:add", args=[person]),
        reverse("safeguarding:detail", args=[concern.code]),
        reverse("safeguarding:edit", args=[concern.code]),
        reverse("safeguarding:close", args=[concern.code]),
    ]


@pytest.mark.parametrize("cast", ["practitioner", "team_lead"])
def test_those_who_work_with_the_person_see_and_change_it(client, request, concern, cast):
    client.force_login(request.getfixturevalue(cast))
    for url in pages(concern):
        assert client.get(url).status_code == 200, url
    assert WHAT in client.get(reverse("safeguarding:detail", args=[concern.code])).content.decode()


@pytest.mark.parametrize("cast", ["other_practitioner", "administrator", "information_governance"])
def test_anyone_else_gets_404_and_nothing_is_saved(client, request, concern, cast):
    client.force_login(request.getfixturevalue(cast))
    for url in pages(concern):
        assert client.get(url).status_code == 404, url
        posted = client.post(url, {"what": "Overwritten", "closing_note": "x"}).status_code
        assert posted in {404, 405}, url  # the list answers GET only
    concern.refresh_from_db()
    assert concern.what == WHAT and concern.is_open
    assert SafeguardingConcern.objects.count() == 1


def test_every_page_showing_a_concern_records_a_view_of_the_person(
    client, practitioner, concern, person
):
    client.force_login(practitioner)
    for url in [*pages(concern), reverse("overview:person", args=[person.code])]:
        before = RecordView.objects.filter(person=person, user=practitioner).count()
        client.get(url)
        logged = RecordView.objects.filter(person=person, user=practitioner)
        assert logged.count() == before + 1, url
        assert logged.order_by("-pk").first().path == url


def test_a_service_refuses_someone_who_does_not_work_with_people(administrator, person):
    with pytest.raises(PermissionDenied):
        safeguarding_concern_add(concern=SafeguardingConcern(person=person), by=administrator)
    assert not SafeguardingConcern.objects.exists()


def test_a_closed_concern_is_never_changed_even_by_a_service(concern, practitioner):
    concern.close(on=concern.raised_on, note="Safe now", by=practitioner)
    concern.what = "Rewritten afterwards"
    with pytest.raises(PermissionDenied):
        safeguarding_concern_update(concern=concern, by=practitioner)
    concern.refresh_from_db()
    assert concern.what == WHAT
