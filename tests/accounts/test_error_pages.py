from django.test import Client
from django.urls import reverse


def test_it_answers_an_unknown_page_with_the_service_404(client, practitioner):
    client.force_login(practitioner)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_it_answers_a_server_error_with_the_service_500(practitioner, settings, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(practitioner)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("overview.views.render", broken)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_it_answers_a_forbidden_page_with_the_service_403(rf, practitioner):
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = practitioner
    response = permission_denied(request, exception=None)
    assert response.status_code == 403
    assert b"You cannot use this page" in response.content


def test_it_keeps_csrf_protection_on(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    response = client.post(reverse("accounts:sign_out"))
    assert response.status_code == 403
    assert b"Your form could not be sent" in response.content
