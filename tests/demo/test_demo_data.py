from django.core.management import call_command

from accounts.models import Role, Team, User
from people.models import Person


def run_demo_data(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_demo_service_and_prints_passwords(db):
    output = run_demo_data()
    assert Team.objects.count() == 2
    assert "practitioner@example.org with password" in output
    practitioner = User.objects.get(email="practitioner@example.org")
    password = output.split("practitioner@example.org with password ")[1].split()[0]
    assert practitioner.check_password(password)
    assert practitioner.has_role(Role.PRACTITIONER)
    assert Person.objects.filter(team__name="South locality team").exists()


def test_it_creates_nothing_twice(db):
    run_demo_data()
    counts = (User.objects.count(), Team.objects.count(), Person.objects.count())
    output = run_demo_data()
    assert (User.objects.count(), Team.objects.count(), Person.objects.count()) == counts
    assert "password" not in output.split("Demo data is ready.")[0]


def test_it_resets_passwords_when_asked(db):
    run_demo_data()
    output = run_demo_data("--reset-passwords")
    password = output.split("lead@example.org with password ")[1].split()[0]
    assert User.objects.get(email="lead@example.org").check_password(password)


def test_it_records_conversations_signed_off_waiting_and_in_draft(db):
    from conversations.models import Conversation

    run_demo_data()
    run_demo_data()
    statuses = sorted(Conversation.objects.values_list("status", flat=True))
    assert statuses == ["draft", "draft", "signed_off", "signed_off", "submitted"]


def test_it_takes_someone_to_a_decision_and_a_plan_with_a_carer_of_their_own(db):
    from conversations.models import Conversation
    from networks.models import NetworkMember

    run_demo_data()
    run_demo_data()
    decided = Conversation.objects.get(eligible="yes")
    assert decided.is_signed_off and decided.plan_review_date is not None
    carers = Conversation.objects.get(kind=Conversation.Kind.CARERS)
    assert carers.cares_for == decided.person
    to_offer = NetworkMember.objects.filter(person=decided.person, unpaid_carer=True)
    assert [member.carer_to_offer for member in to_offer.order_by("name")] == [False, True]


def test_it_imports_a_small_community_directory_once(db):
    from community.models import CommunityResource, Connection

    run_demo_data()
    assert CommunityResource.objects.count() == 6
    assert Connection.objects.filter(person__preferred_name="Maggie").count() == 2
    run_demo_data()
    assert CommunityResource.objects.count() == 6 and Connection.objects.count() == 2


def test_it_has_a_deputy_reviewer_and_information_governance(db):
    from accounts.models import Role, Team

    output = run_demo_data()
    assert "Information governance: sign in as governance@example.org" in output
    governance = User.objects.get(email="governance@example.org")
    assert governance.has_role(Role.INFORMATION_GOVERNANCE) and governance.governs_information
    north = Team.objects.get(name="North locality team")
    assert [user.email for user in north.deputy_reviewers.all()] == ["southlead@example.org"]
