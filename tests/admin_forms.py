"""The POST an admin change form sends, built from the page the admin rendered: tests change a few values
and submit it as a person would."""


def _value(value):
    if hasattr(value, "pk"):
        return str(value.pk)
    return "" if value is None else str(value)


def _add(data, form):
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [_value(v) for v in value]
        else:
            data[bound.html_name] = _value(value)


def change_form_data(response) -> dict:
    """Every field of the main form and its inlines, as they stand on the page."""
    data = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add(data, form)
    return data


def inline_rows(response, prefix) -> list:
    """The bound forms of one inline (e.g. "responsibilities"), in page order."""
    formset = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix)
    return formset.forms
