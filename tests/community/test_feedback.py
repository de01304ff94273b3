"""'Tell us if this has changed': practitioners keep the directory fresh."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Feedback
from tests.factories import CommunityResourceFactory


@pytest.fixture
def lunch_club(db):
    return CommunityResourceFactory(name="Chapel lunch club", last_verified=timezone.localdate())


@pytest.fixture
def allotments(db):
    # Long unchecked: it would come first in the freshness review, but for what is reported.
    return CommunityResourceFactory(
        name="Allotment society", last_verified=timezone.localdate() - datetime.timedelta(days=900)
    )


def tell(client, resource, **data):
    return client.post(reverse("community:feedback", args=[resource.code]), data)


@pytest.mark.parametrize("role", ["practitioner", "team_lead", "administrator"])
def test_anyone_who_reads_the_directory_tells_us_what_has_changed(
    client, request, lunch_club, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(reverse("community:detail", args=[lunch_club.code])).content.decode()
    assert reverse("community:feedback", args=[lunch_club.code]) in page
    response = tell(client, lunch_club, kind="out_of_date", what_changed="Now on Wednesdays")
    assert response.url == reverse("community:detail", args=[lunch_club.code])
    feedback = Feedback.objects.get()
    assert (feedback.resource, feedback.kind, feedback.what_changed, feedback.given_by) == (
        lunch_club,
        "out_of_date",
        "Now on Wednesdays",
        user,
    )
    assert feedback.resolved_at is None


def test_out_of_date_needs_what_changed_and_keeps_the_typing(client, practitioner, lunch_club):
    client.force_login(practitioner)
    response = tell(client, lunch_club, kind="out_of_date", what_changed="   ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Tell us what has changed" in page
    assert re.findall(r'value="(\w+)"\s+checked', page) == ["out_of_date"]
    response = tell(client, lunch_club, what_changed="It moved to the library")
    page = response.content.decode()
    assert "Select whether it is still as the directory describes it" in page
    assert "It moved to the library" in page
    response = tell(client, lunch_club, kind="moved", what_changed="x")
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Feedback.objects.exists()


def test_closed_and_helpful_need_no_words(client, practitioner, lunch_club):
    client.force_login(practitioner)
    tell(client, lunch_club, kind="closed")
    tell(client, lunch_club, kind="helpful")
    assert sorted(Feedback.objects.values_list("kind", flat=True)) == ["closed", "helpful"]


def test_an_archived_resource_takes_no_feedback(client, practitioner, lunch_club):
    lunch_club.status = lunch_club.Status.ARCHIVED
    lunch_club.save()
    client.force_login(practitioner)
    assert tell(client, lunch_club, kind="closed").status_code == 404
    assert not Feedback.objects.exists()


def test_what_is_reported_comes_first_in_the_freshness_review_with_the_words_beside_it(
    client, practitioner, administrator, lunch_club, allotments
):
    client.force_login(practitioner)
    tell(client, lunch_club, kind="out_of_date", what_changed="Now on Wednesdays")
    tell(client, allotments, kind="helpful")
    client.force_login(administrator)
    page = client.get(reverse("community:review")).content.decode()
    reported = page.index("Reported by practitioners")
    assert reported < page.index("Chapel lunch club") < page.index("Not checked for")
    assert page.index("Now on Wednesdays") < page.index("Allotment society")
    assert "Priya Shah" in page
    home = client.get(reverse("home")).content.decode()
    assert "1 resource reported by practitioners as changed or closed" in home


def test_helpful_feedback_is_not_reported_but_counted_for_administrators(
    client, practitioner, administrator, lunch_club
):
    client.force_login(practitioner)
    tell(client, lunch_club, kind="helpful")
    tell(client, lunch_club, kind="helpful")
    page = client.get(reverse("community:detail", args=[lunch_club.code])).content.decode()
    assert "helpful 2 times" not in page
    client.force_login(administrator)
    review = client.get(reverse("community:review")).content.decode()
    assert "Reported by practitioners" not in review
    page = client.get(reverse("community:detail", args=[lunch_club.code])).content.decode()
    assert "Practitioners said it was helpful 2 times since it was last checked" in page


def test_an_administrator_resolves_what_was_reported(
    client, practitioner, administrator, lunch_club
):
    client.force_login(practitioner)
    tell(client, lunch_club, kind="closed", what_changed="The hall has been sold")
    tell(client, lunch_club, kind="out_of_date", what_changed="New phone number")
    url = reverse("community:feedback_resolve", args=[lunch_club.code])
    assert client.post(url).status_code == 403
    assert Feedback.objects.to_review().count() == 2
    client.force_login(administrator)
    page = client.get(reverse("community:detail", args=[lunch_club.code])).content.decode()
    assert "The hall has been sold" in page and "New phone number" in page
    response = client.post(url, {"next": "review"})
    assert response.url == reverse("community:review")
    assert not Feedback.objects.to_review().exists()
    resolved = Feedback.objects.get(kind="closed")
    assert resolved.resolved_by == administrator and resolved.resolved_at is not None
    review = client.get(reverse("community:review")).content.decode()
    assert "Reported by practitioners" not in review and "The hall has been sold" not in review
