"""The admin as the curators' workbench: the review queue, the quotation page, merges, re-extraction
buttons and who may do what (a curator, and a staff user without the group)."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import Organisation, Person, PersonAlias, Quote

from .conftest import make_article, quote_at
from .test_import_export import MODELS

QUOTES = "/admin/quotes/quote/"


def listed_pks(response) -> set[int]:
    return {obj.pk for obj in response.context["cl"].result_list}


def test_review_queue_shows_pending_quotations_by_default(curator_client, newsroom):
    quotes = newsroom["quotes"]
    response = curator_client.get(QUOTES)
    assert response.status_code == 200
    assert listed_pks(response) == {quotes["jane"].pk, quotes["plus"].pk}
    assert listed_pks(curator_client.get(QUOTES, {"status": "all"})) == {q.pk for q in quotes.values()}
    assert listed_pks(curator_client.get(QUOTES, {"status": "rejected"})) == {quotes["at"].pk}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"confidence_band": "low"}, {"plus"}),
        ({"confidence_band": "medium"}, {"john"}),
        ({"confidence_band": "high"}, {"jane", "at"}),
        ({"kind": "mixed"}, {"john"}),
        ({"speaker_person__kind": "official"}, {"john"}),
        ({"speaker_person__kind": "expert"}, {"jane", "plus", "at"}),
    ],
)
def test_review_queue_filters(curator_client, newsroom, params, expected):
    response = curator_client.get(QUOTES, {"status": "all", **params})
    assert listed_pks(response) == {newsroom["quotes"][name].pk for name in expected}


def test_review_queue_filters_by_publication(curator_client, newsroom):
    sky = newsroom["publications"][1]
    response = curator_client.get(QUOTES, {"status": "all", "article__publication__id__exact": sky.pk})
    assert listed_pks(response) == {newsroom["quotes"]["plus"].pk, newsroom["quotes"]["at"].pk}


def test_review_queue_does_not_count_the_whole_table(curator_client, newsroom):
    """No full COUNT(*): the only count is the paginator's bounded one over the filtered rows."""
    with CaptureQueriesContext(connection) as queries:
        curator_client.get(QUOTES, {"status": "all"})
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


@pytest.mark.parametrize(
    ("action", "status"), [("approve_selected", "approved"), ("reject_selected", "rejected")]
)
def test_bulk_review_actions(curator_client, curator, newsroom, action, status):
    chosen = [newsroom["quotes"]["jane"], newsroom["quotes"]["plus"]]
    response = curator_client.post(QUOTES, {"action": action, ACTION_CHECKBOX_NAME: [q.pk for q in chosen]})
    assert response.status_code == 302
    for quote in chosen:
        quote.refresh_from_db()
        assert quote.status == status and quote.reviewed_by == curator and quote.reviewed_at
    assert Quote.objects.get(pk=newsroom["quotes"]["at"].pk).status == "rejected"


def test_change_page_highlights_the_quotation_and_the_speaker_mention(curator_client, newsroom):
    quote = newsroom["quotes"]["jane"]
    response = curator_client.get(f"{QUOTES}{quote.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark class="quotation">We will not cut</mark>' in html
    assert re.search(r'<strong class="speaker-mention"[^>]*>Jane Doe</strong>, director', html)
    assert f'href="/articles/{quote.article_id}/#quote-{quote.pk}"' in html
    # Only the quotation's paragraph is shown, not the headline.
    context = re.search(r'<div class="quote-in-context".*?</div>', html, re.S).group(0)
    assert "Talks resume" not in context


def test_change_page_escapes_article_text(curator_client, db):
    article = make_article("<script>alert(1)</script> “<b>bold</b> claim,” said <i>Eve</i>.\n")
    quote = quote_at(article, "<b>bold</b> claim", speaker_mention="<i>Eve</i>")
    html = curator_client.get(f"{QUOTES}{quote.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="quotation">&lt;b&gt;bold&lt;/b&gt; claim</mark>' in html
    assert re.search(r'<strong class="speaker-mention"[^>]*>&lt;i&gt;Eve&lt;/i&gt;</strong>', html)


def test_a_pronoun_speaker_in_the_paragraph_before_is_shown(curator_client, db):
    article = make_article("She took the floor at noon.\n\n“We are ready.”\n")
    quote = quote_at(article, "We are ready.", speaker_mention="She")
    html = curator_client.get(f"{QUOTES}{quote.pk}/change/").content.decode()
    assert re.search(r'<strong class="speaker-mention"[^>]*>She</strong> took the floor', html)


def change_form_data(quote: Quote, **changes) -> dict:
    data = {
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker_person": quote.speaker_person_id or "",
        "speaker_organisation": quote.speaker_organisation_id or "",
        "role": quote.role,
        "organisation": quote.organisation_id or "",
        "status": quote.status,
    }
    data.update(changes)
    return data


def test_editing_the_speaker_marks_curated_and_records_who(curator_client, curator, newsroom):
    quote = newsroom["quotes"]["plus"]
    mary = newsroom["people"]["mary"]
    response = curator_client.post(
        f"{QUOTES}{quote.pk}/change/", change_form_data(quote, speaker_person=mary.pk)
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker_person == mary and quote.curated
    assert quote.reviewed_by == curator and quote.reviewed_at


def test_editing_the_span_moves_the_text_with_it(curator_client, newsroom):
    quote = newsroom["quotes"]["jane"]
    response = curator_client.post(f"{QUOTES}{quote.pk}/change/", change_form_data(quote, end=quote.end - 4))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.text == "We will not" and quote.curated


@pytest.mark.parametrize(
    "changes",
    [{"end": 100_000}, {"start": 30, "end": 20}, {"start": 5, "end": 5}],
)
def test_an_impossible_span_is_refused_with_a_message(curator_client, newsroom, changes):
    quote = newsroom["quotes"]["jane"]
    response = curator_client.post(f"{QUOTES}{quote.pk}/change/", change_form_data(quote, **changes))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    quote.refresh_from_db()
    assert quote.text == "We will not cut" and not quote.curated


def test_a_span_taken_by_another_quotation_is_refused(curator_client, newsroom):
    quote, other = newsroom["quotes"]["jane"], newsroom["quotes"]["john"]
    response = curator_client.post(
        f"{QUOTES}{quote.pk}/change/", change_form_data(quote, start=other.start, end=other.end)
    )
    assert response.status_code == 200
    assert "exactly this span" in response.content.decode()


def test_two_speakers_are_refused_with_a_message(curator_client, newsroom):
    quote = newsroom["quotes"]["jane"]
    institute = newsroom["organisations"]["institute"]
    response = curator_client.post(
        f"{QUOTES}{quote.pk}/change/", change_form_data(quote, speaker_organisation=institute.pk)
    )
    assert response.status_code == 200
    assert "one speaker" in response.content.decode()


def test_merge_people_action_asks_then_merges(curator_client, newsroom):
    jane = newsroom["people"]["jane"]
    duplicate = Person.objects.create(name="J. Doe", slug="j-doe")
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [jane.pk, duplicate.pk]}
    confirmation = curator_client.post("/admin/quotes/person/", data)
    assert confirmation.status_code == 200
    assert "admin/merge_confirmation.html" in [t.name for t in confirmation.templates]
    assert Person.objects.filter(pk=duplicate.pk).exists()  # nothing happens before confirmation

    response = curator_client.post("/admin/quotes/person/", {**data, "post": "yes", "keep": jane.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert PersonAlias.objects.filter(person=jane, name="J. Doe").exists()


def test_merge_organisations_action(curator_client, newsroom):
    centre, endowment = newsroom["organisations"]["centre"], newsroom["organisations"]["endowment"]
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [centre.pk, endowment.pk]}
    assert curator_client.post("/admin/quotes/organisation/", data).status_code == 200
    response = curator_client.post(
        "/admin/quotes/organisation/", {**data, "post": "yes", "keep": endowment.pk}
    )
    assert response.status_code == 302
    assert list(Organisation.objects.filter(slug__startswith="carnegie").values_list("slug", flat=True)) == [
        "carnegie-endowment"
    ]


def test_merge_with_a_keep_outside_the_selection_merges_nothing(curator_client, newsroom):
    jane, john, mary = (newsroom["people"][name] for name in ("jane", "john", "mary"))
    data = {
        "action": "merge_selected",
        ACTION_CHECKBOX_NAME: [jane.pk, john.pk],
        "post": "yes",
        "keep": mary.pk,
    }
    curator_client.post("/admin/quotes/person/", data)
    assert Person.objects.filter(pk__in=[jane.pk, john.pk, mary.pk]).count() == 3


def test_editing_a_person_with_aliases_inline_marks_it_curated(curator_client, newsroom):
    john = newsroom["people"]["john"]
    data = {
        "name": "John Roe",
        "slug": "john-roe",
        "kind": "official",
        "description": "",
        "aliases-TOTAL_FORMS": 1,
        "aliases-INITIAL_FORMS": 0,
        "aliases-0-name": "Minister Roe",
        "affiliations-TOTAL_FORMS": 1,
        "affiliations-INITIAL_FORMS": 0,
        "affiliations-0-organisation": newsroom["organisations"]["institute"].pk,
        "affiliations-0-role": "adviser",
    }
    response = curator_client.post(f"/admin/quotes/person/{john.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    john.refresh_from_db()
    assert john.curated
    assert list(john.aliases.values_list("name", flat=True)) == ["Minister Roe"]
    assert list(john.affiliations.values_list("role", flat=True)) == ["adviser"]


# --- who may do what -------------------------------------------------------------------------------


def action_names(client, url: str) -> set[str]:
    response = client.get(url, {"status": "all"} if "quote/" in url else {})
    assert response.status_code == 200
    form = response.context["action_form"]
    if form is None:  # no action at all for this user
        return set()
    return {value for value, _label in form.fields["action"].choices if value}


def test_curator_has_review_merge_and_export_actions(curator_client, newsroom):
    assert {"approve_selected", "reject_selected", "export_admin_action"} <= action_names(
        curator_client, QUOTES
    )
    assert "delete_selected" not in action_names(curator_client, QUOTES)
    assert {"merge_selected", "export_admin_action"} <= action_names(curator_client, "/admin/quotes/person/")
    assert "merge_selected" in action_names(curator_client, "/admin/quotes/organisation/")


def test_plain_staff_cannot_see_or_change_curation_data(staff_client, newsroom):
    quote = newsroom["quotes"]["jane"]
    assert staff_client.get(QUOTES).status_code == 403
    assert staff_client.get("/admin/quotes/quote/export/").status_code == 403
    assert staff_client.get("/admin/quotes/quote/import/").status_code == 403
    response = staff_client.post(QUOTES, {"action": "approve_selected", ACTION_CHECKBOX_NAME: [quote.pk]})
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.status == "pending"


def test_view_only_staff_gets_no_actions_and_no_import_or_export(client, newsroom):
    """Server-side: a staff user who may only look sees no review, merge, import or export."""
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_quote", "view_person", "view_article"])
    )
    client.force_login(viewer)
    assert action_names(client, QUOTES) == set()
    assert action_names(client, "/admin/quotes/person/") == set()
    assert client.get("/admin/quotes/quote/export/").status_code == 403
    assert client.get("/admin/quotes/quote/import/").status_code == 403
    quote = newsroom["quotes"]["jane"]
    client.post(QUOTES, {"action": "approve_selected", ACTION_CHECKBOX_NAME: [quote.pk]})
    quote.refresh_from_db()
    assert quote.status == "pending"
    person_data = {
        "action": "merge_selected",
        ACTION_CHECKBOX_NAME: [p.pk for p in newsroom["people"].values()],
    }
    client.post(
        "/admin/quotes/person/", {**person_data, "post": "yes", "keep": newsroom["people"]["jane"].pk}
    )
    assert Person.objects.count() == 3
    article = newsroom["articles"][0]
    assert client.post(f"/admin/articles/article/{article.pk}/reextract/").status_code == 403


def test_curator_may_not_manage_users(curator_client, curator):
    assert curator_client.get("/admin/auth/user/").status_code == 403
    assert curator_client.get("/admin/auth/group/").status_code == 403
    assert not any(perm.startswith("auth.") for perm in curator.get_all_permissions())


def test_curator_may_import_and_export_every_curated_model(curator_client):
    for path in MODELS:
        assert curator_client.get(f"/admin/{path}/import/").status_code == 200
        assert curator_client.get(f"/admin/{path}/export/").status_code == 200


def test_article_change_page_offers_reextraction_to_curators(curator_client, newsroom):
    article = newsroom["articles"][0]
    html = curator_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'action="/admin/articles/article/{article.pk}/reextract/"' in html
    assert curator_client.get(f"/admin/articles/article/{article.pk}/reextract/").status_code == 405


def test_article_body_cannot_be_edited_once_quotations_point_into_it(curator_client, newsroom):
    article = newsroom["articles"][0]
    response = curator_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "body" not in response.context["adminform"].form.fields


def test_list_queries_do_not_grow_with_the_rows(curator_client, newsroom):
    """list_select_related: speakers and articles come with the quotations, not one query a row."""

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert curator_client.get(QUOTES, {"status": "all"}).status_code == 200
        return len(queries)

    before = queries_for_list()
    for number in range(10):
        article = make_article(f"Story {number}\n“Fine,” said Someone {number}.\n")
        person = Person.objects.create(name=f"Someone {number}", slug=f"someone-{number}")
        quote_at(article, "Fine", speaker_person=person)
    assert queries_for_list() == before
