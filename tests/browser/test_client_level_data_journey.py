"""Information governance chooses a quarter of the Client Level Data return, sees what keeps
records out of it, and downloads the file, which is recorded in the access log."""

import csv
import datetime
import io

from playwright.sync_api import expect

from audit.models import RecordView
from tests.client_level_data.conftest import make_known_data


def test_information_governance_chooses_a_quarter_and_downloads_the_return(
    sign_in, information_governance, team, practitioner, monkeypatch
):
    monkeypatch.setattr("client_level_data.views._today", lambda: datetime.date(2026, 11, 2))
    known = make_known_data(team, practitioner)
    page = sign_in(information_governance)
    page.goto("/client-level-data/")
    expect(page.get_by_role("heading", name="Client Level Data return")).to_be_visible()
    expect(page.get_by_role("heading", name="2026 to 2027, quarter 2")).to_be_visible()

    page.get_by_label("Quarter").select_option(
        label="2026 to 2027, quarter 1 (1 April 2026 to 30 June 2026)"
    )
    page.get_by_role("button", name="Show this quarter").click()
    expect(page.get_by_role("heading", name="2026 to 2027, quarter 1")).to_be_visible()
    expect(
        page.get_by_text("None: every signed-off record of the quarter is in the return.")
    ).to_be_visible()

    page.get_by_label("Quarter").select_option("2026-27-Q2")
    page.get_by_role("button", name="Show this quarter").click()
    expect(page.get_by_role("heading", name="2026 to 2027, quarter 2")).to_be_visible()
    expect(page.get_by_text("Record their date of birth.")).to_be_visible()
    expect(page.get_by_role("link", name=f"record {known.cara.code}")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the return (CSV)").click()
    assert download.value.suggested_filename == "client-level-data-2026-27-Q2.csv"
    with open(download.value.path(), encoding="utf-8") as file:
        rows = list(csv.DictReader(io.StringIO(file.read())))
    assert [row["Event_Type"] for row in rows].count("Request") == 3
    logged = set(
        RecordView.objects.filter(user=information_governance).values_list("person", flat=True)
    )
    assert logged == {known.ada.pk, known.ben.pk, known.dev.pk, known.fay.pk}
