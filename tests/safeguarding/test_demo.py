import io

from django.core.management import call_command

from safeguarding.models import SafeguardingConcern


def test_the_demo_gives_one_person_an_open_concern_once(db):
    call_command("demo_data", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())
    concern = SafeguardingConcern.objects.get()
    assert concern.is_open and concern.person.preferred_name == "Dev"
    assert concern.history.get().history_user == concern.raised_by
