import datetime

import pytest
from django.urls import reverse

from conversations.sections import missing_sections
from networks.models import MeetingAttendance
from tests.factories import ConversationFactory, NetworkMemberFactory


@pytest.fixture
def meeting(person, practitioner):
    return ConversationFactory(
        person=person,
        practitioner=practitioner,
        kind="network_meeting",
        date=datetime.date(2026, 11, 2),
    )


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def url(meeting) -> str:
    return reverse("conversations:section", args=[meeting.code, "network-meeting"])


def test_a_network_meeting_asks_who_came(meeting, signed_in):
    assert "network-meeting" in [section.slug for section in missing_sections(meeting)]
    one_to_one = ConversationFactory(person=meeting.person, practitioner=meeting.practitioner)
    assert "network-meeting" not in [section.slug for section in missing_sections(one_to_one)]


def test_it_records_who_came_and_what_each_offered(meeting, signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat")
    jo = NetworkMemberFactory(person=person, name="Jo")
    signed_in.post(url(meeting), {f"came_{pat.pk}": "on", f"offered_{pat.pk}": "Lifts on Tuesdays"})
    attendance = MeetingAttendance.objects.get()
    assert (attendance.member, attendance.offered) == (pat, "Lifts on Tuesdays")
    page = signed_in.get(url(meeting)).content.decode()
    assert "Lifts on Tuesdays" in page and "Jo came" in page
    check = signed_in.get(reverse("conversations:check", args=[meeting.code])).content.decode()
    assert "Who came from their network" in check and "Lifts on Tuesdays" in check
    signed_in.post(url(meeting), {f"came_{jo.pk}": "on"})
    assert [a.member for a in MeetingAttendance.objects.all()] == [jo]


def test_it_offers_only_the_network_as_it_was_on_the_day(meeting, signed_in, person):
    NetworkMemberFactory(person=person, name="Later Friend", started_on=datetime.date(2026, 11, 20))
    NetworkMemberFactory(person=person, name="Old Friend")
    page = signed_in.get(url(meeting)).content.decode()
    assert "Later Friend" not in page and "Old Friend came" in page


def test_it_refuses_an_offer_from_someone_not_ticked(meeting, signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat")
    response = signed_in.post(url(meeting), {f"offered_{pat.pk}": "Lifts"})
    page = response.content.decode()
    assert "Tick that Pat came, or clear what they offered" in page and "Lifts" in page
    assert not MeetingAttendance.objects.exists()


def test_it_ignores_members_of_another_persons_network(meeting, signed_in, other_person):
    stranger = NetworkMemberFactory(person=other_person)
    signed_in.post(url(meeting), {f"came_{stranger.pk}": "on"})
    assert not MeetingAttendance.objects.exists()
