import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from conversations.sections import COMPLETED, missing_sections, section_by_slug
from history.forms import current_version
from networks.models import MeetingAttendance
from networks.services import attendance_add
from tests.accounts.test_sessions import PASSWORD, idle_for
from tests.factories import ConversationFactory, NetworkMemberFactory, PersonFactory
from tests.test_every_form import FUZZ, forms_on, snapshot, values

CURRENT = "(the current version)"


def url(meeting) -> str:
    return reverse("conversations:section", args=[meeting.code, "network-meeting"])


def came(meeting, *members, offered=""):
    """Records members as having come, as a practitioner adding them would."""
    attendance_add(conversation=meeting, members=members, by=meeting.practitioner)
    if offered:
        MeetingAttendance.objects.filter(member__in=members).update(offered=offered)


def saving(meeting, members: dict, **fields) -> dict:
    """The who-came form as sent: each member's offer, at the meeting's current version."""
    data = {"version": current_version(meeting), **fields}
    data.update({f"offered_{member.pk}": offered for member, offered in members.items()})
    return data


def test_a_network_meeting_asks_who_came(meeting, signed_in):
    assert "network-meeting" in [section.slug for section in missing_sections(meeting)]
    one_to_one = ConversationFactory(person=meeting.person, practitioner=meeting.practitioner)
    assert "network-meeting" not in [section.slug for section in missing_sections(one_to_one)]
    came(meeting, NetworkMemberFactory(person=meeting.person))
    section = section_by_slug(meeting, "network-meeting")
    assert section.status(meeting) == COMPLETED
    assert "network-meeting" not in [section.slug for section in missing_sections(meeting)]


def test_it_finds_people_in_the_network_on_the_day_by_name(meeting, signed_in, person):
    NetworkMemberFactory(person=person, name="Pat Hughes")
    NetworkMemberFactory(person=person, name="Pat Later", started_on=datetime.date(2026, 11, 20))
    NetworkMemberFactory(person=person, name="Jo Doyle")
    search = reverse("conversations:attendee_search", args=[meeting.code])
    page = signed_in.get(search, {"q": "pat"}).content.decode()
    assert "Pat Hughes" in page and "Pat Later" not in page and "Jo Doyle" not in page
    assert "1 person matches" in page
    everyone = signed_in.get(search).content.decode()
    assert "Pat Hughes" in everyone and "Jo Doyle" in everyone and "Pat Later" not in everyone


def test_it_adds_those_ticked_with_history_of_who_added_them(
    meeting, signed_in, person, practitioner
):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    jo = NetworkMemberFactory(person=person, name="Jo Doyle")
    opened = current_version(meeting)
    response = signed_in.post(
        reverse("conversations:attendee_add", args=[meeting.code]),
        {"members": [str(pat.code), str(jo.code)], "q": "", "page": "1"},
    )
    assert response.url == url(meeting)
    attendance = MeetingAttendance.objects.get(member=pat)
    assert attendance.history.get().history_user == practitioner
    assert MeetingAttendance.objects.filter(member=jo).exists()
    assert current_version(meeting) != opened  # an open who-came page is now out of date
    page = signed_in.get(url(meeting)).content.decode()
    assert "Recorded as coming: Jo Doyle and Pat Hughes" in page


def test_it_saves_what_each_offered_and_keeps_everyone_not_shown(meeting, signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    jo = NetworkMemberFactory(person=person, name="Jo Doyle")
    came(meeting, pat, jo, offered="Lifts")
    response = signed_in.post(url(meeting), saving(meeting, {pat: "Lifts on Tuesdays"}))
    assert response.url == reverse("conversations:section", args=[meeting.code, "the-meeting"])
    offers = dict(MeetingAttendance.objects.values_list("member__name", "offered"))
    assert offers == {"Pat Hughes": "Lifts on Tuesdays", "Jo Doyle": "Lifts"}
    pat_attendance = MeetingAttendance.objects.get(member=pat)
    assert pat_attendance.history.first().history_user == meeting.practitioner
    check = signed_in.get(reverse("conversations:check", args=[meeting.code])).content.decode()
    assert "Lifts on Tuesdays" in check and "Jo Doyle" in check


def test_it_keeps_who_came_when_the_meeting_moves_to_before_they_joined(meeting, signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes", started_on=meeting.date)
    came(meeting, pat, offered="Lifts")
    meeting.date = datetime.date(2026, 10, 1)  # before Pat was part of the network
    meeting.save_by(meeting.practitioner)
    page = signed_in.get(url(meeting)).content.decode()
    assert "Pat Hughes" in page and "Lifts" in page
    signed_in.post(url(meeting), saving(meeting, {}))
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts, and a cake"}))
    assert MeetingAttendance.objects.get().offered == "Lifts, and a cake"


def test_it_takes_off_someone_who_did_not_come_and_keeps_that_in_history(
    meeting, signed_in, person, practitioner
):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    jo = NetworkMemberFactory(person=person, name="Jo Doyle")
    came(meeting, pat, jo)
    data = saving(meeting, {pat: "", jo: "Company"}, **{f"remove_{pat.pk}": "on"})
    signed_in.post(url(meeting), data)
    assert [a.member for a in MeetingAttendance.objects.all()] == [jo]
    removed = MeetingAttendance.history.filter(member_id=pat.pk).first()
    assert (removed.history_type, removed.history_user) == ("-", practitioner)


def test_it_refuses_a_save_over_a_newer_one_and_shows_what_changed(
    meeting, signed_in, person, team_lead
):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    came(meeting, pat, offered="Lifts")
    opened = saving(meeting, {pat: "Lifts on Tuesdays"})
    jo = NetworkMemberFactory(person=person, name="Jo Doyle")
    attendance_add(conversation=meeting, members=[jo], by=team_lead)  # another tab
    page = signed_in.post(url(meeting), opened).content.decode()
    assert "Someone saved a change to this record after you opened this page" in page
    assert "What the other save changed" in page and "Jo Doyle" in page
    assert "Not recorded as coming" in page
    assert "Lifts on Tuesdays" in page  # what was typed, kept to save again
    assert MeetingAttendance.objects.get(member=pat).offered == "Lifts"
    assert f'value="{current_version(meeting)}"' in page


def test_it_refuses_a_save_that_does_not_say_its_version(meeting, signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    came(meeting, pat, offered="Lifts")
    data = saving(meeting, {pat: "Lifts on Tuesdays"})
    del data["version"]
    response = signed_in.post(url(meeting), data)
    assert response.status_code == 200
    assert "without saying which version" in response.content.decode()
    assert MeetingAttendance.objects.get().offered == "Lifts"
    autosave = signed_in.post(url(meeting), data, headers={"X-Autosave": "1"})
    assert autosave.status_code == 409
    assert MeetingAttendance.objects.get().offered == "Lifts"


@pytest.mark.parametrize("whose", ["someone else the team works with", "another team's person"])
def test_it_will_not_take_members_of_another_persons_network(
    meeting, signed_in, team, other_person, whose
):
    someone = PersonFactory(team=team) if whose.startswith("someone") else other_person
    stranger = NetworkMemberFactory(person=someone, name="Zebedee Stranger")
    NetworkMemberFactory(person=meeting.person, name="Zebedee Neighbour")
    search = reverse("conversations:attendee_search", args=[meeting.code])
    found = signed_in.get(search, {"q": "zebedee"}).content.decode()
    assert "Zebedee Neighbour" in found and "Zebedee Stranger" not in found
    add = reverse("conversations:attendee_add", args=[meeting.code])
    page = signed_in.post(add, {"members": [str(stranger.code)]}).content.decode()
    assert "There is a problem" in page and 'href="#id_members"' in page
    assert "Select people from their network who were part of it on the day" in page
    page = signed_in.post(url(meeting), saving(meeting, {stranger: "Cake"})).content.decode()
    assert "Only people in their network can be recorded as coming" in page
    assert not MeetingAttendance.objects.exists()


@pytest.mark.parametrize(
    ("offered", "message"),
    [
        ("x" * 2001, "What Pat Hughes offered must be 2000 characters or fewer"),
        ("Lifts\x00", "What Pat Hughes offered must not contain null characters"),
    ],
)
def test_it_explains_bad_input_keeps_it_and_changes_nothing(
    meeting, signed_in, person, offered, message
):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    came(meeting, pat, offered="Lifts")
    opened = current_version(meeting)
    page = signed_in.post(url(meeting), saving(meeting, {pat: offered})).content.decode()
    assert "There is a problem" in page and message in page
    assert f'href="#id_offered_{pat.pk}"' in page and "govuk-error-message" in page
    assert offered.replace("\x00", "") in page
    assert MeetingAttendance.objects.get().offered == "Lifts"
    assert current_version(meeting) == opened


@pytest.mark.parametrize("sent", [["not-a-code"], ["\x00"], [""], []])
def test_it_refuses_an_add_of_no_one_or_of_nonsense(meeting, signed_in, person, sent):
    NetworkMemberFactory(person=person, name="Pat Hughes")
    add = reverse("conversations:attendee_add", args=[meeting.code])
    response = signed_in.post(add, {"members": sent, "q": "pat\x00", "page": "x"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not MeetingAttendance.objects.exists()


def test_it_saves_while_typing_from_the_version_each_save_returns(meeting, signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    came(meeting, pat)
    autosave = {"headers": {"X-Autosave": "1"}}
    first = signed_in.post(url(meeting), saving(meeting, {pat: "Lif"}), **autosave)
    assert first.status_code == 200 and first.json()["version"] == current_version(meeting)
    data = {"version": first.json()["version"], f"offered_{pat.pk}": "Lifts"}
    taken_off = signed_in.post(url(meeting), {**data, f"remove_{pat.pk}": "on"}, **autosave)
    assert not MeetingAttendance.objects.exists()
    # The box unticked again, before the page was saved: Pat is back, with what was typed.
    data["version"] = taken_off.json()["version"]
    assert signed_in.post(url(meeting), data, **autosave).status_code == 200
    assert MeetingAttendance.objects.get().offered == "Lifts"


@pytest.mark.parametrize("name", ["attendees", "attendee_search", "attendee_add"])
def test_other_teams_get_404(client, other_practitioner, meeting, name):
    client.force_login(other_practitioner)
    target = reverse(f"conversations:{name}", args=[meeting.code])
    assert client.get(target).status_code == 404
    assert client.post(target, {"members": []}).status_code in {404, 405}
    assert client.get(url(meeting)).status_code == 404


def test_it_sends_a_one_to_one_conversation_back_to_its_record(signed_in, person, practitioner):
    one_to_one = ConversationFactory(person=person, practitioner=practitioner)
    response = signed_in.get(reverse("conversations:attendee_search", args=[one_to_one.code]))
    assert response.url == reverse("conversations:tasks", args=[one_to_one.code])


def test_it_writes_names_as_text_not_as_html(meeting, signed_in, person):
    NetworkMemberFactory(person=person, name="<script>alert(1)</script>")
    came(meeting, *person.network_members.all())
    for page in [url(meeting), reverse("conversations:attendee_search", args=[meeting.code])]:
        content = signed_in.get(page).content.decode()
        assert "<script>alert(1)" not in content and "&lt;script&gt;alert(1)" in content


def test_it_shows_who_came_a_page_at_a_time_and_saves_one_page(meeting, signed_in, person):
    members = [NetworkMemberFactory(person=person, name=f"Guest {n:02}") for n in range(30)]
    came(meeting, *members, offered="Cake")
    first = signed_in.get(url(meeting)).content.decode()
    assert "Guest 24" in first and "Guest 25" not in first
    assert "30 people are recorded as having come" in first
    second = reverse("conversations:attendees", args=[meeting.code])
    page = signed_in.get(second, {"page": 2}).content.decode()
    assert "Guest 25" in page and "Guest 24" not in page and 'rel="prev"' in page
    assert f'action="{url(meeting)}"' in page
    signed_in.post(url(meeting), saving(meeting, {members[29]: "Scones"}))
    offers = dict(MeetingAttendance.objects.values_list("member__name", "offered"))
    assert offers["Guest 29"] == "Scones" and offers["Guest 00"] == "Cake"
    assert len(offers) == 30


@pytest.mark.parametrize("form", ["who came", "add"])
def test_no_odd_input_breaks_who_came_or_half_saves_it(meeting, signed_in, person, form):
    came(meeting, NetworkMemberFactory(person=person), offered="Lifts")
    NetworkMemberFactory(person=person)
    search = reverse("conversations:attendee_search", args=[meeting.code])
    shown, target = (url(meeting), url(meeting))
    if form == "add":
        shown, target = (search, reverse("conversations:attendee_add", args=[meeting.code]))
    forms = forms_on(signed_in, shown)
    names = next(names for method, _, path, names, _ in forms if (method, path) == ("post", target))
    # Sometimes the version the page was opened on, so that saves get through too.
    odd = st.one_of(values, st.just(CURRENT))

    @FUZZ
    @given(posted=st.fixed_dictionaries({}, optional=dict.fromkeys(names, odd)))
    def send(posted):
        posted = {n: current_version(meeting) if v == CURRENT else v for n, v in posted.items()}
        before = snapshot()
        response = signed_in.post(target, posted)
        assert response.status_code < 500
        if response.status_code != 302:
            assert snapshot() == before, f"{form} refused a submission but changed records"

    send()


def test_a_save_that_fails_part_way_changes_nothing(meeting, signed_in, person, monkeypatch):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    jo = NetworkMemberFactory(person=person, name="Jo Doyle")
    came(meeting, pat, jo, offered="Lifts")

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("networks.services._new_version", fail)
    data = saving(meeting, {pat: "Cake", jo: ""}, **{f"remove_{jo.pk}": "on"})
    with pytest.raises(RuntimeError):
        signed_in.post(url(meeting), data)
    offers = dict(MeetingAttendance.objects.values_list("member__name", "offered"))
    assert offers == {"Pat Hughes": "Lifts", "Jo Doyle": "Lifts"}


def test_ticks_sent_as_the_session_ended_come_back_after_signing_in(
    meeting, client, person, practitioner
):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes")
    sign_in = {"username": practitioner.email, "password": PASSWORD}
    client.post(reverse("accounts:sign_in"), sign_in)
    idle_for(client, 45 * 60)
    add = reverse("conversations:attendee_add", args=[meeting.code])
    response = client.post(add, {"members": [str(pat.code)], "q": "pat", "page": "1"})
    assert response.url.startswith(reverse("accounts:sign_in"))
    client.post(reverse("accounts:sign_in"), sign_in)
    page = client.get(add).content.decode()
    assert "check it and save" in page and f'value="{pat.code}" checked' in page
    assert not MeetingAttendance.objects.exists()  # brought back to check, not saved unseen
