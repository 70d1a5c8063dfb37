"""Curators follow outlets in the admin: the source list with its status, filters and "poll now"."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages

from articles.models import Article, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client):
    user = User.objects.create_user("curator", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    client.force_login(user)
    return client


def test_the_source_list_shows_status_and_filters_failing_sources(curator_client, site):
    Source.objects.create(url=site.url("/sitemap.xml"), kind="sitemap")
    Source.objects.create(
        url=site.url("/feeds/broken.xml"), kind="rss", last_error="HTTP 500 Internal Server Error"
    )
    page = curator_client.get("/admin/articles/source/").content.decode()
    assert "error: HTTP 500 Internal Server Error" in page
    failing = curator_client.get("/admin/articles/source/?status=failing").content.decode()
    assert "broken.xml" in failing and "sitemap.xml" not in failing


def test_poll_now_polls_the_selected_sources(curator_client, site):
    good = Source.objects.create(url=site.url("/sitemap.xml"), kind="sitemap")
    bad = Source.objects.create(url=site.url("/feeds/not-xml.xml"), kind="rss")
    response = curator_client.post(
        "/admin/articles/source/", {"action": "poll_now", ACTION_CHECKBOX_NAME: [good.pk, bad.pk]}
    )
    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("1 new article URLs; 1 stored" in message for message in messages)
    assert any("failed: not a feed or sitemap" in message for message in messages)
    assert Article.objects.filter(url=site.url(site.article_paths[5])).exists()
    assert Source.objects.get(pk=bad.pk).failure_count == 1


def test_a_curator_adds_and_pauses_a_source(curator_client, site):
    response = curator_client.post(
        "/admin/articles/source/add/",
        {"url": site.url("/rss.xml"), "kind": "rss", "active": "on", "poll_interval": "00:30:00"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get()
    curator_client.post("/admin/articles/source/", {"action": "pause", ACTION_CHECKBOX_NAME: [source.pk]})
    assert not Source.objects.get().active
