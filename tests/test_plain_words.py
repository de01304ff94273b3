"""Practitioners and leads read the words of the practice, not of a referral system:
"connected to another service", "needs an introduction", "people our team works with".
Open Referral UK, the standard's name, stays as it is."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from tests.factories import ConversationFactory

# "Referral", "referred", "referring" and "caseload" in any case, but not the standard's name.
OLD_WORDS = re.compile(r"(?<!Open )\breferr(al|ed|ing)\b|\bcaseload\b", re.IGNORECASE)


def test_no_template_says_referral_or_caseload():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for line in path.read_text().splitlines()
        # Addresses and URL names are not read; what a page says is.
        for match in OLD_WORDS.finditer(re.sub(r"{%[^%]*%}|/[\w/-]*/", "", line))
    ]
    assert found == []


def test_no_choice_says_referral_or_caseload():
    found = [
        f"{model.__name__}.{field.name}: {label}"
        for model in apps.get_models()
        if str(settings.BASE_DIR) in str(Path(apps.get_app_config(model._meta.app_label).path))
        for field in model._meta.get_fields()
        for _, label in getattr(field, "flatchoices", None) or []
        if OLD_WORDS.search(str(label))
    ] + [
        config.verbose_name
        for config in apps.get_app_configs()
        if OLD_WORDS.search(str(config.verbose_name))
    ]
    assert found == []


def test_a_practitioner_records_a_connection_to_another_service(client, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    client.force_login(practitioner)
    url = reverse("conversations:section", args=[conversation.code, "outcome"])
    page = client.get(url).content.decode()
    assert "Connected to another service" in page and "Referred" not in page
