"""Loads a small, believable service to try the app with. Safe to run again."""

import datetime
import secrets
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Restriction, Role, Team, User
from community.models import CommunityResource, Connection
from community.openreferral.importing import import_directory
from community.openreferral.reading import Upload
from conversations.models import Action, Conversation
from conversations.read_back import check_parts
from demo.council_decisions_demo import add_decisions
from demo.mental_capacity_demo import add_mental_capacity
from demo.safeguarding_demo import add_safeguarding_concern
from demographics.models import Demographics
from networks.models import NetworkMember
from networks.services import network_member_add
from people.models import Person
from personal_data.services import legal_hold_place
from postcode_centres.loading import centres_load
from restricted_records.services import restriction_place

TEAMS = ["North locality team", "South locality team"]
# Each team's phone and email, which the person's own copy prints (01632 960: for drama).
TEAM_CONTACTS = {
    TEAMS[0]: ("01632 960 101", "north.adults@example.gov.uk"),
    TEAMS[1]: ("01632 960 202", "south.adults@example.gov.uk"),
}

# (email, full name, team or None, roles)
USERS = [
    ("practitioner@example.org", "Priya Shah", TEAMS[0], [Role.PRACTITIONER]),
    ("lead@example.org", "Tom Okafor", TEAMS[0], [Role.TEAM_LEAD]),
    ("admin@example.org", "Alex Morgan", None, [Role.ADMINISTRATOR]),
    ("south@example.org", "Sam Ellis", TEAMS[1], [Role.PRACTITIONER]),
    ("southlead@example.org", "Grace Mensah", TEAMS[1], [Role.TEAM_LEAD]),
    ("governance@example.org", "Ines Garcia", None, [Role.INFORMATION_GOVERNANCE]),
    ("psw@example.org", "Ruth Adebayo", None, [Role.PRINCIPAL_SOCIAL_WORKER]),
]
# The South team's lead reviews the North team's records that its own lead may not
# (those the lead wrote part of).
DEPUTIES = {TEAMS[0]: ["southlead@example.org"]}

# (preferred name, first names, last name, date of birth, postcode, team, practitioner email)
PEOPLE = [
    ("Maggie", "Margaret", "Doyle", "1941-03-12", "LS6 2QT", TEAMS[0], USERS[0][0]),
    ("Dev", "Devendra", "Patel", "1968-11-02", "LS7 4BZ", TEAMS[0], USERS[0][0]),
    ("Joy", "Joy", "Adeyemi", "1985-06-21", "LS8 1AA", TEAMS[0], USERS[0][0]),
    ("Stan", "Stanislaw", "Nowak", "1952-01-30", "LS6 3HN", TEAMS[0], None),
    ("Bill", "William", "Hartley", "1939-09-09", "LS11 5DE", TEAMS[1], USERS[3][0]),
    ("Aisha", "Aisha", "Rahman", "1994-04-17", "LS10 2PL", TEAMS[1], USERS[3][0]),
    # Restricted to Priya Shah: her brother works in the North team (its lead does not see her).
    ("Nell", "Eleanor", "Ashworth", "1979-08-14", "LS6 1PB", TEAMS[0], USERS[0][0]),
    # His record closed on his death, and held for the coroner's inquest.
    ("Harry", "Harold", "Brennan", "1936-02-05", "LS11 7QA", TEAMS[1], USERS[3][0]),
]


# (preferred name: their answers for the government's returns, in demographics' codes)
DEMOGRAPHICS = {
    "Maggie": {
        "ethnicity": "white_irish",
        "sex": "female",
        "gender_same_as_sex": "yes",
        "primary_support_reason": "physical_personal_care",
    },
    "Dev": {
        "ethnicity": "asian_indian",
        "sex": "male",
        "gender_same_as_sex": "prefers_not_to_say",
        "primary_support_reason": "mental_health",
    },
    "Bill": {
        "ethnicity": "prefers_not_to_say",
        "sex": "male",
        "gender_same_as_sex": "yes",
        "primary_support_reason": "memory_cognition",
    },
}

# A small directory in Open Referral UK form, imported as an administrator would.
DIRECTORY = Path(__file__).resolve().parents[2] / "openreferral" / "leeds-directory.json"
# Near enough the centres of the demo's postcodes for the API's distance searches: made for
# the demo and the tests, not the ONS Postcode Directory's own.
POSTCODE_CENTRES = Path(__file__).resolve().parents[2] / "postcode-centres.csv"

MAGGIES_CONVERSATION = {
    "date": datetime.date(2026, 9, 8),
    "method": Conversation.Method.HOME_VISIT,
    "who_was_there": "Maggie and her neighbour Pat",
    "what_matters": "Getting back to my allotment. Seeing Pat for a cup of tea on Thursdays.",
    "strengths_own_words": "I kept the allotment going on my own for twenty years after Jim died.",
    "strengths_noticed": "Knows every plant by name; laughs easily; very clear about her choices.",
    "contributions": "Neighbours come to me for seedlings and advice every spring.",
    "relationships_important": "Pat next door; my son Michael in Leeds; the allotment society.",
    "community_assets": "Headingley allotment society; the Thursday lunch club at St Chad's.",
    "needs": "I can't manage the walk to the allotment since my fall, or carry my tools.",
    "risks": "Another fall on the steep path.",
    "managing_risk": "I want to keep going, with a stick and someone to walk with at first.",
    "outcome": Conversation.Outcome.RESOLVED,
    # Read back with her; what she noticed is left out of her copy (not offered to her yet).
    "shared": Conversation.Shared.YES,
    "shared_how": Conversation.SharedHow.IN_PERSON,
    "shared_formats": [Conversation.SharedFormat.LARGE_PRINT],
    "shared_on": datetime.date(2026, 9, 10),
    "agreement": Conversation.Agreement.WITH_COMMENTS,
    "persons_comments": "Put down that I still do the watering myself.",
}
# Maggie's network: who matters to her, and what flows each way. Her brother is a
# stressful tie, left out of her copy.
MAGGIES_NETWORK = [
    ("Pat Hughes", "neighbour", "strong", "Walks up to the allotment with me", "Seedlings", True),
    ("Michael Doyle", "family", "moderate", "Rings every Sunday", "", True),
    ("Derek Doyle", "family", "stressful", "", "Lends him money", False),
]
MAGGIES_COPY = [
    "what_matters",
    "strengths_own_words",
    "contributions",
    "relationships_important",
    "community_assets",
    "needs",
    "managing_risk",
    "actions",
]


JOYS_CONVERSATION = {
    "date": datetime.date(2026, 11, 18),
    "method": Conversation.Method.COMMUNITY_VENUE,
    "who_was_there": "Joy, at the library café",
    "what_matters": "Getting back to singing; my daughter's wedding in the spring.",
    "strengths_own_words": "I brought up three children on my own and I still laugh.",
    "strengths_noticed": "Warm, organised, knows half the street.",
    "contributions": "Runs the WhatsApp group for the street.",
    "needs": "Lonely since moving; breathless on the hill.",
    "outcome": Conversation.Outcome.RESOLVED,
    "shared": Conversation.Shared.YES,
    "shared_how": Conversation.SharedHow.PHONE,
    "shared_on": datetime.date(2026, 11, 19),
    "agreement": Conversation.Agreement.AGREED,
}


class Command(BaseCommand):
    help = "Creates demonstration teams, users and people; prints new users' passwords."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give every demo user a new password and print it.",
        )

    @transaction.atomic
    def handle(self, *args, reset_passwords: bool = False, **options):
        teams = {
            name: Team.objects.update_or_create(
                name=name, defaults={"phone": phone, "email": email}
            )[0]
            for name, (phone, email) in TEAM_CONTACTS.items()
        }
        users = {}
        for email, full_name, team_name, roles in USERS:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": full_name}
            )
            if team_name:
                user.teams.add(teams[team_name])
            for role in roles:
                user.add_role(role)
            if created or reset_passwords:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                labels = [role.label for role in roles] + ([team_name] if team_name else [])
                where = ", ".join(labels)
                self.stdout.write(f"{where}: sign in as {email} with password {password}")
            users[email] = user
        for team_name, emails in DEPUTIES.items():
            teams[team_name].deputy_reviewers.add(*(users[email] for email in emails))
        people = {}
        for preferred, given, family, born, postcode, team_name, practitioner in PEOPLE:
            people[preferred], _ = Person.objects.get_or_create(
                given_names=given,
                family_name=family,
                team=teams[team_name],
                defaults={
                    "preferred_name": preferred,
                    "date_of_birth": datetime.date.fromisoformat(born),
                    "postcode": postcode,
                    "practitioner": users.get(practitioner) if practitioner else None,
                    "first_contact_date": datetime.date(2026, 9, 1),
                    "consent_to_record": True,
                    "consent_date": datetime.date(2026, 9, 1),
                },
            )
        self.add_conversations(people, users)
        self.add_directory(people, users)
        add_decisions(teams[TEAMS[0]], practitioner=users[USERS[0][0]], lead=users[USERS[1][0]])
        add_mental_capacity(people["Stan"], by=users[USERS[0][0]])
        add_safeguarding_concern(people["Dev"], by=users[USERS[0][0]])
        # Some people's answers for the government's returns; Joy and Stan not yet asked.
        for preferred, answers in DEMOGRAPHICS.items():
            if not Demographics.objects.filter(person=people[preferred]).exists():
                Demographics(
                    person=people[preferred], recorded_by=users[USERS[0][0]], **answers
                ).save_by(users[USERS[0][0]])
        self.add_restriction_and_closing(people, users)
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready.")
            + " Users made earlier keep their passwords: --reset-passwords prints new ones."
        )

    def add_restriction_and_closing(self, people: dict, users: dict) -> None:
        """Nell's record restricted to her practitioner; Harry's closed on his death, on legal
        hold for the inquest. Made once."""
        governance = users["governance@example.org"]
        nell, harry = people["Nell"], people["Harry"]
        if not Restriction.objects.filter(person=nell).exists():
            restriction_place(
                person=nell,
                reason=Restriction.Reason.RELATIVE_OF_STAFF,
                details="Her brother is a practitioner in the North team",
                named_staff=[users[USERS[0][0]]],
                by=governance,
            )
        if harry.is_open:
            harry.close(
                because=Person.ClosedBecause.DIED,
                died_on=datetime.date(2026, 11, 10),
                reason="He died in hospital after a fall at home",
                by=users[USERS[3][0]],
            )
            legal_hold_place(
                person=harry, reason="The coroner's inquest into his death", by=governance
            )

    def add_conversations(self, people: dict, users: dict) -> None:
        """Maggie's signed off, Joy's waiting for review and Dev's draft, made once."""
        practitioner = users[USERS[0][0]]
        lead = users[USERS[1][0]]
        maggie, dev = people["Maggie"], people["Dev"]
        if not maggie.conversations.exists():
            conversation = Conversation.objects.create(
                person=maggie, practitioner=practitioner, **MAGGIES_CONVERSATION
            )
            Action.objects.create(
                conversation=conversation,
                what="Ask the allotment society about a raised bed near the gate",
                who=Action.Who.PRACTITIONER,
                due=datetime.date(2026, 12, 1),
            )
            for name, relationship, closeness, gives, given, in_copy in MAGGIES_NETWORK:
                network_member_add(
                    member=NetworkMember(
                        name=name,
                        relationship=relationship,
                        closeness=closeness,
                        gives_person=gives,
                        person_gives=given,
                        in_persons_copy=in_copy,
                        started_on=datetime.date(2015, 1, 1),
                    ),
                    person=maggie,
                    by=practitioner,
                )
            check_parts(conversation, MAGGIES_COPY)
            conversation.save()
            conversation.submit(by=practitioner)
            conversation.sign_off(by=lead)
        joy = people["Joy"]
        if not joy.conversations.exists():
            conversation = Conversation.objects.create(
                person=joy, practitioner=practitioner, **JOYS_CONVERSATION
            )
            conversation.submit(by=practitioner)
        if not dev.conversations.exists():
            Conversation.objects.create(
                person=dev,
                practitioner=practitioner,
                date=datetime.date(2026, 11, 20),
                method=Conversation.Method.PHONE,
                what_matters="Keeping my job at the warehouse while my back gets better.",
            )

    def add_directory(self, people: dict, users: dict) -> None:
        """The community directory, once, and Maggie's connections to two of its resources."""
        if CommunityResource.objects.exists():
            return
        administrator = users[USERS[2][0]]
        with POSTCODE_CENTRES.open(newline="") as file:
            centres_load(file)
        upload = Upload(DIRECTORY.name, DIRECTORY.read_bytes())
        report = import_directory([upload], by=administrator)
        self.stdout.write(f"Community directory: {report.summary}")
        practitioner = users[USERS[0][0]]
        for name, status, role in [
            ("St Chad's lunch club", Connection.Status.ATTENDING, Connection.Role.RECEIVES),
            ("Headingley allotment society", Connection.Status.ATTENDING, Connection.Role.MEMBER),
        ]:
            connection = Connection(
                person=people["Maggie"],
                resource=CommunityResource.objects.get(name=name),
                status=status,
                role=role,
                created_by=practitioner,
            )
            connection.save_by(practitioner)
