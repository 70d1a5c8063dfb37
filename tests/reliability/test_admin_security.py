"""The admin: login throttling (django-axes) and curator permissions enforced on the server for the
merge confirmation and the re-extract button, whatever the browser sends."""

import hashlib

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission, User

from articles.models import Article
from quotes.models import Organisation, Person, Quote

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def curator() -> User:
    user = User.objects.create_user("curator", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    return user


def log_in(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


# -- login throttling -------------------------------------------------------------------------------------


def test_repeated_failed_logins_lock_the_username_out_even_with_the_right_password(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "curator", "wrong").status_code == 200  # the form again, with its error
    locked = log_in(client, "curator", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    refused = log_in(client, "curator", PASSWORD)
    assert refused.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_a_lockout_is_per_username_and_address(client, curator, settings):
    other = User.objects.create_user("other", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "curator", "wrong")
    response = log_in(client, other.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_successful_login_resets_the_failures(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "curator", "wrong")
    assert log_in(client, "curator", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "curator", "wrong")
    assert log_in(client, "curator", PASSWORD).status_code == 302


# -- curator permissions on the server ------------------------------------------------------------------


@pytest.fixture
def two_people() -> list[Person]:
    return [
        Person.objects.create(name="Jane Doe", slug="jane-doe"),
        Person.objects.create(name="J. Doe", slug="j-doe"),
    ]


@pytest.fixture
def two_organisations() -> list[Organisation]:
    return [
        Organisation.objects.create(name="Carnegie Endowment", slug="carnegie-endowment"),
        Organisation.objects.create(name="Carnegie", slug="carnegie"),
    ]


def merge_requests(records) -> list[dict]:
    """The merge action's two POSTs: the confirmation page, then the confirmed merge."""
    selection = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [r.pk for r in records]}
    return [selection, {**selection, "post": "yes", "keep": records[0].pk}]


@pytest.mark.parametrize(
    ("records", "changelist"),
    [("two_people", "/admin/quotes/person/"), ("two_organisations", "/admin/quotes/organisation/")],
)
def test_staff_outside_the_curator_group_can_neither_see_nor_confirm_a_merge(
    client, request, records, changelist
):
    records = request.getfixturevalue(records)
    model = type(records[0])
    client.force_login(User.objects.create_user("staff", is_staff=True))
    for data in merge_requests(records):
        response = client.post(changelist, data)
        assert response.status_code == 403
        assert "admin/merge_confirmation.html" not in [t.name for t in response.templates]
    assert model.objects.filter(pk__in=[r.pk for r in records]).count() == 2


def test_staff_who_may_change_but_not_delete_people_cannot_merge_them(client, two_people):
    editor = User.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_person", "change_person"]))
    client.force_login(editor)
    for data in merge_requests(two_people):
        response = client.post("/admin/quotes/person/", data)
        assert "admin/merge_confirmation.html" not in [t.name for t in response.templates]
    assert Person.objects.filter(pk__in=[p.pk for p in two_people]).count() == 2


@pytest.fixture
def extracted_article() -> Article:
    body = "“We will not cut,” said Jane Doe, director of the Example Institute.\n"
    article = Article.objects.create(body=body, content_hash=hashlib.sha256(body.encode()).hexdigest())
    Quote.objects.create(article=article, text="We will not cut", kind="direct", start=1, end=16)
    return article


def test_anonymous_visitors_are_sent_to_log_in_by_the_reextract_url(client, extracted_article):
    response = client.post(f"/admin/articles/article/{extracted_article.pk}/reextract/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert list(extracted_article.quotes.values_list("text", flat=True)) == ["We will not cut"]


def test_staff_outside_the_curator_group_are_refused_the_reextract_url(client, extracted_article):
    client.force_login(User.objects.create_user("staff", is_staff=True))
    response = client.post(f"/admin/articles/article/{extracted_article.pk}/reextract/")
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()
    extracted_article.refresh_from_db()
    assert extracted_article.extracted_at is None


def test_a_curator_is_refused_the_reextract_url_by_get(client, curator, extracted_article):
    client.force_login(curator)
    response = client.get(f"/admin/articles/article/{extracted_article.pk}/reextract/")
    assert response.status_code == 405
