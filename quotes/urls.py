from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("", views.search_page, name="search"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("topic/", views.topic_page, name="topic"),
    path("counts/", views.counts_page, name="counts"),
    path("charts/quotes-per-month.svg", views.timeline_chart, name="timeline_chart"),
    path("export/topic.csv", views.export_topic_csv, name="export_topic_csv"),
    # The JSON API and its OpenAPI document (quotes/api.py).
    path("api/", api.urls),
    path("export/quotes.csv", views.export_quotes_csv, name="export_quotes_csv"),
    path("export/quotes.json", views.export_quotes_json, name="export_quotes_json"),
]
