"""The process leader's own words in an annual report: "Sammanfattande analys" and "Förslag till beslut".

Written in the app for one report (round, receiving body, scope), saved as a draft as often as needed with
history kept, and taken into the report when it is assembled, so freezing freezes them with the rest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords


class AnnualReportText(models.Model):
    round = models.ForeignKey(
        "reporting.FollowUpRound",
        on_delete=models.CASCADE,
        related_name="annual_report_texts",
        verbose_name=gettext_lazy("uppföljningsomgång"),
    )
    decision_body = models.ForeignKey(
        "governance.DecisionBody",
        on_delete=models.PROTECT,
        related_name="annual_report_texts",
        verbose_name=gettext_lazy("mottagare"),
    )
    whole_plan = models.BooleanField(gettext_lazy("hela planen"), default=False)
    analysis = models.TextField(gettext_lazy("sammanfattande analys"), blank=True)
    proposals = models.TextField(gettext_lazy("förslag till beslut"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(gettext_lazy("senast ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("ändrad av"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("processledarens text i årsrapporten")
        verbose_name_plural = gettext_lazy("processledarens texter i årsrapporterna")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "decision_body", "whole_plan"], name="annual_report_text_unique_report"
            )
        ]

    def __str__(self):
        return f"{self.round} – {self.decision_body}"

    @classmethod
    def for_report(cls, *, round, decision_body, whole_plan: bool) -> "AnnualReportText":
        """The saved text, or an unsaved empty one."""
        key = {"round": round, "decision_body": decision_body, "whole_plan": whole_plan}
        return cls.of_report(**key).first() or cls.blank(**key)

    @classmethod
    def of_report(cls, *, round, decision_body, whole_plan: bool):
        """The saved text of a report, as a queryset (one row or none)."""
        return cls.objects.filter(round=round, decision_body=decision_body, whole_plan=whole_plan)

    @classmethod
    def blank(cls, *, round, decision_body, whole_plan: bool) -> "AnnualReportText":
        """The unsaved empty text of a report that has none yet."""
        return cls(round=round, decision_body=decision_body, whole_plan=whole_plan, version=0)

    def sections(self) -> list[dict]:
        """The report's sections in order; one without text is left out."""
        sections = [
            {"key": "analysis", "heading": _("Sammanfattande analys"), "text": self.analysis.strip()},
            {"key": "proposals", "heading": _("Förslag till beslut"), "text": self.proposals.strip()},
        ]
        return [section for section in sections if section["text"]]
