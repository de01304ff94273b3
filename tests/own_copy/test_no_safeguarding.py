"""A safeguarding concern never flows into the person's own copy: the source of harm may
live with them and read it."""

import pytest
from django.urls import reverse

from tests.factories import ConversationFactory, SafeguardingConcernFactory, complete_conversation
from tests.own_copy.test_copy import pdf_text, signed_off

WORDS = [
    "Hyacinth says her lodger Vernon takes her pension book",
    "Told the safeguarding adults team on Tuesday",
    "I want Vernon to leave but I am frightened to ask him",
    "Ottoline Brackenbury",
    "Strategy meeting held; police informed",
]
# Single words, which a PDF's lines cannot split.
NAMES = ["Hyacinth", "Vernon", "Brackenbury", "frightened", "Strategy"]


@pytest.fixture
def concerned(client, practitioner, team_lead, person):
    """A signed-off record, and an open and a closed concern holding every kind of words."""
    signed_off(
        complete_conversation(ConversationFactory(person=person, practitioner=practitioner)),
        team_lead,
        practitioner,
        ["what_matters", "needs", "actions"],
    )
    what, who_told, outcomes, advocate, next_ = WORDS
    for closed_on in [None, person.first_contact_date]:
        SafeguardingConcernFactory(
            person=person,
            raised_by=practitioner,
            raised_on=person.first_contact_date,
            what=what,
            who_told=who_told,
            desired_outcomes=outcomes,
            advocate="appointed",
            advocate_name=advocate,
            advocate_organisation="Leeds Advocacy",
            what_happened_next=next_,
            closed_on=closed_on,
            closing_note=next_ if closed_on else "",
        )
    client.force_login(practitioner)
    return client


def test_the_copy_page_holds_none_of_a_concern(concerned, person):
    page = concerned.get(reverse("own_copy:copy", args=[person.code])).content.decode()
    assert "Getting back to the allotment" in page  # the copy itself is there
    for words in [*WORDS, *NAMES]:
        assert words not in page, words
    assert "safeguarding" not in page.casefold()


def test_the_copy_pdf_holds_none_of_a_concern(concerned, person):
    pytest.importorskip("weasyprint")
    response = concerned.get(reverse("own_copy:copy_pdf", args=[person.code]))
    if response.status_code == 503:
        pytest.skip("WeasyPrint has no Pango here: the PDF cannot be made")
    text = " ".join(pdf_text(response))
    assert "allotment" in text
    for words in [*WORDS, *NAMES]:
        assert words not in text, words
    assert "safeguarding" not in text.casefold()
