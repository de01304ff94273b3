import pytest
from django.urls import reverse

from accounts.models import Role
from jobs.models import Job
from jobs.services import job_claim, job_progress, job_start
from jobs.worker import tasks_run_queued
from tests.factories import UserFactory

from .sample_tasks import work


@pytest.fixture
def job(administrator):
    return job_start(kind="sample", title="A sample job", task=work, by=administrator)


def page_of(job: Job) -> str:
    return reverse("jobs:detail", args=[job.pk])


def test_it_shows_whoever_started_it_how_far_it_has_got(client, administrator, job):
    client.force_login(administrator)
    page = client.get(page_of(job)).content.decode()
    assert "A sample job" in page and "Waiting to start" in page
    assert 'data-finished="no"' in page and "jobs/refresh" in page
    job_progress(job_claim(job.pk), stage="Reading the files", done=3, total=4)
    page = client.get(page_of(job)).content.decode()
    assert "Running" in page and "Reading the files: 3 of 4 (75%)" in page


def test_it_shows_the_outcome_once_done(client, administrator, job):
    tasks_run_queued()
    client.force_login(administrator)
    page = client.get(page_of(job)).content.decode()
    assert "Done" in page and "Worked" in page and 'data-finished="yes"' in page


@pytest.mark.parametrize("cast", ["practitioner", "team_lead", "information_governance"])
def test_no_one_else_sees_it(client, request, job, cast):
    client.force_login(request.getfixturevalue(cast))
    assert client.get(page_of(job)).status_code == 404


def test_another_administrator_does_not_see_it(client, job):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert client.get(page_of(job)).status_code == 404


def test_a_job_the_scheduler_started_has_no_page(client, administrator, job):
    Job.objects.update(by=None)
    client.force_login(administrator)
    assert client.get(page_of(job)).status_code == 404


def test_signing_in_comes_first(client, job):
    response = client.get(page_of(job))
    assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
