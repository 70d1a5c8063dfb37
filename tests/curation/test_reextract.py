"""Re-extraction from the admin, through the pipeline's real service and the real spaCy model:
curators' decisions survive it, and a merge teaches it the merged names."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages

from quotes.models import Person, Quote

from .conftest import make_article

BODY = (
    "Talks stall in Vienna\n"
    "Alexandr Gabuev, director of the Carnegie Russia Eurasia Centre, said: “The talks have stalled.”\n"
    "“We are not optimistic about the next round,” Gabuev added.\n"
    "Foreign minister Sergei Lavrov said the West was to blame.\n"
)


def reextract(client, article) -> list[str]:
    response = client.post(f"/admin/articles/article/{article.pk}/reextract/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_reextract_button_extracts_and_keeps_curated_decisions(curator_client, db):
    article = make_article(BODY, title="Talks stall")
    messages = reextract(curator_client, article)
    assert any("Re-extracted" in message and "created" in message for message in messages)
    quotes = list(article.quotes.order_by("start"))
    assert len(quotes) >= 2
    stalled = next(q for q in quotes if "stalled" in q.text)
    assert stalled.speaker_person.name.endswith("Gabuev")

    # A curator corrects one quotation and rejects another.
    edited, rejected = quotes[0], quotes[1]
    response = curator_client.post(
        f"/admin/quotes/quote/{edited.pk}/change/",
        {
            "start": edited.start,
            "end": edited.end,
            "kind": "indirect",
            "speaker_person": "",
            "speaker_organisation": "",
            "role": "curated role",
            "organisation": "",
            "status": "approved",
        },
    )
    assert response.status_code == 302
    curator_client.post(
        "/admin/quotes/quote/", {"action": "reject_selected", ACTION_CHECKBOX_NAME: [rejected.pk]}
    )

    reextract(curator_client, article)

    edited_after = Quote.objects.get(pk=edited.pk)
    assert (edited_after.kind, edited_after.role, edited_after.curated) == ("indirect", "curated role", True)
    assert edited_after.speaker_person is None
    assert Quote.objects.get(pk=rejected.pk).status == "rejected"
    # The rejected span does not come back as a new pending quotation.
    assert not article.quotes.filter(start=rejected.start, end=rejected.end).exclude(pk=rejected.pk).exists()


def test_after_a_merge_extraction_resolves_the_merged_name_to_the_kept_person(curator_client, db):
    kept = Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev", kind="expert")
    misspelt = Person.objects.create(name="Alexandr Gabuev", slug="alexandr-gabuev")
    response = curator_client.post(
        "/admin/quotes/person/",
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [kept.pk, misspelt.pk],
            "post": "yes",
            "keep": kept.pk,
        },
    )
    assert response.status_code == 302
    people_before = Person.objects.count()

    article = make_article(BODY, title="Talks stall")
    reextract(curator_client, article)

    stalled = article.quotes.get(text__contains="stalled")
    assert stalled.speaker_person == kept
    assert not Person.objects.filter(name__icontains="Gabuev").exclude(pk=kept.pk).exists()
    assert Person.objects.count() == people_before + 1  # only Sergei Lavrov is new


def test_reextract_action_on_the_article_list(curator_client, db):
    first = make_article(BODY, title="One")
    second = make_article(BODY.replace("Vienna", "Geneva"), title="Two")
    response = curator_client.post(
        "/admin/articles/article/",
        {"action": "reextract_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert first.quotes.exists() and second.quotes.exists()
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("2 re-extracted" in message for message in messages)


def test_plain_staff_cannot_reextract(staff_client, db):
    article = make_article(BODY)
    assert staff_client.post(f"/admin/articles/article/{article.pk}/reextract/").status_code == 403
    assert not article.quotes.exists()
