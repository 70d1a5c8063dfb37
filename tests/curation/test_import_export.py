"""Import and export in the admin: natural keys, a lossless round trip in CSV, XLSX and JSON,
dry-run previews, and formula injection neutralised in spreadsheet formats."""

import csv
import io
import json
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Publication
from quotes.models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias, Quote
from quotes.resources import neutralise_formula, restore_formula

FORMATS = {"csv": 0, "xlsx": 1, "json": 2}
# In dependency order: what a row refers to is imported before it.
MODELS = ["quotes/organisation", "quotes/person", "articles/article", "quotes/affiliation", "quotes/quote"]
ALL_ROWS = {"quotes/quote": {"status": "all"}}  # the quotation list shows the pending queue by default


def export(client, model: str, fmt: str, params: dict | None = None, items: list[int] | None = None) -> bytes:
    url = f"/admin/{model}/export/"
    params = params if params is not None else ALL_ROWS.get(model, {})
    if params:
        url += "?" + urlencode(params)
    form = client.get(url).context["form"]
    data = {"format": FORMATS[fmt], "resource": 0}
    data.update(
        {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    )
    if items is not None:
        data["export_items"] = items
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


def preview(client, model: str, fmt: str, content: bytes):
    upload = SimpleUploadedFile(f"upload.{fmt}", content)
    response = client.post(
        f"/admin/{model}/import/", {"format": FORMATS[fmt], "resource": 0, "import_file": upload}
    )
    assert response.status_code == 200
    return response


def import_file(client, model: str, fmt: str, content: bytes) -> None:
    response = preview(client, model, fmt, content)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), [
        row.validation_error for row in result.invalid_rows
    ]
    confirmed = client.post(f"/admin/{model}/process_import/", response.context["confirm_form"].initial)
    assert confirmed.status_code == 302


def cells(fmt: str, content: bytes) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode())))
    if fmt == "json":
        rows = json.loads(content)
        return [list(rows[0])] + [list(row.values()) for row in rows] if rows else []
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def comparable(fmt: str, content: bytes):
    # An XLSX file carries its creation time; compare what the cells hold.
    return cells(fmt, content) if fmt == "xlsx" else content


def wipe_content() -> None:
    for model in (
        Quote,
        Affiliation,
        PersonAlias,
        OrganisationAlias,
        Person,
        Organisation,
        Article,
        Publication,
    ):
        model.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_round_trip_into_an_empty_database_is_identical(curator_client, curator, newsroom, fmt):
    Person.objects.create(name="=cmd|' /C calc'!A0", slug="formula-person", description="-2+3")
    quote = newsroom["quotes"]["john"]
    quote.reviewed_by = curator
    quote.curated = True
    quote.save()
    first = {model: export(curator_client, model, fmt) for model in MODELS}

    wipe_content()
    for model in MODELS:
        import_file(curator_client, model, fmt, first[model])

    assert Quote.objects.count() == 4 and Person.objects.count() == 4
    assert Organisation.objects.get(slug="carnegie-centre").parent.slug == "carnegie-endowment"
    assert Person.objects.get(slug="formula-person").name == "=cmd|' /C calc'!A0"
    assert Quote.objects.get(text__startswith="+1").text == "+1 for reform"
    second = {model: export(curator_client, model, fmt) for model in MODELS}
    for model in MODELS:
        assert comparable(fmt, second[model]) == comparable(fmt, first[model]), model


def test_importing_the_same_file_twice_creates_no_duplicates(curator_client, newsroom):
    exported = {model: export(curator_client, model, "csv") for model in MODELS}
    counts = [
        model.objects.count() for model in (Quote, Person, Organisation, Affiliation, Article, PersonAlias)
    ]
    for model in MODELS:
        import_file(curator_client, model, "csv", exported[model])
    assert [
        model.objects.count() for model in (Quote, Person, Organisation, Affiliation, Article, PersonAlias)
    ] == (counts)


def test_export_has_natural_keys_and_no_ids(curator_client, newsroom):
    rows = cells("csv", export(curator_client, "quotes/quote", "csv"))
    assert rows[0][:3] == ["article", "start", "end"]
    assert "id" not in rows[0]
    article_hashes = {article.content_hash for article in newsroom["articles"]}
    assert {row[0] for row in rows[1:]} == article_hashes
    speakers = rows[0].index("speaker_person")
    assert {row[speakers] for row in rows[1:]} == {"jane-doe", "john-roe", "mary-major"}


def test_export_follows_the_list_filters(curator_client, newsroom):
    rows = cells("csv", export(curator_client, "quotes/quote", "csv", params={"status": "rejected"}))
    assert len(rows) == 2 and rows[1][rows[0].index("text")] == "'@everyone should read it."


def test_export_of_selected_rows(curator_client, newsroom):
    chosen = newsroom["quotes"]["jane"]
    response = curator_client.post(
        "/admin/quotes/quote/?status=all",
        {"action": "export_admin_action", ACTION_CHECKBOX_NAME: [chosen.pk]},
    )
    assert response.status_code == 200  # the format form, carrying the selection
    rows = cells("csv", export(curator_client, "quotes/quote", "csv", items=[chosen.pk]))
    assert [row[rows[0].index("text")] for row in rows[1:]] == ["We will not cut"]


def test_preview_is_a_dry_run(curator_client, newsroom):
    exported = export(curator_client, "quotes/person", "csv")
    Person.objects.all().delete()
    response = preview(curator_client, "quotes/person", "csv", exported)
    assert response.context["result"].totals["new"] == 3
    assert Person.objects.count() == 0


def test_a_quote_whose_text_does_not_follow_its_span_is_refused(curator_client, newsroom):
    rows = cells("csv", export(curator_client, "quotes/quote", "csv"))
    text = rows[0].index("text")
    rows[1][text] = "Words the article never had"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = preview(curator_client, "quotes/quote", "csv", buffer.getvalue().encode())
    result = response.context["result"]
    assert result.has_validation_errors()
    assert "does not match the article" in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None


def test_a_quote_of_an_unknown_article_is_refused(curator_client, newsroom):
    rows = cells("csv", export(curator_client, "quotes/quote", "csv"))
    rows[1][0] = "f" * 64
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = preview(curator_client, "quotes/quote", "csv", buffer.getvalue().encode()).context["result"]
    assert result.has_errors() or result.has_validation_errors()


def test_a_child_organisation_listed_before_its_parent_imports(curator_client, db):
    content = (
        b"slug,name,kind,parent,description,curated,aliases\n"
        b"child,Child Centre,think_tank,parent,,0,\n"
        b"parent,Parent Endowment,think_tank,,,0,The Endowment\n"
    )
    import_file(curator_client, "quotes/organisation", "csv", content)
    assert Organisation.objects.get(slug="child").parent.slug == "parent"
    assert OrganisationAlias.objects.get().name == "The Endowment"


# --- formula injection -----------------------------------------------------------------------------

DANGEROUS = ["=1+1", "+1 for reform", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_dangerous_cells_are_prefixed_and_restored(value):
    assert neutralise_formula(value) == "'" + value
    assert restore_formula(neutralise_formula(value)) == value


@pytest.mark.parametrize("value", ["plain", "'quoted", "''", "", None, 3, -1.5])
def test_other_cells_round_trip(value):
    assert restore_formula(neutralise_formula(value)) == value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_spreadsheet_exports_neutralise_formulae(curator_client, newsroom, fmt):
    Person.objects.create(name='=HYPERLINK("http://x")', slug="evil", description="@SUM(A1)")
    rows = cells(fmt, export(curator_client, "quotes/person", fmt))
    evil = next(row for row in rows if row[0] == "evil")
    assert evil[1] == '\'=HYPERLINK("http://x")' and evil[3] == "'@SUM(A1)"
    quotes = cells(fmt, export(curator_client, "quotes/quote", fmt))
    texts = {row[quotes[0].index("text")] for row in quotes[1:]}
    assert {"'+1 for reform", "'@everyone should read it."} <= texts
    for row in rows + quotes:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r"))), cell


def test_xlsx_export_writes_text_not_formulae(curator_client, newsroom):
    Person.objects.create(name="=1+1", slug="evil")
    sheet = openpyxl.load_workbook(io.BytesIO(export(curator_client, "quotes/person", "xlsx"))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_json_exports_the_data_unchanged(curator_client, newsroom):
    rows = json.loads(export(curator_client, "quotes/quote", "json"))
    assert {row["text"] for row in rows} >= {"+1 for reform", "@everyone should read it."}


def test_an_article_whose_hash_is_not_its_body_is_refused(curator_client, newsroom):
    rows = cells("csv", export(curator_client, "articles/article", "csv"))
    body = rows[0].index("body")
    rows[1][body] = rows[1][body] + " An extra sentence."
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = preview(curator_client, "articles/article", "csv", buffer.getvalue().encode()).context["result"]
    assert result.has_validation_errors()
    assert Article.objects.filter(body__endswith="An extra sentence.").count() == 0


def test_an_article_without_a_hash_gets_it_from_its_body(curator_client, db):
    import hashlib

    content = b"content_hash,title,body\n,Fresh,A fresh body of text.\n"
    import_file(curator_client, "articles/article", "csv", content)
    article = Article.objects.get(title="Fresh")
    assert article.content_hash == hashlib.sha256(b"A fresh body of text.").hexdigest()
    import_file(curator_client, "articles/article", "csv", content)  # the same text again: no duplicate
    assert Article.objects.filter(title="Fresh").count() == 1
