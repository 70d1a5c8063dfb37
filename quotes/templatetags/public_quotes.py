from django import template
from django.utils.safestring import SafeString

from quotes.search import render_highlight

register = template.Library()


@register.filter
def highlighted(raw: str | None) -> SafeString:
    """Text the database highlighted, escaped, with its matches in <mark>."""
    return render_highlight(raw)
