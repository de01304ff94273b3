from django.urls import reverse


def test_an_id_no_database_holds_is_not_a_choice(as_administrator, team, practitioner):
    huge = "9223372036854775808"
    sent = {"name": team.name, "deputy_reviewers": [huge]}
    response = as_administrator.post(reverse("staff:team_edit", args=[team.pk]), sent)
    assert "There is a problem" in response.content.decode()
    url = reverse("staff:team_lead_add", args=[team.pk])
    assert "There is a problem" in as_administrator.post(url, {"member": huge}).content.decode()
    sent = {"full_name": "Wil", "email": "w@example.org", "roles": [huge], "teams": [huge]}
    page = as_administrator.post(reverse("staff:add"), sent).content.decode()
    assert "There is a problem" in page
