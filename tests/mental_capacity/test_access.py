"""Who sees and writes who may decide for a person and their capacity assessments: those who
work with the person's team; everyone else gets 404. Each view is in the access log."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import RecordView
from mental_capacity.models import CapacityAssessment, DecisionMaker
from mental_capacity.services import capacity_assessment_add, decision_maker_add

from .conftest import HOLDER, LACKS

# (URL name, which record it is addressed by, the form it sends)
PAGES = [
    ("mental_capacity:holder_add", "person", HOLDER),
    ("mental_capacity:holder_edit", "holder", HOLDER),
    ("mental_capacity:holder_end", "holder", {"ended_on_0": "1", "ended_on_1": "2"}),
    ("mental_capacity:assessments", "person", None),
    ("mental_capacity:assessment_add", "person", LACKS),
    ("mental_capacity:assessment", "assessment", None),
    ("mental_capacity:assessment_edit", "assessment", LACKS),
]
OUTSIDERS = ["other_practitioner", "administrator", "information_governance"]


def url(request, name, record) -> str:
    return reverse(name, args=[request.getfixturevalue(record).code])


@pytest.mark.parametrize(("name", "record", "form"), PAGES)
@pytest.mark.parametrize("insider", ["practitioner", "team_lead"])
def test_the_persons_team_sees_each_page(client, request, name, record, form, insider, person):
    user = request.getfixturevalue(insider)
    client.force_login(user)
    assert client.get(url(request, name, record)).status_code == 200
    seen = RecordView.objects.get(user=user)
    assert (seen.person, seen.page) == (person, name)


@pytest.mark.parametrize(("name", "record", "form"), PAGES)
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_no_one_else_finds_them_or_writes_them(client, request, name, record, form, outsider):
    user = request.getfixturevalue(outsider)
    address = url(request, name, record)
    holders, assessments = DecisionMaker.objects.count(), CapacityAssessment.objects.count()
    client.force_login(user)
    assert client.get(address).status_code == 404
    if form is not None:
        assert client.post(address, form).status_code == 404
    assert (DecisionMaker.objects.count(), CapacityAssessment.objects.count()) == (
        holders,
        assessments,
    )
    assert not DecisionMaker.objects.filter(holder_name="Wilhelmina Trevose").exists()
    assert not RecordView.objects.filter(user=user).exists()


def test_only_staff_who_work_with_people_write_them(person, administrator, information_governance):
    for user in [administrator, information_governance]:
        with pytest.raises(PermissionDenied):
            decision_maker_add(holder=DecisionMaker(), person=person, by=user)
        with pytest.raises(PermissionDenied):
            capacity_assessment_add(assessment=CapacityAssessment(), person=person, by=user)
    assert not DecisionMaker.objects.exists() and not CapacityAssessment.objects.exists()


def test_the_scope_is_the_persons_team(person, other_person, practitioner, holder, assessment):
    assert list(DecisionMaker.objects.visible_to(practitioner)) == [holder]
    assert list(CapacityAssessment.objects.visible_to(practitioner)) == [assessment]
    other = other_person.practitioner
    assert not DecisionMaker.objects.visible_to(other).exists()
    assert not CapacityAssessment.objects.visible_to(other).exists()
