from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from moving_in.models import Import
from people.models import Person

from .conftest import EXTRACT


def run(*arguments) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_from_current_system", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


FILES = [
    "--people",
    str(EXTRACT / "people.csv"),
    "--key-dates",
    str(EXTRACT / "key_dates.csv"),
    "--network",
    str(EXTRACT / "network.csv"),
]


def test_it_imports_the_extract_as_the_administrator_named(cast, administrator):
    out, _ = run(*FILES, "--by", administrator.email.upper())

    assert out.splitlines() == [
        "Imported: 3 people (2 open, 1 closed), 6 key dates and 4 network members",
        "North locality team: 2 people",
        "South locality team: 1 person",
    ]
    assert Import.objects.get().by == administrator
    assert Person.objects.count() == 3


def test_a_dry_run_checks_and_saves_nothing(cast):
    out, _ = run(*FILES, "--dry-run")

    assert out.startswith("Checked (nothing saved): 3 people (2 open, 1 closed)")
    assert not Person.objects.exists()


def test_it_says_where_each_problem_is_and_saves_nothing(cast, administrator, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text((EXTRACT / "people.csv").read_text().replace("1941-06-12", "12 June 1941"))
    err = StringIO()

    with pytest.raises(CommandError, match="1 problem: nothing was saved"):
        call_command(
            "import_from_current_system",
            "--people",
            str(people),
            "--by",
            administrator.email,
            stderr=err,
        )

    assert err.getvalue() == (
        "people.csv, line 2, date_of_birth: not a date; write it as 1948-03-31\n"
    )
    assert not Person.objects.exists()


def test_it_needs_an_administrator_to_import(cast, practitioner):
    with pytest.raises(CommandError, match="Say who is importing"):
        run(*FILES)
    with pytest.raises(CommandError, match="No active administrator"):
        run(*FILES, "--by", practitioner.email)
    with pytest.raises(CommandError, match="is not a file"):
        run("--people", "/nowhere/people.csv", "--dry-run")
    assert not Person.objects.exists()
