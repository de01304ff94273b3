from collections.abc import Callable

import pytest
from django.contrib import admin
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from audit.models import AppendOnly, RecordView
from tests.factories import ConversationFactory, NetworkMemberFactory


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_every_page_about_a_person_is_logged(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    member = NetworkMemberFactory(person=person)
    pages = [
        reverse("overview:person", args=[person.code]),
        reverse("conversations:detail", args=[conversation.code]),
        reverse("networks:member_edit", args=[member.code]),
        reverse("own_copy:copy", args=[person.code]),
        reverse("own_copy:copy_pdf", args=[person.code]),
        reverse("own_copy:draft", args=[conversation.code]),
        reverse("own_copy:draft_pdf", args=[conversation.code]),
    ]
    for url in pages:
        signed_in.get(url)
    logged = list(RecordView.objects.order_by("at", "pk"))
    assert [entry.path for entry in logged] == pages
    assert {(entry.user, entry.person) for entry in logged} == {(practitioner, person)}
    assert logged[0].page == "overview:person"


def test_a_page_that_is_refused_is_not_logged(client, other_practitioner, person):
    client.force_login(other_practitioner)
    client.get(reverse("overview:person", args=[person.code]))
    assert not RecordView.objects.exists()


def test_leads_and_information_governance_see_who_has_viewed(
    client, signed_in, person, team_lead, information_governance
):
    signed_in.get(reverse("overview:person", args=[person.code]))
    url = reverse("personal_data:access_log", args=[person.code])
    for reader in [team_lead, information_governance]:
        client.force_login(reader)
        page = client.get(url).content.decode()
        assert "Priya Shah" in page and f"/people/{person.code}/" in page


def test_practitioners_do_not_see_the_log(signed_in, person):
    assert signed_in.get(reverse("personal_data:access_log", args=[person.code])).status_code == 404
    assert signed_in.get(reverse("personal_data:search")).status_code == 403


def test_information_governance_finds_a_person_to_audit(client, information_governance, person):
    client.force_login(information_governance)
    page = client.get(reverse("personal_data:search"), {"q": person.family_name}).content.decode()
    assert reverse("personal_data:access_log", args=[person.code]) in page


def test_a_lead_finds_only_their_own_teams_people_to_audit(client, team_lead, person, other_person):
    client.force_login(team_lead)
    for found, query in [(person, person.family_name), (other_person, other_person.family_name)]:
        page = client.get(reverse("personal_data:search"), {"q": query}).content.decode()
        shown = reverse("personal_data:access_log", args=[found.code]) in page
        assert shown == (found == person), query


def test_the_log_cannot_be_changed_or_deleted_by_the_app(signed_in, person):
    signed_in.get(reverse("overview:person", args=[person.code]))
    entry = RecordView.objects.get()
    entry.page = "forged"
    attempts: list[Callable[[], object]] = [
        entry.save,
        entry.delete,
        RecordView.objects.all().delete,
    ]
    for attempt in attempts:
        with pytest.raises(AppendOnly):
            attempt()
    with pytest.raises(AppendOnly):
        RecordView.objects.update(page="forged")


def test_the_database_refuses_to_change_it(signed_in, person):
    signed_in.get(reverse("overview:person", args=[person.code]))
    table = RecordView._meta.db_table
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET page = 'forged'")
    assert RecordView.objects.get().page == "overview:person"


def test_the_admin_is_read_only(administrator):
    request = RequestFactory().get("/")
    request.user = administrator
    model_admin = admin.site._registry[RecordView]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_a_list_of_names_is_logged_for_each_person_on_it(signed_in, person, team, practitioner):
    from tests.factories import PersonFactory

    others = PersonFactory.create_batch(3, team=team, practitioner=practitioner)
    signed_in.get(reverse("people:list"))
    listed = set(RecordView.objects.filter(page="people:list").values_list("person", flat=True))
    assert listed == {person.pk, *(other.pk for other in others)}
    signed_in.get(reverse("home"))
    assert RecordView.objects.filter(page="home", person=person).exists()


def test_information_governance_finds_a_person_by_nhs_number_as_written(
    client, information_governance, person
):
    person.nhs_number = "9434765919"
    person.save()
    client.force_login(information_governance)
    page = client.get(reverse("personal_data:search"), {"q": "943 476 5919"}).content.decode()
    assert reverse("personal_data:access_log", args=[person.code]) in page


def test_administrators_do_not_see_case_records_or_the_log(client, administrator, person):
    client.force_login(administrator)
    assert client.get(reverse("personal_data:search"), {"q": person.family_name}).status_code == 403
    assert client.get(reverse("personal_data:access_log", args=[person.code])).status_code == 404
    assert not RecordView.objects.exists()


def test_it_never_keeps_what_was_searched_for(signed_in, person):
    signed_in.get(reverse("people:list"), {"q": person.family_name, "page": "1"})
    signed_in.get(reverse("people:list"), {"q": "943 476"})
    entries = RecordView.objects.filter(page="people:list")
    assert {entry.path for entry in entries} == {reverse("people:list")}
    assert entries.first().search == "name search"
    for entry in RecordView.objects.all():
        assert person.family_name not in str(entry.__dict__)


def test_it_keeps_the_address_each_page_was_seen_from(signed_in, person, settings):
    signed_in.get(reverse("overview:person", args=[person.code]), REMOTE_ADDR="203.0.113.5")
    assert RecordView.objects.get().address == "203.0.113.5"
    settings.PROXY_COUNT = 1
    signed_in.get(
        reverse("people:edit", args=[person.code]),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert RecordView.objects.get(page="people:edit").address == "198.51.100.7"


def test_the_choice_of_person_to_connect_is_logged(signed_in, person, team, practitioner):
    from tests.factories import CommunityResourceFactory, PersonFactory

    other = PersonFactory(team=team, practitioner=practitioner)
    resource = CommunityResourceFactory()
    signed_in.get(reverse("community:choose_person", args=[resource.code]))
    listed = set(RecordView.objects.values_list("person", flat=True))
    assert listed == {person.pk, other.pk}


def test_the_django_admin_logs_whom_it_shows(client, person, practitioner):
    from tests.conftest import pass_second_factor
    from tests.factories import UserFactory

    superuser = UserFactory(is_staff=True, is_superuser=True)
    pass_second_factor(client, superuser)  # the admin needs one
    client.get(reverse("admin:people_person_changelist"), {"q": person.family_name})
    client.get(reverse("admin:people_person_change", args=[person.pk]))
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    client.get(reverse("admin:conversations_conversation_change", args=[conversation.pk]))
    pages = list(RecordView.objects.filter(user=superuser).values_list("page", "search"))
    assert ("admin:people_person_changelist", "admin search") in pages
    assert ("admin:people_person_change", "") in pages
    assert ("admin:conversations_conversation_change", "") in pages
    assert all("?" not in path for path in RecordView.objects.values_list("path", flat=True))


def test_a_migration_strips_the_search_terms_already_logged(transactional_db, person, practitioner):
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0003_who_from_why_and_no_search_terms")])
    with connection.cursor() as cursor:
        for path in ["/people/?q=Doyle&page=2", f"/people/{person.code}/?on=2026-01-01"]:
            cursor.execute(
                "INSERT INTO audit_recordview (user_id, person_id, page, path, search, reason, at)"
                " VALUES (%s, %s, 'page', %s, '', '', %s)",
                [practitioner.pk, person.pk, path, timezone.now()],
            )
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0004_strip_search_terms")])
    kept = set(RecordView.objects.values_list("path", "search"))
    assert kept == {("/people/", "search (terms not kept)"), (f"/people/{person.code}/", "")}
    # The triggers are back.
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_recordview SET page = 'forged'")


@pytest.mark.parametrize(
    "url",
    ["personal_data:search", "people:list", "community:list"],
    ids=["audit", "people", "directory"],
)
def test_a_search_with_a_null_character_gets_a_clear_message(
    client, information_governance, practitioner, url
):
    client.force_login(information_governance if url == "personal_data:search" else practitioner)
    response = client.get(reverse(url), {"q": "Doy\x00le"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Search must not contain null characters" in page
    assert "<title>Error: " in page


def test_the_choice_of_someone_the_team_works_with_is_logged(signed_in, person, team, practitioner):
    from tests.factories import PersonFactory

    neighbour = PersonFactory(team=team, practitioner=practitioner)
    signed_in.get(reverse("networks:member_add", args=[person.code]))
    listed = set(RecordView.objects.values_list("person", flat=True))
    assert listed == {person.pk, neighbour.pk}
