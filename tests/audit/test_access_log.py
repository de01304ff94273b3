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
        reverse("people:detail", args=[person.code]),
        reverse("conversations:detail", args=[conversation.code]),
        reverse("networks:member_edit", args=[member.code]),
        reverse("conversations:persons_copy", args=[person.code]),
    ]
    for url in pages:
        signed_in.get(url)
    logged = list(RecordView.objects.order_by("at", "pk"))
    assert [entry.path for entry in logged] == pages
    assert {(entry.user, entry.person) for entry in logged} == {(practitioner, person)}
    assert logged[0].page == "people:detail"


def test_a_page_that_is_refused_is_not_logged(client, other_practitioner, person):
    client.force_login(other_practitioner)
    client.get(reverse("people:detail", args=[person.code]))
    assert not RecordView.objects.exists()


def test_leads_and_administrators_see_who_has_viewed(
    client, signed_in, person, team_lead, administrator
):
    signed_in.get(reverse("people:detail", args=[person.code]))
    url = reverse("audit:access_log", args=[person.code])
    for reader in [team_lead, administrator]:
        client.force_login(reader)
        page = client.get(url).content.decode()
        assert "Priya Shah" in page and f"/people/{person.code}/" in page


def test_practitioners_do_not_see_the_log(signed_in, person):
    assert signed_in.get(reverse("audit:access_log", args=[person.code])).status_code == 404
    assert signed_in.get(reverse("audit:search")).status_code == 403


def test_an_administrator_finds_a_person_to_audit(client, administrator, person):
    client.force_login(administrator)
    page = client.get(reverse("audit:search"), {"q": person.family_name}).content.decode()
    assert reverse("audit:access_log", args=[person.code]) in page


def test_the_log_cannot_be_changed_or_deleted_by_the_app(signed_in, person):
    signed_in.get(reverse("people:detail", args=[person.code]))
    entry = RecordView.objects.get()
    entry.page = "forged"
    for attempt in [entry.save, entry.delete, RecordView.objects.all().delete]:
        with pytest.raises(AppendOnly):
            attempt()
    with pytest.raises(AppendOnly):
        RecordView.objects.update(page="forged")


def test_the_database_refuses_to_change_it(signed_in, person):
    signed_in.get(reverse("people:detail", args=[person.code]))
    table = RecordView._meta.db_table
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET page = 'forged'")
    assert RecordView.objects.get().page == "people:detail"


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


def test_an_administrator_finds_a_person_by_nhs_number_as_written(client, administrator, person):
    person.nhs_number = "9434765919"
    person.save()
    client.force_login(administrator)
    page = client.get(reverse("audit:search"), {"q": "943 476 5919"}).content.decode()
    assert reverse("audit:access_log", args=[person.code]) in page
