import csv

import pytest
from django.core.management import CommandError, call_command

from client_level_data.specification import COLUMNS


def test_it_writes_the_quarters_file_and_says_what_keeps_records_out(known, tmp_path, capsys):
    output = tmp_path / "return.csv"
    call_command("client_level_data", "--quarter", "2026-27-Q2", "--output", str(output))
    with output.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == COLUMNS
    assert len(rows) == 1 + 8
    said = capsys.readouterr().out
    assert "quarter 2 (1 July 2026 to 30 September 2026): 8 rows" in said
    assert "  Request: 3" in said and "  Review: 1" in said
    assert f"record {known.cara.code}: Record their date of birth." in said
    assert "LA_Code is blank" in said


def test_a_start_date_chooses_its_quarter(known, tmp_path, capsys):
    output = tmp_path / "return.csv"
    call_command("client_level_data", "--start", "2026-08-15", "--output", str(output))
    assert "quarter 2 (1 July 2026" in capsys.readouterr().out


@pytest.mark.parametrize("quarter", ["2026-Q2", "2026-28-Q2", "2026-27-Q5"])
def test_a_quarter_that_is_not_one_is_refused(db, tmp_path, quarter):
    with pytest.raises(CommandError, match="2026-27-Q2"):
        call_command("client_level_data", "--quarter", quarter, "--output", str(tmp_path / "x"))
