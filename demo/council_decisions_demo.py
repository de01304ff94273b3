"""A person taken through conversation 3 to an eligibility decision and a plan whose first
review is due soon, with a husband who cares for her and has a conversation of his own, and
a daughter who cares for her and has not been offered one yet."""

import datetime
from decimal import Decimal

from accounts.models import Team, User
from conversations.models import Conversation
from conversations.read_back import check_parts
from networks.models import NetworkMember
from networks.services import network_member_add
from people.models import Person

DECIDED_ON = datetime.date(2026, 10, 6)

ROSES_CONVERSATION = {
    "date": DECIDED_ON,
    "method": Conversation.Method.HOME_VISIT,
    "stage": Conversation.Stage.GOOD_LIFE,
    "who_was_there": "Rose and her husband Frank",
    "what_matters": "Staying at home with Frank. Getting to the Wednesday choir again.",
    "strengths_own_words": "We have been through worse. I still do the crossword every day.",
    "relationships_important": "Frank; our daughter Lily, who comes on Sundays.",
    "community_assets": "The Wednesday choir at the community centre.",
    "needs": "Since the stroke I can't stand long enough to cook or wash on my own.",
    "good_life_vision": "Home, with Frank, singing on Wednesdays.",
    "good_life_what_it_takes": "Help in the mornings, so Frank can rest; a lift to choir.",
    "eligibility_needs_arise": Conversation.YesNo.YES,
    "eligibility_outcomes": {
        "a": {"tests": ["a"], "said": "I can't stand at the cooker any more."},
        "b": {"tests": ["a", "c"], "said": "I'm frightened of falling in the shower."},
        "i": {"tests": ["d"], "said": "It takes me an hour to get to the bus stop."},
        "g": {"tests": [], "said": "Lily and Frank are my world; that's fine."},
    },
    "eligibility_wellbeing_impact": Conversation.YesNo.YES,
    "eligibility_wellbeing_areas": ["b", "d", "e"],
    "eligibility_wellbeing_how": "She is low, and Frank is exhausted; she has stopped choir.",
    "eligibility_carers_do": "Frank cooks and helps her wash every day; Lily shops on Sundays.",
    "eligible": Conversation.YesNo.YES,
    "eligibility_reasons": (
        "Since your stroke you cannot cook or wash safely without help, and getting out takes "
        "you much longer. This is wearing you down and keeping you from choir."
    ),
    "ordinary_residence": Conversation.Residence.HERE,
    "eligibility_decided_on": DECIDED_ON,
    "plan_needs": "Washing and dressing safely each morning; your meals; getting to choir.",
    "plan_by_network": "Frank makes your lunch and tea. Lily shops for you on Sundays.",
    "plan_by_community": "A volunteer driver from the community car scheme takes you to choir.",
    "plan_funded": "A care worker from Bridge Care for an hour each morning.",
    "plan_budget": Decimal("168.00"),
    "plan_contribution": Decimal("25.00"),
    "plan_direct_payment": Conversation.YesNo.NO,
    "plan_involved": "Rose, Frank, Lily (by phone) and Priya",
    "plan_agreement": Conversation.Agreement.AGREED,
    "plan_starts_on": datetime.date(2026, 10, 12),
    "plan_review_date": datetime.date(2026, 12, 7),
    "outcome": Conversation.Outcome.SAME_STAGE,
    "next_date": datetime.date(2026, 12, 7),
    "shared": Conversation.Shared.YES,
    "shared_how": Conversation.SharedHow.IN_PERSON,
    "shared_on": datetime.date(2026, 10, 8),
    "agreement": Conversation.Agreement.AGREED,
}
ROSES_COPY = ["what_matters", "eligible", "plan_by_network", "plan_by_community", "plan_funded"]

FRANKS_CONVERSATION = {
    "date": datetime.date(2026, 11, 24),
    "method": Conversation.Method.HOME_VISIT,
    "kind": Conversation.Kind.CARERS,
    "who_was_there": "Frank, while Rose was at choir",
    "what_matters": "Looking after Rose. A night's sleep. My bowls club.",
    "carer_able": Conversation.Caring.IN_PART,
    "carer_willing": Conversation.Caring.YES,
    "carer_wellbeing": "Tired all the time; my back is bad from helping her in the shower.",
    "carer_work_life": "Retired. I've given up bowls since Rose's stroke.",
}


def add_decisions(team: Team, *, practitioner: User, lead: User) -> None:
    """Rose's signed-off decision and plan, and Frank's draft carer's conversation; made once."""
    rose, made = Person.objects.get_or_create(
        given_names="Rose",
        family_name="Baker",
        team=team,
        defaults={
            "date_of_birth": datetime.date(1948, 5, 2),
            "postcode": "LS6 1PF",
            "practitioner": practitioner,
            "first_contact_date": datetime.date(2026, 8, 20),
            "consent_to_record": True,
            "consent_date": datetime.date(2026, 8, 20),
        },
    )
    if not made:
        return
    frank = Person.objects.create(
        given_names="Frank",
        family_name="Baker",
        team=team,
        date_of_birth=datetime.date(1946, 2, 14),
        postcode="LS6 1PF",
        practitioner=practitioner,
        first_contact_date=datetime.date(2026, 11, 20),
        consent_to_record=True,
        consent_date=datetime.date(2026, 11, 20),
    )
    for name, linked, offered in [("Frank Baker", frank, True), ("Lily Baker", None, False)]:
        network_member_add(
            member=NetworkMember(
                name=name,
                linked_person=linked,
                relationship=NetworkMember.Relationship.FAMILY,
                closeness=NetworkMember.Closeness.STRONG,
                contact=NetworkMember.Contact.DAILY,
                unpaid_carer=True,
                carer_offered_on=datetime.date(2026, 11, 3) if offered else None,
                carer_offer=NetworkMember.CarerOffer.ACCEPTED if offered else "",
                started_on=datetime.date(1970, 6, 6),
            ),
            person=rose,
            by=practitioner,
        )
    conversation = Conversation.objects.create(
        person=rose, practitioner=practitioner, **ROSES_CONVERSATION
    )
    check_parts(conversation, ROSES_COPY)
    conversation.save()
    conversation.submit(by=practitioner)
    conversation.sign_off(by=lead)
    Conversation.objects.create(
        person=frank, practitioner=practitioner, cares_for=rose, **FRANKS_CONVERSATION
    )
