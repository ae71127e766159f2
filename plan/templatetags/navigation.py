from django import template

from plan.context_processors import nav_links, navigation_plan

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation_links(context):
    """The main navigation's links for the user, to the plan the page shows (else the main plan)."""
    return nav_links(context["request"].user, navigation_plan(context))
