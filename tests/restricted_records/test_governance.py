"""Information governance restricts a record, names who may open it, sees every opening,
and lifts it; no one else may."""

from django.urls import reverse

from accounts.models import Restriction
from audit.models import RecordView


def test_information_governance_restricts_a_record_to_named_staff(
    client, information_governance, person, practitioner, colleague
):
    client.force_login(information_governance)
    url = reverse("restricted_records:restriction", args=[person.code])
    form = client.get(url).content.decode()
    # Their own practitioner is offered first, already ticked.
    assert "Priya Shah" in form and "checked" in form
    response = client.post(
        url, {"reason": "member_of_staff", "details": "", "named_staff": [practitioner.pk]}
    )
    assert response.status_code == 302
    restriction = Restriction.objects.in_force().get(person=person)
    assert restriction.restricted_by == information_governance
    assert list(restriction.named_staff.all()) == [practitioner]
    client.force_login(colleague)
    assert client.get(reverse("overview:person", args=[person.code])).status_code == 404


def test_bad_input_is_refused_with_messages_and_kept(client, information_governance, person):
    client.force_login(information_governance)
    url = reverse("restricted_records:restriction", args=[person.code])
    response = client.post(url, {"reason": "other", "details": ""})
    page = response.content.decode()
    assert "Say why the record is restricted" in page
    assert "Select at least one member of staff who may open it" in page
    assert "govuk-error-summary" in page
    response = client.post(url, {"named_staff": ["999999"], "details": "Kept typing"})
    page = response.content.decode()
    assert "Select why the record is restricted" in page and "Kept typing" in page
    assert not Restriction.objects.exists()


def test_changing_who_may_open_it_keeps_one_restriction(
    client, information_governance, restricted, colleague
):
    client.force_login(information_governance)
    url = reverse("restricted_records:restriction", args=[restricted.person.code])
    client.post(url, {"reason": "public_figure", "named_staff": [colleague.pk]})
    assert Restriction.objects.count() == 1
    restricted.refresh_from_db()
    assert restricted.reason == "public_figure"
    assert list(restricted.named_staff.all()) == [colleague]


def test_every_opening_is_shown_to_information_governance(
    client, information_governance, restricted, practitioner
):
    client.force_login(practitioner)
    client.get(reverse("overview:person", args=[restricted.person.code]))
    client.get(reverse("overview:person", args=[restricted.person.code]))
    client.force_login(information_governance)
    listed = client.get(reverse("restricted_records:list")).content.decode()
    assert restricted.person.display_name in listed and "2 times" in listed
    shown = client.get(reverse("restricted_records:restriction", args=[restricted.person.code]))
    page = shown.content.decode()
    assert page.count(f"/people/{restricted.person.code}/</code>") == 2
    assert "Priya Shah" in page


def test_lifting_needs_a_reason_and_opens_it_to_the_team_again(
    client, information_governance, restricted, colleague
):
    client.force_login(information_governance)
    url = reverse("restricted_records:lift", args=[restricted.person.code])
    assert "Enter why the restriction is being lifted" in client.post(url, {}).content.decode()
    assert Restriction.objects.in_force().exists()
    client.post(url, {"because": "She asked us to lift it"})
    restricted.refresh_from_db()
    assert restricted.lifted_at and restricted.lifted_by == information_governance
    listed = client.get(reverse("restricted_records:list")).content.decode()
    assert "lifted" in listed
    client.force_login(colleague)
    assert client.get(reverse("overview:person", args=[restricted.person.code])).status_code == 200


def test_no_one_else_restricts_or_lists_them(
    client, restricted, practitioner, team_lead, administrator, principal_social_worker
):
    code = restricted.person.code
    for user in [practitioner, team_lead, administrator, principal_social_worker]:
        client.force_login(user)
        assert client.get(reverse("restricted_records:list")).status_code == 403
        for name in ["restricted_records:restriction", "restricted_records:lift"]:
            assert client.get(reverse(name, args=[code])).status_code == 404
            assert client.post(reverse(name, args=[code]), {"because": "x"}).status_code == 404
    assert Restriction.objects.in_force().count() == 1


def test_the_list_is_a_fixed_number_of_queries(
    client, information_governance, restricted, count_queries, team, practitioner
):
    from tests.factories import PersonFactory

    client.force_login(information_governance)
    url = reverse("restricted_records:list")
    few = count_queries(client, url)
    for _ in range(4):
        person = PersonFactory(team=team)
        more = Restriction.objects.create(
            person=person, reason="public_figure", restricted_by=information_governance
        )
        more.named_staff.set([practitioner])
    assert count_queries(client, url) == few
    # Each listed person's view is in their access log: one, then five, twice each.
    assert RecordView.objects.filter(user=information_governance).count() == 2 + 10


def test_an_id_no_database_could_hold_is_not_a_choice(client, information_governance, person):
    client.force_login(information_governance)
    url = reverse("restricted_records:restriction", args=[person.code])
    data = {"reason": "other", "details": "Why", "named_staff": ["9223372036854775808"]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Restriction.objects.exists()
