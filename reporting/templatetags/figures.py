from django import template

from reporting.figures import kronor as kronor_text

register = template.Library()


@register.filter
def kronor(amount):
    """{{ amount|kronor }}: 12 500 kr in Swedish, SEK 12,500 in English (reporting.figures.kronor)."""
    return kronor_text(amount)
