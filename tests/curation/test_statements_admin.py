"""Curators and statements in the admin: a statement's page shows every report and how each differs from
the first; merging statements and splitting a report off go through the service functions."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from articles.models import Publication
from quotes.models import Quote, Statement
from quotes.statements import delete_articles, delete_quotes, merge_statements, refresh_statements

from .conftest import make_article, quote_at

LONG = "We will not close the border, and we will not let the trucks wait for days"
SHORT = "we will not let the trucks wait for days"


def two_reports():
    herald = Publication.objects.create(name="Border Herald")
    gazette = Publication.objects.create(name="Valley Gazette")
    first = make_article(f"Border stays open\n“{LONG},” the minister said.\n", publication=herald)
    second = make_article(f"Trucks keep moving\nShe said “{SHORT}”.\n", publication=gazette)
    one = quote_at(first, LONG)
    two = quote_at(second, SHORT, kind="mixed")
    return one, two


def test_a_statement_page_shows_its_reports_and_their_differences(curator_client):
    one, two = two_reports()
    Quote.objects.filter(pk=two.pk).update(statement=one.statement)
    Statement.objects.filter(pk=two.statement_id).delete()
    refresh_statements(statement_ids=[one.statement_id])
    html = curator_client.get(f"/admin/quotes/statement/{one.statement_id}/change/").content.decode()
    assert "Border Herald" in html and "Valley Gazette" in html
    assert LONG in html and SHORT in html
    assert "(first report)" in html
    # The shorter report lacks the first half of the longer one.
    assert '<span class="diff-missing">we will not close the border and</span>' in html
    listing = curator_client.get("/admin/quotes/statement/").content.decode()
    assert f"Statement {one.statement_id}" in listing


def test_merge_and_split_from_the_admin(curator_client):
    one, two = two_reports()
    statements = sorted([one.statement_id, two.statement_id])
    response = curator_client.post(
        "/admin/quotes/statement/", {"action": "merge_selected", ACTION_CHECKBOX_NAME: statements}
    )
    assert response.status_code == 302
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.statement_id == two.statement_id == statements[0]
    merged = Statement.objects.get(pk=statements[0])
    assert (merged.report_count, merged.outlet_count, merged.curated) == (2, 2, True)
    assert one.curated and two.curated  # re-extraction keeps them where the curator put them
    assert not Statement.objects.filter(pk=statements[1]).exists()

    response = curator_client.post(
        "/admin/quotes/quote/", {"action": "split_selected", ACTION_CHECKBOX_NAME: [two.pk]}
    )
    assert response.status_code == 302
    two.refresh_from_db()
    assert two.statement_id != one.statement_id
    assert Statement.objects.get(pk=one.statement_id).report_count == 1
    # A report that is its statement's only one cannot be split off.
    curator_client.post("/admin/quotes/quote/", {"action": "split_selected", ACTION_CHECKBOX_NAME: [two.pk]})
    assert Quote.objects.get(pk=two.pk).statement_id == two.statement_id


def test_staff_outside_the_curator_group_see_no_statements(client, plain_staff):
    client.force_login(plain_staff)
    assert client.get("/admin/quotes/statement/").status_code == 403


def orphans():
    return Statement.objects.filter(reports__isnull=True)


def test_deleting_an_article_in_the_admin_keeps_its_statements_whole(admin_client):
    one, two = two_reports()
    alone = quote_at(two.article, "Trucks keep moving")
    merge_statements(keep=one.statement, others=[two.statement])  # a curator's decision
    # Curators may not delete articles; an administrator may.
    response = admin_client.post(f"/admin/articles/article/{two.article_id}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Quote.objects.filter(pk__in=[two.pk, alone.pk]).exists()
    # The statement only the deleted article reported is gone; the shared one counts what is left.
    assert not Statement.objects.filter(pk=alone.statement_id).exists()
    assert not orphans().exists()
    kept = Statement.objects.get(pk=one.statement_id)
    assert (kept.report_count, kept.outlet_count, kept.first_quote_id) == (1, 1, one.pk)
    # The curator's decision stays on what remains.
    assert kept.curated and Quote.objects.get(pk=one.pk).curated


def test_deleting_articles_and_quotations_with_the_admin_actions_leaves_no_statement_without_reports(
    admin_client,
):
    one, two = two_reports()
    Quote.objects.filter(pk=two.pk).update(statement=one.statement)
    Statement.objects.filter(pk=two.statement_id).delete()
    refresh_statements(statement_ids=[one.statement_id])
    # The first report's article goes: the other report becomes the first.
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [one.article_id], "post": "yes"},
    )
    assert response.status_code == 302
    kept = Statement.objects.get(pk=one.statement_id)
    assert (kept.report_count, kept.first_quote_id) == (1, two.pk)
    # The last report deleted from the quotation list takes its statement with it.
    response = admin_client.post(
        "/admin/quotes/quote/", {"action": "delete_selected", ACTION_CHECKBOX_NAME: [two.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not Quote.objects.exists()
    assert not Statement.objects.exists()


def test_the_deletion_services_recount_what_remains_and_delete_what_is_left_empty(db):
    one, two = two_reports()
    third = quote_at(two.article, "Trucks keep moving")
    Quote.objects.filter(pk__in=[two.pk, third.pk]).update(statement=one.statement)
    refresh_statements(statement_ids=[one.statement_id, two.statement_id, third.statement_id])
    assert Statement.objects.get(pk=one.statement_id).report_count == 3
    assert delete_quotes(quotes=[third]) == 1
    assert Statement.objects.get(pk=one.statement_id).report_count == 2
    assert delete_articles(articles=[one.article, two.article]) == 2
    assert not Statement.objects.exists()
