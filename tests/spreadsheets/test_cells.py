"""Cells of the CSV files people open: text never runs as a spreadsheet formula."""

import ast
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from spreadsheets import cells


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_it_puts_a_quote_before_text_a_spreadsheet_would_run(start):
    assert cells.neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert cells.neutralise(f"'{start}1") == f"''{start}1"  # a quote of its own is kept


@pytest.mark.parametrize("value", ["Lunch club", "", "'quoted", "0113 496 0123", "1-2", -3, 2.5])
def test_it_leaves_anything_else_as_it_is(value):
    assert cells.neutralise(value) == value


def test_it_leaves_text_that_was_never_neutralised_as_it_is():
    assert cells.restore("=SUM(A1)") == "=SUM(A1)"
    assert cells.restore("'quoted") == "'quoted"
    assert cells.restore("''=two") == "'=two"


@settings(database=None)
@given(st.text(alphabet="'=+-@\t\rab ", max_size=8) | st.text(max_size=20))
def test_it_restores_exactly_the_text_it_neutralised(text):
    assert cells.restore(cells.neutralise(text)) == text


def test_its_writer_neutralises_every_text_cell_and_no_number():
    out = io.StringIO()
    writer = cells.writer(out, lineterminator="\n")
    writer.writerow(["=1+1", "Team", -4])
    writer.writerows([["@cmd", 2.5], ["+44", "plain"]])
    assert out.getvalue() == "'=1+1,Team,-4\n'@cmd,2.5\n'+44,plain\n"


def test_it_is_ground_level_and_imports_no_app_of_the_project():
    apps = {app for app in django_settings.INSTALLED_APPS if "." not in app} - {"spreadsheets"}
    folder = Path(cells.__file__).parent
    for source in folder.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                else:
                    modules = [node.module or ""]
                assert not {module.split(".")[0] for module in modules} & apps, source.name


def test_it_writes_every_csv_that_people_open():
    root = Path(django_settings.BASE_DIR)
    # The Open Referral export neutralises its free text only, column by column (to_cell).
    through_cells = {
        "spreadsheets/cells.py",
        "community/openreferral/exporting.py",
        "community/openreferral/streaming.py",
    }
    apps = [folder for folder in root.iterdir() if (folder / "apps.py").exists()]
    writers = {
        str(source.relative_to(root))
        for folder in apps
        for source in folder.rglob("*.py")
        if re.search(r"csv\.(Dict)?[Ww]riter\(", source.read_text())
    }
    assert writers <= through_cells, "write this CSV with spreadsheets.cells.writer"
