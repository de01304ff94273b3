import datetime

import factory

from accounts.models import Role, Team, User
from people.models import Person


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password("a long test password")

    @factory.post_generation
    def teams(self, create, teams, **kwargs):
        if create and teams:
            self.teams.add(*teams)

    @factory.post_generation
    def roles(self, create, roles, **kwargs):
        for role in roles or []:
            self.add_role(role)


class PractitionerFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, roles, **kwargs):
        for role in roles or [Role.PRACTITIONER]:
            self.add_role(role)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    preferred_name = factory.LazyAttribute(lambda person: person.given_names.split(" ")[0])
    given_names = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker(
        "date_between", start_date=datetime.date(1930, 1, 1), end_date=datetime.date(2005, 1, 1)
    )
    postcode = "LS6 2QT"
    team = factory.SubFactory(TeamFactory)
    first_contact_date = datetime.date(2026, 9, 1)


class ConversationFactory(factory.django.DjangoModelFactory):
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
        "needs": "Help with the stairs",
        "outcome": "resolved",
        **changes,
    }
    for name, value in fields.items():
        setattr(conversation, name, value)
    conversation.save()
    return conversation


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "networks.NetworkMember"

    person = factory.SubFactory(PersonFactory)
    name = factory.Faker("name", locale="en_GB")
    relationship = "friend"
    closeness = "strong"
    started_on = datetime.date(2020, 1, 1)
    created_by = factory.SubFactory(PractitionerFactory)


class CommunityResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.CommunityResource"

    name = factory.Sequence(lambda n: f"Lunch club {n}")
    description = "A friendly lunch and a chat"
    asset_type = "associations"
    last_verified = datetime.date(2026, 6, 1)


class ConnectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Connection"

    person = factory.SubFactory(PersonFactory)
    resource = factory.SubFactory(CommunityResourceFactory)
    created_by = factory.SubFactory(PractitionerFactory)
