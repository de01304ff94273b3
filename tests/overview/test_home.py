"""A home page for every role: what waits for a team lead in their teams, and what waits for
an administrator."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.models import Role
from community.openreferral.importing import import_directory
from community.openreferral.reading import Upload
from tests.conftest import pass_second_factor
from tests.factories import (
    CommunityResourceFactory,
    ConversationFactory,
    PersonFactory,
    UserFactory,
    complete_conversation,
)

TODAY = timezone.localdate()


def test_a_lead_sees_records_waiting_reviews_overdue_and_people_not_seen(
    client, team, practitioner, team_lead
):
    waiting = PersonFactory(team=team, practitioner=practitioner, given_names="Winifred")
    record = complete_conversation(ConversationFactory(person=waiting, practitioner=practitioner))
    record.submit(by=practitioner)
    overdue = PersonFactory(team=team, practitioner=practitioner, given_names="Osbert")
    plan = ConversationFactory(
        person=overdue,
        practitioner=practitioner,
        date=TODAY - datetime.timedelta(days=100),
        eligible="yes",
        plan_review_date=TODAY - datetime.timedelta(days=5),
    )
    plan.status, plan.signed_off_at = "signed_off", timezone.now()
    plan.save()
    PersonFactory(team=team, practitioner=practitioner)  # never seen
    client.force_login(team_lead)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert "Records waiting for your review" in page
    assert reverse("conversations:review", args=[record.code]) in page
    assert "1 record waiting" in page
    lead = response.context["lead"]
    assert lead.reviews_overdue_count == 1 and lead.reviews_overdue == [overdue]
    assert lead.not_seen_count == 2  # Osbert's last conversation was 100 days ago, and the new one
    # Counted beside "Records to review" in the navigation, on every page.
    people = client.get(reverse("people:list")).content.decode()
    assert 'app-nav-count">1<span class="govuk-visually-hidden"> waiting' in people


def test_a_practitioner_has_no_lead_summary_and_no_count(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("home"))
    assert response.context["lead"] is None
    assert "Records waiting for your review" not in response.content.decode()
    assert "app-nav-count" not in response.content.decode()


def test_an_administrator_sees_the_directory_and_accounts_that_need_attention(
    client, team, administrator
):
    CommunityResourceFactory(last_verified=TODAY - datetime.timedelta(days=800))
    CommunityResourceFactory(last_verified=TODAY)
    leaver = UserFactory(teams=[team], roles=[Role.PRACTITIONER], full_name="Lionel Leaver")
    PersonFactory(team=team, practitioner=leaver)
    leaver.is_active = False
    leaver.save()
    UserFactory(
        teams=[team], roles=[Role.PRACTITIONER], full_name="Gone Without People", is_active=False
    )
    client.force_login(administrator)
    page = client.get(reverse("home")).content.decode()
    assert "1 resource not checked for 12 months" in page
    assert "Last import" in page and "None yet" in page
    assert "Lionel Leaver" in page and "Gone Without People" not in page


def test_the_administrators_home_names_the_last_import(client, administrator, settings):
    directory = settings.BASE_DIR / "demo" / "openreferral" / "leeds-directory.json"
    import_directory([Upload(directory.name, directory.read_bytes())], by=administrator)
    client.force_login(administrator)
    page = client.get(reverse("home")).content.decode()
    assert f"by {administrator}: Imported from leeds-directory.json" in page


def test_an_administrator_sees_who_must_have_a_second_factor_and_has_none(
    client, team, administrator, second_factor_required
):
    UserFactory(teams=[team], roles=[Role.TEAM_LEAD], full_name="Leonora Nofactor")
    ready = UserFactory(teams=[team], roles=[Role.TEAM_LEAD], full_name="Reginald Ready")
    StaticDevice.objects.create(user=ready, name="Recovery codes", confirmed=True)
    UserFactory(teams=[team], roles=[Role.PRACTITIONER], full_name="Percy Optional")
    pass_second_factor(client, administrator)
    page = client.get(reverse("home")).content.decode()
    listed = page[page.index("Staff who must have a second factor") :]
    assert "Leonora Nofactor" in listed
    assert "Reginald Ready" not in listed and "Percy Optional" not in listed
