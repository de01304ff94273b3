import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config import settings as project_settings


def test_it_reads_true_and_false(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert project_settings.env_bool("SOME_FLAG", False) is True
    monkeypatch.setenv("SOME_FLAG", "off")
    assert project_settings.env_bool("SOME_FLAG", True) is False


def test_it_fails_loudly_on_a_malformed_value(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        project_settings.env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be a whole number"):
        project_settings.env_int("SOME_NUMBER", 1)


def test_it_requires_a_value_with_no_default(monkeypatch):
    monkeypatch.delenv("SOME_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Set the SOME_SECRET"):
        project_settings.env_str("SOME_SECRET")


def test_it_splits_a_list(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.example, b.example,")
    assert project_settings.env_list("SOME_HOSTS") == ["a.example", "b.example"]


def test_it_collects_static_files_with_hashed_compressed_names(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    css = list((tmp_path / "govuk" / "css").glob("govuk-frontend.min.*.css"))
    assert css, "no hashed GOV.UK Frontend stylesheet"
    assert (tmp_path / "govuk" / "css" / f"{css[0].name}.gz").exists()
