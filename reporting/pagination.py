from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Window


class CountingPaginator(Paginator):
    """A Paginator whose page query also brings the total (COUNT(*) OVER ()), so a page of a long list
    costs one query instead of a count and a page; only a page past the end asks for the count."""

    def __init__(self, queryset, per_page, **kwargs):
        super().__init__(queryset.annotate(total_rows=Window(Count("pk"))), per_page, **kwargs)

    def get_page(self, number):
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows:
            return super().get_page(number)
        self.count = rows[0].total_rows
        try:
            self.validate_number(number)
        except InvalidPage:
            return super().get_page(number)
        return self._get_page(rows, number, self)
