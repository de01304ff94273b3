"""Test data. Names come from fixed lists, not Faker: each is letters only, so a page shows
it exactly as written (Faker's "O'Connor" is `O&#x27;Connor` in HTML), and none is a word a
page says by itself or part of another name in the cast, so checks that a name is, or is not,
on a page mean what they say. Lists of coprime lengths give distinct pairs for hundreds of
records."""

import datetime
from typing import cast

import factory

from accounts.models import Role, Team, User
from case_notes.models import CaseNote
from community.models import CommunityResource, Connection
from conversations.models import Conversation
from demographics.models import Demographics
from mental_capacity.models import CapacityAssessment, DecisionMaker
from networks.models import NetworkMember
from people.models import Person
from reflection.models import ReflectiveNote
from safeguarding.models import SafeguardingConcern
from tests.migration_data import roles_are_there

# Lengths 17 and 19, 11 and 13, 7 and 11: coprime, so the pairs repeat only after 323, 143, 77.
PEOPLE_GIVEN = [
    "Agnes",
    "Barnaby",
    "Cordelia",
    "Desmond",
    "Eudora",
    "Florian",
    "Gwendolyn",
    "Horatio",
    "Imelda",
    "Jasper",
    "Kezia",
    "Lionel",
    "Marisol",
    "Nathaniel",
    "Ottoline",
    "Percival",
    "Rosalind",
]
PEOPLE_FAMILY = [
    "Abernethy",
    "Blackwood",
    "Carrington",
    "Dunmore",
    "Ellsworth",
    "Fairbairn",
    "Gillespie",
    "Hargreaves",
    "Inchbald",
    "Jessop",
    "Kilbride",
    "Lockhart",
    "Mulgrew",
    "Northcott",
    "Ormerod",
    "Pendlebury",
    "Rathbone",
    "Sandiford",
    "Wetherby",
]
STAFF_GIVEN = [
    "Beatrix",
    "Cuthbert",
    "Delphine",
    "Evander",
    "Philippa",
    "Leopold",
    "Octavia",
    "Rupert",
    "Sylvester",
    "Theodora",
    "Clemency",
]
STAFF_FAMILY = [
    "Ashworth",
    "Brackenbury",
    "Chadwick",
    "Dewhurst",
    "Entwistle",
    "Fothergill",
    "Greenhalgh",
    "Haworth",
    "Illingworth",
    "Kershaw",
    "Nuttall",
    "Mossop",
    "Lumb",
]
NETWORK_GIVEN = [
    "Bartholomew",
    "Henrietta",
    "Ignatius",
    "Lavinia",
    "Montague",
    "Perpetua",
    "Quentin",
]
NETWORK_FAMILY = [
    "Crabtree",
    "Honeyford",
    "Marchbank",
    "Pilkington",
    "Rawcliffe",
    "Shuttleworth",
    "Tattersall",
    "Waddington",
    "Openshaw",
    "Yardley",
    "Villiers",
]


def nth(names: list[str]):
    return factory.Sequence(lambda n: names[n % len(names)])


def nth_full_name(given: list[str], family: list[str]):
    return factory.Sequence(lambda n: f"{given[n % len(given)]} {family[n % len(family)]}")


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = nth_full_name(STAFF_GIVEN, STAFF_FAMILY)
    password = factory.django.Password("a long test password")

    @factory.post_generation
    def teams(self, create, teams, **kwargs):
        if create and teams:
            self.teams.add(*teams)

    @factory.post_generation
    def roles(self, create, roles, **kwargs):
        if roles:
            roles_are_there()
        for role in roles or []:
            cast(User, self).add_role(role)  # factory_boy passes the user made


class PractitionerFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, roles, **kwargs):
        roles_are_there()
        for role in roles or [Role.PRACTITIONER]:
            cast(User, self).add_role(role)  # factory_boy passes the user made


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    preferred_name = factory.LazyAttribute(lambda person: person.given_names.split(" ")[0])
    given_names = nth(PEOPLE_GIVEN)
    family_name = nth(PEOPLE_FAMILY)
    date_of_birth = factory.Sequence(
        lambda n: datetime.date(1930, 1, 1) + datetime.timedelta(days=n * 367 % 27_000)
    )
    postcode = "LS6 2QT"
    team = factory.SubFactory(TeamFactory)
    first_contact_date = datetime.date(2026, 9, 1)


class ConversationFactory(factory.django.DjangoModelFactory[Conversation]):
    class Meta:
        model = "conversations.Conversation"

    person = factory.SubFactory(PersonFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    date = datetime.date(2026, 11, 2)
    method = "home_visit"


def complete_conversation(conversation, **changes):
    """Fills every section a stage 1 record needs before it can be submitted."""
    fields = {
        "what_matters": "Getting back to the allotment",
        "strengths_own_words": "I kept going after Jim died",
        "strengths_noticed": "Knows every plant by name",
        "relationships_important": "Her neighbour Pat, who drives her to the allotment",
        "community_assets": "The allotment society",
        "needs": "Help with the stairs",
        "outcome": "resolved",
        "shared": "yes",
        "shared_how": "in_person",
        "shared_on": datetime.date(2026, 11, 3),
        "agreement": "agreed",
        **changes,
    }
    for name, value in fields.items():
        setattr(conversation, name, value)
    conversation.save()
    return conversation


class NetworkMemberFactory(factory.django.DjangoModelFactory[NetworkMember]):
    class Meta:
        model = "networks.NetworkMember"

    person = factory.SubFactory(PersonFactory)
    name = nth_full_name(NETWORK_GIVEN, NETWORK_FAMILY)
    relationship = "friend"
    closeness = "strong"
    started_on = datetime.date(2020, 1, 1)
    created_by = factory.SubFactory(PractitionerFactory)


class CommunityResourceFactory(factory.django.DjangoModelFactory[CommunityResource]):
    class Meta:
        model = "community.CommunityResource"

    name = factory.Sequence(lambda n: f"Lunch club {n}")
    description = "A friendly lunch and a chat"
    asset_type = "associations"
    last_verified = datetime.date(2026, 6, 1)


class ConnectionFactory(factory.django.DjangoModelFactory[Connection]):
    class Meta:
        model = "community.Connection"

    person = factory.SubFactory(PersonFactory)
    resource = factory.SubFactory(CommunityResourceFactory)
    created_by = factory.SubFactory(PractitionerFactory)


class ReflectiveNoteFactory(factory.django.DjangoModelFactory[ReflectiveNote]):
    class Meta:
        model = "reflection.ReflectiveNote"

    author = factory.SubFactory(PractitionerFactory)
    date = datetime.date(2026, 11, 3)
    what_happened = "We sat in the kitchen and talked about the allotment"


class CaseNoteFactory(factory.django.DjangoModelFactory[CaseNote]):
    class Meta:
        model = "case_notes.CaseNote"

    person = factory.SubFactory(PersonFactory)
    author = factory.SubFactory(PractitionerFactory)
    date = datetime.date(2026, 11, 5)
    kind = "call"
    with_whom = "Her daughter"
    what_was_said = "She rang to say the lunch club has room on Tuesdays"


class DecisionMakerFactory(factory.django.DjangoModelFactory[DecisionMaker]):
    class Meta:
        model = "mental_capacity.DecisionMaker"

    person = factory.SubFactory(PersonFactory)
    kind = "lpa_property_and_financial"
    holder_name = "Rowena Tregarthen"
    since = datetime.date(2024, 3, 4)
    created_by = factory.SubFactory(PractitionerFactory)


class CapacityAssessmentFactory(factory.django.DjangoModelFactory[CapacityAssessment]):
    """An assessment that found the person lacks capacity for the decision."""

    class Meta:
        model = "mental_capacity.CapacityAssessment"

    person = factory.SubFactory(PersonFactory)
    decision = "Whether to move into a care home"
    assessed_on = datetime.date(2026, 2, 10)
    assessed_by = factory.SubFactory(PractitionerFactory)
    impairment = "yes"
    understands = "able"
    retains = "unable"
    uses_or_weighs = "unable"
    communicates = "able"
    outcome = "lacks_capacity"
    best_interests_decision = "Stay at home with more support in the mornings"
    consulted = "Her daughter and the district nurse"


class SafeguardingConcernFactory(factory.django.DjangoModelFactory[SafeguardingConcern]):
    class Meta:
        model = "safeguarding.SafeguardingConcern"

    person = factory.SubFactory(PersonFactory)
    raised_on = datetime.date(2026, 11, 4)
    what = "Bruises on her arms, and she says her nephew takes her pension"
    who_told = "The safeguarding adults team, by phone"
    raised_by = factory.SubFactory(PractitionerFactory)


# The quality audit's factories were added after the rest: their models imported here.
from quality_audit.models import MonthlySample, RecordAudit  # noqa: E402


class MonthlySampleFactory(factory.django.DjangoModelFactory[MonthlySample]):
    """A quality audit's sample of last month, October 2026, as the tests' dates go."""

    class Meta:
        model = "quality_audit.MonthlySample"
        django_get_or_create = ("month",)  # one sample a month

    month = datetime.date(2026, 10, 1)
    drawn_by = factory.SubFactory(UserFactory, roles=[Role.PRINCIPAL_SOCIAL_WORKER])
    size_asked = 10


class RecordAuditFactory(factory.django.DjangoModelFactory[RecordAudit]):
    """A signed-off record drawn for a sample, not audited yet."""

    class Meta:
        model = "quality_audit.RecordAudit"

    sample = factory.SubFactory(MonthlySampleFactory)
    conversation = factory.SubFactory(
        ConversationFactory,
        status="signed_off",
        signed_off_at=factory.LazyFunction(
            lambda: datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC)
        ),
    )


class DemographicsFactory(factory.django.DjangoModelFactory[Demographics]):
    """A person's answers for the government's returns, all of them given."""

    class Meta:
        model = "demographics.Demographics"

    person = factory.SubFactory(PersonFactory)
    ethnicity = "white_british"
    sex = "female"
    gender_same_as_sex = "yes"
    primary_support_reason = "physical_personal_care"
    recorded_by = factory.SubFactory(PractitionerFactory)
