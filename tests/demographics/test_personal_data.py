"""Their answers for the returns are in their subject access export, with every earlier
version, and go whole when their record is anonymised."""

from demographics.models import Demographics
from personal_data.retention import person_anonymise
from personal_data.subject_access import as_json
from tests.factories import DemographicsFactory

TITLE = "Their ethnicity, sex, gender and support reason, for the government's returns"


def test_the_export_holds_them_and_their_earlier_versions(person, practitioner):
    answers = DemographicsFactory(person=person, recorded_by=practitioner)
    answers.gender_same_as_sex, answers.gender_identity = "no", "Genderfluid"
    answers.save_by(practitioner)
    data = as_json(person)["data"]
    [exported] = data[TITLE]
    assert exported["ethnicity"] == "White: English, Welsh, Scottish, Northern Irish or British"
    assert exported["gender_identity"] == "Genderfluid"
    assert exported["recorded_by"] == "Priya Shah"
    earlier = data["Earlier versions of their ethnicity, sex, gender and support reason"]
    assert [version["gender_identity"] for version in earlier] == ["Genderfluid", ""]


def test_anonymising_removes_them_and_every_earlier_version(person, practitioner):
    answers = DemographicsFactory(person=person, recorded_by=practitioner)
    answers.save_by(practitioner)
    person_anonymise(person=person)
    assert not Demographics.objects.exists()
    assert not Demographics.history.exists()
