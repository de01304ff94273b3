"""The person's own copy: written to them, whole, only what is settled, and a PDF they can
keep."""

import datetime
import io
import sys

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conversations.models import Action
from conversations.read_back import check_parts
from tests.factories import (
    CommunityResourceFactory,
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    complete_conversation,
)

NEEDS = "I cannot manage the bus since my stroke; my son drives me to the shops."
THIRD_PERSON = "She wants to go back to the choir."
NOTICED = "Knows every plant by name."


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def signed_off(conversation, lead, practitioner, parts=()):
    check_parts(conversation, list(parts))
    conversation.save()
    conversation.submit(by=practitioner)
    conversation.sign_off(by=lead)
    return conversation


@pytest.fixture
def record(person, practitioner, team_lead):
    """A signed-off record with needs, an observation and a third-person note; the needs
    and what matters were checked with the person, the rest were not."""
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner),
        what_matters="Singing again, and my grandchildren",
        needs=NEEDS,
        contributions=THIRD_PERSON,
        strengths_noticed=NOTICED,
        next_date=datetime.date(2026, 12, 14),
        persons_comments="Put down that I still do the watering myself.",
        agreement="with_comments",
    )
    Action.objects.create(
        conversation=conversation,
        what="Ask the choir about the Tuesday rehearsal",
        who=Action.Who.PERSON,
        due=datetime.date(2026, 12, 1),
    )
    return signed_off(conversation, team_lead, practitioner, ["what_matters", "needs", "actions"])


def copy_of(client, person, **params) -> str:
    response = client.get(reverse("own_copy:copy", args=[person.code]), params)
    assert response.status_code == 200
    return response.content.decode()


def pdf_text(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_it_shows_the_parts_checked_with_the_person_and_nothing_unseen(signed_in, record):
    page = copy_of(signed_in, record.person)
    assert "Where you want help, and who helps now" in page
    assert "I cannot manage the bus since my stroke" in page
    assert "Singing again, and my grandchildren" in page
    # Written by the practitioner and never checked: not in their copy.
    assert "She wants to go back" not in page
    assert NOTICED not in page and "What we noticed about you" not in page
    # The plan, checked: what, who (to them, "you") and by when; and the next conversation.
    assert "Ask the choir about the Tuesday rehearsal: you, by 1 December 2026" in page
    assert "We will next talk on or around 14 December 2026" in page


def test_what_the_practitioner_noticed_is_printed_once_offered(
    signed_in, person, practitioner, team_lead
):
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner), strengths_noticed=NOTICED
    )
    signed_off(conversation, team_lead, practitioner, ["strengths_noticed"])
    page = copy_of(signed_in, person)
    assert "What we noticed about you" in page and NOTICED in page


def test_words_changed_after_checking_are_left_out_until_checked_again(
    person, practitioner, team_lead, signed_in
):
    conversation = complete_conversation(ConversationFactory(person=person))
    check_parts(conversation, ["needs"])
    conversation.needs = THIRD_PERSON
    conversation.save()
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    assert THIRD_PERSON not in copy_of(signed_in, person)


def test_it_shows_only_signed_off_records(signed_in, person, practitioner):
    waiting = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner), what_matters="Unseen words"
    )
    check_parts(waiting, ["what_matters"])
    waiting.save()
    waiting.submit(by=practitioner)
    page = copy_of(signed_in, person)
    assert "Unseen words" not in page
    assert "There is nothing to share yet" in page


def test_each_part_comes_from_the_latest_record_that_has_it(
    signed_in, record, practitioner, team_lead
):
    later = complete_conversation(
        ConversationFactory(
            person=record.person, practitioner=practitioner, date=datetime.date(2026, 11, 20)
        ),
        what_matters="Moving nearer my daughter",
    )
    signed_off(later, team_lead, practitioner, ["what_matters"])
    page = copy_of(signed_in, record.person)
    assert "Moving nearer my daughter" in page and "Singing again" not in page
    # The needs were checked only in the earlier record: they stay.
    assert NEEDS.replace("'", "&#x27;") in page


def test_the_network_shows_the_names_the_practitioner_chose(signed_in, record):
    NetworkMemberFactory(
        person=record.person,
        name="Pat Hughes",
        relationship="neighbour",
        gives_person="Drives me to the shops",
        person_gives="",
    )
    NetworkMemberFactory(
        person=record.person,
        name="Derek Stone",
        closeness="stressful",
        in_persons_copy=False,
    )
    NetworkMemberFactory(
        person=record.person,
        name="Gone Away",
        ended_on=datetime.date(2026, 1, 1),
    )
    page = copy_of(signed_in, record.person)
    assert "Pat Hughes" in page and "Pat Hughes supports you" in page
    assert "<svg" in page and 'role="img"' in page
    assert "Derek Stone" not in page and "Gone Away" not in page


def test_it_lists_their_community_connections_as_receiver_or_contributor(signed_in, record):
    ConnectionFactory(
        person=record.person,
        resource=CommunityResourceFactory(name="Chapel Allerton choir"),
        status="attending",
        role="volunteer",
    )
    ConnectionFactory(
        person=record.person,
        resource=CommunityResourceFactory(name="Lunch club"),
        status="introduced",
        role="receives",
    )
    page = copy_of(signed_in, record.person)
    assert "Chapel Allerton choir: you go, as a volunteer" in page
    assert "Lunch club: we introduced you, for support" in page


def test_it_says_whom_to_contact_how_to_complain_and_how_the_council_uses_information(
    signed_in, record, settings
):
    settings.COUNCIL_NAME = "Northshire Council"
    settings.COUNCIL_COMPLAINTS = "Write to the complaints team at Northshire."
    settings.COUNCIL_PRIVACY_NOTICE = "We keep your record for eight years."
    team = record.person.team
    team.phone, team.email = "0113 496 0000", "north@northshire.example"
    team.save()
    page = copy_of(signed_in, record.person)
    assert "Your worker is Priya Shah, North locality team, Northshire Council" in page
    assert "0113 496 0000" in page and "north@northshire.example" in page
    assert "Write to the complaints team at Northshire." in page
    assert "We keep your record for eight years." in page


def test_it_says_how_each_record_was_shared_and_what_they_asked_to_change(
    signed_in, record, practitioner
):
    record.shared_formats = ["large_print", "language"]
    record.shared_language = "Polish"
    record.save()
    record.add_addendum(
        text="You told us your son visits every week.", by=practitioner, asked_by_person=True
    )
    record.add_addendum(text="Her GP confirmed the stroke clinic date.", by=practitioner)
    page = copy_of(signed_in, record.person)
    assert (
        "We went through this record with you in person in large print in Polish on "
        "3 November 2026. You agreed with it, with comments." in page
    )
    assert "Your comments: Put down that I still do the watering myself." in page
    assert "you asked us to change this record" in page
    assert "You told us your son visits every week." in page
    # A correction of the practitioner's own is in the record, not in the person's copy.
    assert "Her GP confirmed" not in page


def test_a_record_they_did_not_agree_with_says_so_and_why(
    signed_in, person, practitioner, team_lead
):
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner),
        agreement="not_agreed",
        not_agreed_why="I do not need help with the stairs.",
    )
    signed_off(conversation, team_lead, practitioner)
    page = copy_of(signed_in, person)
    assert "You did not agree with all of it." in page
    assert "What you did not agree with: I do not need help with the stairs." in page


def test_a_record_that_could_not_be_shared_says_why_in_words_for_them(
    signed_in, person, practitioner, team_lead
):
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner),
        shared="no",
        not_shared_reason="declined",
    )
    signed_off(conversation, team_lead, practitioner)
    assert "You told us you did not want to go through it." in copy_of(signed_in, person)


def test_a_draft_is_printed_for_reading_back_marked_as_a_draft(signed_in, person, practitioner):
    draft = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner), what_matters="My garden"
    )
    check_parts(draft, ["what_matters"])
    draft.save()
    response = signed_in.get(reverse("own_copy:draft", args=[draft.code]))
    page = response.content.decode()
    assert "Draft." in page and "My garden" in page and "copy-draft" in page
    # The copy itself still shows only what is signed off.
    assert "My garden" not in copy_of(signed_in, person)
    pages = pdf_text(signed_in.get(reverse("own_copy:draft_pdf", args=[draft.code])))
    assert all("Draft: not finished or agreed" in text for text in pages)
    assert "My garden" in pages[0]


def test_a_draft_with_nothing_ticked_says_so(signed_in, person, practitioner, team_lead):
    earlier = complete_conversation(ConversationFactory(person=person, practitioner=practitioner))
    signed_off(earlier, team_lead, practitioner)
    draft = complete_conversation(ConversationFactory(person=person, practitioner=practitioner))
    page = signed_in.get(reverse("own_copy:draft", args=[draft.code])).content.decode()
    assert "None of the record has been checked with you for your copy yet" in page


def test_a_signed_off_records_draft_copy_is_the_copy_itself(signed_in, record):
    response = signed_in.get(reverse("own_copy:draft", args=[record.code]))
    assert response.url == reverse("own_copy:copy", args=[record.person.code])
    response = signed_in.get(reverse("own_copy:draft_pdf", args=[record.code]))
    assert response.url == reverse("own_copy:copy_pdf", args=[record.person.code])


def test_the_pdf_holds_the_copy_with_page_numbers_and_the_council(signed_in, record, settings):
    settings.COUNCIL_NAME = "Northshire Council"
    response = signed_in.get(reverse("own_copy:copy_pdf", args=[record.person.code]))
    assert "attachment" in response["Content-Disposition"]
    pages = pdf_text(response)
    text = "\n".join(pages)
    assert "What matters to me" in text and "cannot manage the bus" in text
    assert "She wants" not in text and NOTICED not in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert all("Northshire Council" in page for page in pages)
    assert "Draft" not in text


def test_large_print_is_larger(signed_in, record):
    url = reverse("own_copy:copy_pdf", args=[record.person.code])
    standard = pdf_text(signed_in.get(url))
    large = pdf_text(signed_in.get(url, {"print": "large"}))
    assert len(large) > len(standard)
    assert 'class="copy-large"' in copy_of(signed_in, record.person, print="large")


def test_without_pango_the_download_says_what_to_install(signed_in, record, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # importing it now fails
    response = signed_in.get(reverse("own_copy:copy_pdf", args=[record.person.code]))
    assert response.status_code == 503
    assert "apt-get install libpango-1.0-0" in response.content.decode()
    # The print view still works.
    assert "cannot manage the bus" in copy_of(signed_in, record.person)


@pytest.mark.parametrize("name", ["copy", "copy_pdf"])
def test_other_teams_and_other_roles_get_404(client, request, record, name):
    for cast in ["other_practitioner", "administrator", "information_governance"]:
        client.force_login(request.getfixturevalue(cast))
        url = reverse(f"own_copy:{name}", args=[record.person.code])
        assert client.get(url).status_code == 404


def test_its_queries_do_not_grow_with_the_records(
    signed_in, record, practitioner, team_lead, count_queries
):
    url = reverse("own_copy:copy", args=[record.person.code])
    before = count_queries(signed_in, url)
    for day in range(1, 6):
        more = complete_conversation(
            ConversationFactory(
                person=record.person,
                practitioner=practitioner,
                date=datetime.date(2026, 10, day),
            )
        )
        Action.objects.create(conversation=more, what=f"Call {day}", who=Action.Who.PERSON)
        signed_off(more, team_lead, practitioner, ["what_matters", "actions"])
        more.add_addendum(text="You asked", by=practitioner, asked_by_person=True)
        NetworkMemberFactory(person=record.person)
    assert count_queries(signed_in, url) == before


def test_gunicorns_workers_load_weasyprint_as_they_start(monkeypatch):
    from config import gunicorn

    warnings = []

    class Worker:
        class log:
            warning = staticmethod(lambda *args: warnings.append(args))

    gunicorn.post_worker_init(Worker())
    assert "weasyprint" in sys.modules and not warnings
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    gunicorn.post_worker_init(Worker())
    assert "cannot be made here" in warnings[0][0]
