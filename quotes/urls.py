from django.urls import path

from . import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("api/quotes/", views.api_quotes, name="api_quotes"),
    path("api/people/", views.api_people, name="api_people"),
    path("api/organisations/", views.api_organisations, name="api_organisations"),
    path("export/quotes.csv", views.export_quotes_csv, name="export_quotes_csv"),
    path("export/quotes.json", views.export_quotes_json, name="export_quotes_json"),
]
