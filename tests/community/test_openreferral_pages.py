import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from community.models import CommunityResource
from jobs.models import Job
from jobs.worker import tasks_run_queued
from tests.factories import CommunityResourceFactory

from .openreferral_data import SAMPLE, sample_page, sample_services, tabular_files

URL = reverse("community:open_referral")


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


def sample_file(name: str = "leeds.json", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else SAMPLE.read_bytes())


def sent(client, data):
    """Posts the form; if it starts a job, runs it here, as a worker would, and opens the
    report the job's page links to."""
    response = client.post(URL, data)
    if response.status_code != 302:
        return response
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    tasks_run_queued()
    return client.get(reverse("community:open_referral_report", args=[job.pk]))


def test_an_administrator_imports_a_directory_from_the_page(as_admin):
    response = as_admin.post(URL, {"files": [sample_file()], "mode": "import"}, follow=True)
    job = Job.objects.get()
    assert response.redirect_chain == [(reverse("jobs:detail", args=[job.pk]), 302)]
    assert "Waiting to start" in response.content.decode()
    assert not CommunityResource.objects.exists()
    tasks_run_queued()
    page = as_admin.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Imported 6 resources: 6 added, 0 changed and 0 unchanged" in page
    report = reverse("community:open_referral_report", args=[job.pk])
    assert f'href="{report}"' in page
    page = as_admin.get(report).content.decode()
    assert "Imported" in page and "6 resources: 6 added, 0 changed and 0 unchanged" in page
    assert CommunityResource.objects.count() == 6


def test_a_check_only_saves_nothing_and_says_what_would_happen(as_admin):
    response = sent(as_admin, {"files": [sample_file()], "mode": "check"})
    page = response.content.decode()
    assert "No problems found" in page and "6 resources: 6 added" in page
    assert not CommunityResource.objects.exists()


def test_it_lists_every_problem_and_saves_nothing(as_admin):
    services = sample_services()
    services[0].pop("name")
    services[3]["status"] = "shut"
    broken = sample_file("broken.json", json.dumps(services).encode())
    response = sent(as_admin, {"files": [broken], "mode": "import"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Import of Open Referral UK data" in page
    assert "The data has 2 problems, so nothing was saved" in page
    assert page.count('<td class="govuk-table__cell">broken.json</td>') == 2
    assert "Must be one of active, inactive, defunct, temporarily closed" in page
    assert not CommunityResource.objects.exists()


def test_it_imports_csv_files_chosen_together(as_admin):
    files = [sample_file(name, text.encode()) for name, text in tabular_files().items()]
    sent(as_admin, {"files": files, "mode": "import"})
    assert CommunityResource.objects.get().name == "Aqua aerobics"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mode": "import"}, "Select the files to import"),
        (
            {"files": [sample_file("notes.txt", b"hello")], "mode": "import"},
            "notes.txt must be a JSON, CSV or zip file",
        ),
        ({"files": [sample_file()], "mode": "later"}, "Select whether to check or import the data"),
    ],
)
def test_it_explains_a_form_filled_wrongly(as_admin, data, message):
    page = as_admin.post(URL, data).content.decode()
    assert "There is a problem" in page and message in page
    assert not CommunityResource.objects.exists() and not Job.objects.exists()


def test_the_directory_downloads_as_json_and_as_csv(as_admin):
    CommunityResourceFactory(name="St Chad's lunch club")
    response = as_admin.get(reverse("community:export_json"))
    assert response["Content-Disposition"].startswith('attachment; filename="community-directory-')
    assert json.loads(response.getvalue())["contents"][0]["name"] == "St Chad's lunch club"
    response = as_admin.get(reverse("community:export_zip"))
    assert response["Content-Type"] == "application/zip"
    assert "services.csv" in zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()


def test_the_export_does_not_grow_in_queries_with_the_directory(as_admin, count_queries):
    CommunityResourceFactory.create_batch(3)
    few = count_queries(as_admin, reverse("community:export_json"))
    CommunityResourceFactory.create_batch(30)
    assert count_queries(as_admin, reverse("community:export_json")) == few


@pytest.mark.parametrize("cast", ["practitioner", "team_lead"])
def test_only_administrators_import_and_export(client, db, request, cast):
    client.force_login(request.getfixturevalue(cast))
    for name in ["open_referral", "export_json", "export_zip"]:
        assert client.get(reverse(f"community:{name}")).status_code == 403
    response = client.post(URL, {"files": [sample_file()], "mode": "import"})
    assert response.status_code == 403 and not Job.objects.exists()


def test_the_command_checks_then_imports_a_folder(db, tmp_path, administrator):
    for name, text in tabular_files().items():
        (tmp_path / name).write_text(text)
    out = io.StringIO()
    call_command("import_openreferral", str(tmp_path), "--dry-run", stdout=out)
    assert "Checked (nothing saved): 1 resource: 1 added" in out.getvalue()
    assert not CommunityResource.objects.exists()
    call_command("import_openreferral", str(tmp_path), "--by", administrator.email, stdout=out)
    assert CommunityResource.objects.get().history.get().history_user == administrator


def test_the_command_lists_problems_and_fails(db, tmp_path):
    files = tabular_files()
    files["services.csv"] = files["services.csv"].replace("active", "paused")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem: nothing was saved"):
        call_command("import_openreferral", str(tmp_path), stderr=err, stdout=io.StringIO())
    assert err.getvalue().startswith("services.csv, row 2, status: Must be one of")


def test_the_command_exports_json_and_csv(db, tmp_path):
    CommunityResourceFactory(name="St Chad's lunch club")
    out = io.StringIO()
    call_command("export_openreferral", stdout=out)
    assert json.loads(out.getvalue())["total_items"] == 1
    call_command(
        "export_openreferral", "--format", "csv", "--output", str(tmp_path / "d.zip"), stdout=out
    )
    assert "services.csv" in zipfile.ZipFile(tmp_path / "d.zip").namelist()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (json.dumps([{"id": "x", "name": "Lunch\x00club"}]).encode(), "Must not contain null"),
        (b"[" * 900 + b"]" * 900, "The JSON is nested more than 32 levels deep"),
        (b"[" * 100_000, "The JSON is nested more than 32 levels deep"),
        (b'[{"minimum_age": 1' + b"0" * 5000 + b"}]", "is too large"),
        (b"\xff\xfe\x00\xd8", "This is not valid JSON"),
    ],
)
def test_it_explains_a_file_no_directory_could_hold_rather_than_failing(as_admin, content, message):
    response = sent(as_admin, {"files": [sample_file("odd.json", content)], "mode": "import"})
    page = response.content.decode()
    assert response.status_code == 200 and "so nothing was saved" in page
    assert message in page
    assert not CommunityResource.objects.exists()


def test_the_command_lists_what_it_does_not_keep(db, tmp_path):
    page = sample_page()
    page["contents"][0]["alternate_name"] = "The Thursday lunch"
    (tmp_path / "directory.json").write_text(json.dumps(page))
    out = io.StringIO()
    call_command("import_openreferral", str(tmp_path / "directory.json"), "--dry-run", stdout=out)
    assert "Not kept (the directory has no place for these yet), by services:" in out.getvalue()
    assert "  alternate_name: 1" in out.getvalue()


def test_after_a_check_import_this_data_needs_no_files_again(as_admin, administrator):
    page = sent(as_admin, {"files": [sample_file()], "mode": "check"}).content.decode()
    check = Job.objects.get()
    action = reverse("community:open_referral_import_checked", args=[check.pk])
    assert "Import this data" in page and f'action="{action}"' in page
    response = as_admin.post(action)
    job = Job.objects.exclude(pk=check.pk).get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    tasks_run_queued()
    assert CommunityResource.objects.count() == 6
    assert job.__class__.objects.get(pk=job.pk).by == administrator
    # Once imported, the check's files are gone: it cannot be imported twice.
    page = as_admin.get(reverse("community:open_referral_report", args=[check.pk]))
    assert "Import this data" not in page.content.decode()
    response = as_admin.post(action, follow=True)
    assert "Those files can no longer be imported" in response.content.decode()
    assert Job.objects.count() == 2


def test_a_check_that_found_problems_offers_no_import(as_admin):
    broken = sample_services()
    broken[0]["status"] = "open"
    content = json.dumps(broken).encode()
    page = sent(as_admin, {"files": [sample_file(content=content)], "mode": "check"})
    assert "Import this data" not in page.content.decode()
    check = Job.objects.get()
    as_admin.post(reverse("community:open_referral_import_checked", args=[check.pk]))
    assert Job.objects.count() == 1 and not CommunityResource.objects.exists()


def test_another_administrator_cannot_import_someone_elses_check(as_admin, client):
    from accounts.models import Role
    from tests.factories import UserFactory

    sent(as_admin, {"files": [sample_file()], "mode": "check"})
    check = Job.objects.get()
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    response = client.post(reverse("community:open_referral_import_checked", args=[check.pk]))
    assert response.status_code == 404 and Job.objects.count() == 1


def test_the_files_a_check_kept_are_tidied_away_with_old_exports(as_admin, settings):
    import datetime

    from django.utils import timezone

    sent(as_admin, {"files": [sample_file()], "mode": "check"})
    check = Job.objects.get()
    out = io.StringIO()
    call_command("openreferral_exports_tidy", stdout=out)
    assert "Deleted 0 checks' files kept for importing" in out.getvalue()
    Job.objects.filter(pk=check.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=settings.OPEN_REFERRAL_EXPORT_DAYS + 1)
    )
    call_command("openreferral_exports_tidy", stdout=out)
    assert "Deleted 1 check's files kept for importing" in out.getvalue()
    page = as_admin.get(reverse("community:open_referral_report", args=[check.pk]))
    assert page.status_code == 200 and "Import this data" not in page.content.decode()


def test_a_second_click_finds_the_files_gone_and_imports_nothing_more(as_admin, administrator):
    from django.core.files.storage import storages

    from community.openreferral.tasks import IMPORTS, directory_import_checked
    from jobs.files import job_request

    sent(as_admin, {"files": [sample_file()], "mode": "check"})
    check = Job.objects.get()
    # As if another click took the files between the check of them and their opening.
    for file in job_request(IMPORTS, check.pk)["files"]:
        storages["jobs"].delete(file["stored"])
    assert directory_import_checked(check=check, by=administrator) is None
    assert Job.objects.count() == 1
