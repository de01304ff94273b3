"""After anonymising, no table of the database holds anything that identifies the person."""

import datetime
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import EmergencyAccess, Restriction, Role
from accounts.sessions import LAST_SEEN
from history.forms import current_version
from networks.models import MeetingAttendance, ReciprocityNote
from people.models import Person
from personal_data.retention import person_anonymise
from personal_data.services import legal_hold_lift, legal_hold_place
from restricted_records.services import restriction_lift
from supervision.models import SupervisionNote
from tests.conftest import pass_second_factor
from tests.factories import (
    CapacityAssessmentFactory,
    CaseNoteFactory,
    ConnectionFactory,
    ConversationFactory,
    DecisionMakerFactory,
    NetworkMemberFactory,
    PersonFactory,
    ReflectiveNoteFactory,
    SafeguardingConcernFactory,
    UserFactory,
)
from tests.personal_data.test_subject_access_job import downloaded

IDENTIFIERS = {
    "given_names": "Marguerite",
    "family_name": "Quennell-Doyle",
    "preferred_name": "Margo",
    "nhs_number": "9434765919",
    "postcode": "YO60 7ZZ",
    "phone": "01134960999",
    "email": "marguerite.qd@example.net",
    "address": "14 Larkspur Row",
}
BORN = datetime.date(1941, 3, 12)
NAMED = "Marguerite Quennell-Doyle"
# Her independent advocate (Care Act 2014, s.68), named in a safeguarding concern.
ADVOCATE = "Ottoline Brackenbury"
# Her son holds her lasting power of attorney: how to reach him names her too.
HOLDER_CONTACT = "rupert.quennell@example.net"


@pytest.fixture
def person(team, practitioner):
    return PersonFactory(team=team, practitioner=practitioner, date_of_birth=BORN, **IDENTIFIERS)


def record_everything(client, person, practitioner, team):
    """Leaves the person's identifiers wherever the service can keep them."""
    conversation = ConversationFactory(
        person=person,
        practitioner=practitioner,
        kind="network_meeting",
        who_was_there=f"{NAMED} and her neighbour",
        what_matters=f"{NAMED} wants her allotment back",
        persons_comments=f"I am {NAMED} and I still do the watering",
        not_agreed_why=f"{NAMED} says the stairs are fine",
        shared_language="Quennell-Doyle family dialect",
        # What she said of an outcome of the eligibility decision; her advocate (s.67); the
        # council she lived in before, named after her family.
        eligibility_outcomes={"a": {"tests": ["a"], "said": f"I am {NAMED}, I cannot cook"}},
        advocate_name=ADVOCATE,
        advocate_organisation=f"Friends of {NAMED}",
        ordinary_residence_council=f"{NAMED} Borough Council",
    )
    conversation.actions.create(what="Ring the allotment society", who_name=NAMED, who="person")
    # A practitioner of another team opened her record in an emergency, saying why.
    EmergencyAccess.objects.create(
        user=practitioner,
        person=person,
        reason=f"Out of hours: {NAMED} was found at the bus station, confused",
        expires_at=timezone.now(),
    )
    member = NetworkMemberFactory(person=person, name="Pat Hughes", gives_person=f"Visits {NAMED}")
    ReciprocityNote.objects.create(
        member=member, direction="gives", text=NAMED, author=practitioner
    )
    MeetingAttendance.objects.create(conversation=conversation, member=member, offered=NAMED)
    ConnectionFactory(person=person, notes=f"{NAMED} goes on Thursdays")
    # The practitioner's reflection and a lead's supervision about her, each changed once.
    reflection = ReflectiveNoteFactory(
        author=practitioner, person=person, what_happened=f"{NAMED} showed me the allotment"
    )
    reflection.thoughts_and_feelings = f"I was moved by {NAMED}"
    reflection.save_by(practitioner)
    lead = UserFactory(teams=[team], roles=[Role.TEAM_LEAD])
    supervision = SupervisionNote.objects.create(
        lead=lead, practitioner=practitioner, person=person, notes=f"Talked about {NAMED}"
    )
    supervision.agreed = f"Visit {NAMED} together"
    supervision.save_by(lead)
    # Her son, who may decide for her (his name has hers in it), and an assessment of her
    # capacity, each changed once.
    holder = DecisionMakerFactory(
        person=person,
        created_by=practitioner,
        holder_name="Rupert Quennell-Doyle",
        holder_contact=HOLDER_CONTACT,
        check_note=f"Seen the registered power {NAMED} made",
    )
    holder.holder_contact = f"{HOLDER_CONTACT}, 01134960123"
    holder.save_by(practitioner)
    assessment = CapacityAssessmentFactory(
        person=person,
        assessed_by=practitioner,
        decision=f"Whether {NAMED} moves into a care home",
        understands_note=f"{NAMED} told me back what the move would mean",
        wishes_and_feelings=f"{NAMED} wants to stay near the allotment",
    )
    assessment.consulted = f"Rupert, {NAMED}'s son"
    assessment.save_by(practitioner)
    # A note between conversations about her, changed once.
    case_note = CaseNoteFactory(
        person=person,
        author=practitioner,
        with_whom=f"{NAMED}'s son",
        what_was_said=f"{NAMED} rang about the allotment",
        next_steps=f"Visit {NAMED} on Friday",
    )
    case_note.what_was_said = f"{NAMED} rang twice about the allotment"
    case_note.save_by(practitioner)
    # A safeguarding concern naming her and her advocate, changed once.
    concern = SafeguardingConcernFactory(
        person=person,
        raised_by=practitioner,
        what=f"{NAMED} says her lodger takes her pension",
        who_told=f"Safeguarding adults team, about {NAMED}",
        desired_outcomes=f"I am {NAMED} and I want him gone",
        advocate="appointed",
        advocate_name=ADVOCATE,
        advocate_organisation="Leeds Advocacy",
    )
    concern.what_happened_next = f"Police visited {NAMED}"
    concern.save_by(practitioner)
    # Someone else's network, with a tie to her.
    NetworkMemberFactory(person=PersonFactory(team=team), name=NAMED, linked_person=person)

    client.force_login(practitioner)
    client.get(reverse("people:list"), {"q": IDENTIFIERS["family_name"]})
    client.get(reverse("people:list"), {"q": IDENTIFIERS["nhs_number"]})
    client.get(reverse("overview:person", args=[person.code]))
    person.pronouns = "she/her"
    person.save_by(practitioner)
    # Typing kept from a session that ended, naming her.
    session = client.session
    session[LAST_SEEN] = time.time() - 3600
    session.save()
    section = reverse("conversations:section", args=[conversation.code, "what-matters"])
    client.post(section, {"version": current_version(conversation), "what_matters": NAMED})

    # Others, in their own browsers: the kept typing stays in the practitioner's.
    elsewhere = Client()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    pass_second_factor(elsewhere, superuser)  # the admin needs one
    elsewhere.post(
        reverse("admin:people_person_change", args=[person.pk]),
        {
            **IDENTIFIERS,
            "first_contact_date": "2026-01-05",
            "team": team.pk,
            "status": "open",
            "date_of_birth": "1941-03-12",
        },
    )
    governance = UserFactory(roles=[Role.INFORMATION_GOVERNANCE])
    elsewhere.force_login(governance)
    # Her record restricted and held, and both lifted, with reasons naming her.
    restriction = Restriction.objects.create(
        person=person, reason="relative_of_staff", details=NAMED, restricted_by=governance
    )
    restriction.named_staff.set([practitioner])
    restriction_lift(restriction=restriction, because=f"{NAMED} left", by=governance)
    hold = legal_hold_place(person=person, reason=f"A claim by {NAMED}", by=governance)
    legal_hold_lift(hold=hold, because=f"{NAMED}'s claim settled", by=governance)
    elsewhere.post(
        reverse("personal_data:subject_access_request", args=[person.code]), {"reference": "SAR-7"}
    )
    downloaded(elsewhere, person)


def every_row_as_text() -> str:
    """The whole database as text, sessions decoded."""
    found: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            found.extend(" | ".join(map(str, row)) for row in cursor.fetchall())
    store = SessionStore()
    found.extend(str(store.decode(s.session_data)) for s in Session.objects.all())
    return "\n".join(found).casefold()


def test_no_table_holds_anything_that_identifies_them(client, person, practitioner, team):
    record_everything(client, person, practitioner, team)
    before = every_row_as_text()
    assert all(value.casefold() in before for value in IDENTIFIERS.values())
    assert "1941-03-12" in before and NAMED.casefold() in before
    assert ADVOCATE.casefold() in before
    assert HOLDER_CONTACT in before

    person.close(
        because="died",
        died_on=datetime.date(2019, 2, 13),
        reason=f"{NAMED} moved away",
        by=practitioner,
    )
    assert "2019-02-13" in every_row_as_text()
    person_anonymise(person=Person.objects.get(pk=person.pk))

    after = every_row_as_text()
    for name, value in IDENTIFIERS.items():
        assert value.casefold() not in after, name
    assert "1941-03-12" not in after and "moved away" not in after
    assert "2019-02-13" not in after, "the date of death"
    assert ADVOCATE.casefold() not in after
    assert HOLDER_CONTACT not in after and "seen the registered power" not in after
