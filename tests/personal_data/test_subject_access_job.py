import datetime
import io
import json

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.db.models import Q
from django.urls import resolve, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from audit.models import RecordView
from jobs.models import Job
from jobs.services import job_start, jobs_recover
from jobs.worker import tasks_run_queued
from people.models import Person
from personal_data.retention import person_anonymise
from personal_data.subject_access import PARTS, as_json
from tests.factories import NetworkMemberFactory, UserFactory
from tests.jobs.sample_tasks import work

REASON = "Subject access request SAR-2026-0142"


def downloaded(client, person):
    """What `client`, answering a request about `person`, downloads once the job it starts
    has prepared the JSON file (read it with `.getvalue()`)."""
    started = client.post(reverse("personal_data:subject_access_json", args=[person.code]))
    job_id = resolve(started.url).kwargs["pk"]
    tasks_run_queued()
    return client.get(reverse("personal_data:subject_access_download", args=[job_id]))


def folder_of(job) -> list[str]:
    """The files kept for `job`, by name; none when its folder is gone."""
    try:
        return sorted(storages["jobs"].listdir(f"subject-access/{job.pk}")[1])
    except FileNotFoundError:
        return []


@pytest.fixture
def as_governance(client, information_governance, person):
    """Information governance, answering the request SAR-2026-0142 about `person`."""
    NetworkMemberFactory(person=person, name="Siân Hughes", person_gives="Zoë's bike")
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_request", args=[person.code])
    client.post(url, {"reference": "SAR-2026-0142"})
    return client


@pytest.fixture
def export(as_governance, person):
    """An export of `person`'s data that a worker has prepared."""
    as_governance.post(reverse("personal_data:subject_access_json", args=[person.code]))
    tasks_run_queued()
    return Job.objects.get(kind="subject_access_export")


def download_url(job) -> str:
    return reverse("personal_data:subject_access_download", args=[job.pk])


def test_it_asks_for_the_button_and_gives_the_task_the_jobs_id_only(as_governance, person):
    url = reverse("personal_data:subject_access_json", args=[person.code])
    page = as_governance.get(url).content.decode()
    assert "Prepare the JSON file" in page and REASON in page
    response = as_governance.post(url)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.title) == ("subject_access_export", "Preparing a subject access export")
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [str(job.pk)], "kwargs": {}}
    with storages["jobs"].open(f"subject-access/{job.pk}/request.json") as file:
        assert json.load(file) == {"person": person.pk, "reason": REASON}


def test_it_writes_what_as_json_holds_as_the_download_did(export, person):
    assert (export.status, export.result) == ("done", f"subject-access/{export.pk}/export.json")
    assert export.done == export.total == len(PARTS)
    with storages["jobs"].open(export.result) as file:
        text = file.read().decode()
    written, held = json.loads(text), as_json(person)
    assert written.pop("exported_at") and held.pop("exported_at")
    assert written == held and written["data"]["Their network"][0]["name"] == "Siân Hughes"
    # Laid out as before: one space a level, and letters as they are, not escaped.
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    assert '"name": "Siân Hughes"' in text


def test_the_one_who_started_it_downloads_it_with_the_reason_logged(
    as_governance, export, person, information_governance
):
    job_page = as_governance.get(reverse("jobs:detail", args=[export.pk])).content.decode()
    assert f'href="{download_url(export)}"' in job_page and "See the result" in job_page
    response = as_governance.get(download_url(export))
    today = timezone.localdate()
    name = f"subject-access-{person.code}-{today:%Y-%m-%d}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert json.loads(response.getvalue())["person"] == str(person.code)
    entry = RecordView.objects.get(page="personal_data:subject_access_download")
    assert (entry.user, entry.person, entry.reason) == (information_governance, person, REASON)


def test_another_information_governance_officer_cannot(client, export):
    client.force_login(UserFactory(roles=[Role.INFORMATION_GOVERNANCE]))
    assert client.get(download_url(export)).status_code == 404
    assert not RecordView.objects.filter(page="personal_data:subject_access_download").exists()


def test_the_one_who_started_it_cannot_once_they_may_not_export(
    as_governance, export, information_governance
):
    information_governance.groups.clear()
    assert as_governance.get(download_url(export)).status_code == 404


def test_nor_once_the_person_is_out_of_their_scope(as_governance, export, person, monkeypatch):
    monkeypatch.setattr("personal_data.views.subject_access_scope", lambda user: ~Q(pk=person.pk))
    assert as_governance.get(download_url(export)).status_code == 404


def test_it_asks_which_request_it_answers_first(client, information_governance, person):
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_json", args=[person.code])
    asks = reverse("personal_data:subject_access_request", args=[person.code])
    assert client.get(url).url == asks
    assert client.post(url).url == asks
    assert not Job.objects.exists()


def test_a_job_that_is_no_export_or_whose_file_is_gone_is_not_found(
    as_governance, export, information_governance
):
    other = job_start(kind="sample", title="A sample job", task=work, by=information_governance)
    tasks_run_queued()
    assert as_governance.get(download_url(other)).status_code == 404
    storages["jobs"].delete(export.result)
    assert as_governance.get(download_url(export)).status_code == 404


def test_running_it_again_keeps_one_file(export):
    # Its worker died after writing the file: the job is run again.
    Job.objects.filter(pk=export.pk).update(
        status="running", leased_until=timezone.now() - datetime.timedelta(1)
    )
    jobs_recover()
    tasks_run_queued()
    export.refresh_from_db()
    assert (export.status, export.attempts) == ("done", 2)
    assert export.result == f"subject-access/{export.pk}/export.json"
    assert folder_of(export) == ["export.json", "request.json"]


def test_a_record_anonymised_before_it_runs_fails_it_plainly(as_governance, person):
    as_governance.post(reverse("personal_data:subject_access_json", args=[person.code]))
    Person.objects.filter(pk=person.pk).update(anonymised_on=timezone.localdate())
    tasks_run_queued()
    job = Job.objects.get()
    assert job.status == "failed" and job.result == ""
    assert job.stage == "There is no record to export: it was anonymised or removed"
    assert folder_of(job) == ["request.json"]


def test_the_tidy_deletes_old_exports_and_keeps_recent_ones(as_governance, export, person):
    as_governance.post(reverse("personal_data:subject_access_json", args=[person.code]))
    tasks_run_queued()
    recent = Job.objects.exclude(pk=export.pk).get()
    old = timezone.now() - datetime.timedelta(days=8)
    Job.objects.filter(pk=export.pk).update(finished_at=old)
    call_command("subject_access_exports_tidy", stdout=io.StringIO())
    export.refresh_from_db()
    assert folder_of(export) == [] and export.result == ""
    assert as_governance.get(download_url(export)).status_code == 404
    assert folder_of(recent) == ["export.json", "request.json"] and recent.result
    assert as_governance.get(download_url(recent)).status_code == 200


def test_anonymising_deletes_their_exports_and_no_one_elses(
    as_governance, export, person, other_person, practitioner
):
    url = reverse("personal_data:subject_access_request", args=[other_person.code])
    as_governance.post(url, {"reference": "SAR-2026-0143"})
    downloaded(as_governance, other_person)
    someone_elses = Job.objects.exclude(pk=export.pk).get()
    person.close(reason="Moved", by=practitioner)
    person_anonymise(person=Person.objects.get(pk=person.pk))
    export.refresh_from_db()
    assert folder_of(export) == [] and export.result == ""
    assert as_governance.get(download_url(export)).status_code == 404
    assert folder_of(someone_elses) == ["export.json", "request.json"]
