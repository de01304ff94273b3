"""The service's icon: named by every page, and found at /favicon.ico by browsers that ask
there, signed in or not, so that no first page load logs a "not found"."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_every_page_names_the_icon_and_browsers_find_it_where_they_ask(client, practitioner):
    assert finders.find("app/favicon.svg")
    client.force_login(practitioner)
    page = client.get("/").content.decode()
    assert f'<link rel="icon" href="{static("app/favicon.svg")}" type="image/svg+xml">' in page
    client.logout()
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url == static("app/favicon.svg")
