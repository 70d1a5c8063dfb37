"""The project's URLs plus one view that fails, to see what a visitor is shown on a server error."""

from django.urls import include, path


def failing_view(request):
    raise RuntimeError("a bug the visitor must not see: SELECT secret FROM internals")


urlpatterns = [
    path("failing/", failing_view),
    path("", include("config.urls")),
]
