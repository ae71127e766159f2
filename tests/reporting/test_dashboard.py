"""The steering group's dashboard: the numbers match the reports, and every number leads to its list."""

import datetime
import html
import re

import pytest

from measures.status import NOT_REPORTED, MeasureStatus, TrafficLight
from reporting.dashboard import build_dashboard
from tests.factories import annual_round, build_plan, submit
from tests.reporting.conftest import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_rounds(plan):
    """2023: two lead reports in progress. 2024: 2.1.1 done (green), 2.1.2 still in progress (red)."""
    earlier = annual_round(plan, 2023)
    submit(earlier, "2.1.1", MeasureStatus.IN_PROGRESS, TrafficLight.GREEN)
    submit(earlier, "2.1.2", MeasureStatus.IN_PROGRESS, TrafficLight.YELLOW)
    latest = annual_round(plan, 2024, deadline=datetime.date(2025, 1, 31))
    submit(latest, "2.1.1", MeasureStatus.DONE, TrafficLight.GREEN)
    submit(latest, "2.1.2", MeasureStatus.IN_PROGRESS, TrafficLight.RED, days_after_deadline=5)
    return earlier, latest


def cells_by_key(breakdown, row=0):
    return {s.key: cell.count for s, cell in zip(breakdown.series, breakdown.rows[row].cells, strict=True)}


def test_dashboard_shows_the_latest_round_by_default(client_for, plan, two_rounds):
    response = client_for("styrgrupp").get(f"/planer/{plan.slug}/oversikt/")
    assert response.status_code == 200
    assert response.context["dashboard"].round == two_rounds[1]
    assert response.context["dashboard"].previous == two_rounds[0]


def test_status_counts_follow_the_lead_offices_submitted_reports(plan, two_rounds):
    dashboard = build_dashboard(plan)
    counts = cells_by_key(dashboard.status_overall)
    assert counts[MeasureStatus.DONE] == 1
    assert counts[MeasureStatus.IN_PROGRESS] == 1
    assert counts[NOT_REPORTED] == plan.measures.count() - 2
    assert dashboard.measure_count.count == plan.measures.count()


def test_traffic_light_counts_follow_the_reports(plan, two_rounds):
    counts = cells_by_key(build_dashboard(plan).light_overall)
    assert counts[TrafficLight.GREEN] == 1
    assert counts[TrafficLight.RED] == 1
    assert counts[TrafficLight.YELLOW] == 0


def test_an_earlier_round_can_be_chosen(client_for, plan, two_rounds):
    earlier = two_rounds[0]
    response = client_for("styrgrupp").get(f"/planer/{plan.slug}/oversikt/?omgang={earlier.pk}")
    dashboard = response.context["dashboard"]
    assert dashboard.round == earlier
    assert cells_by_key(dashboard.status_overall)[MeasureStatus.IN_PROGRESS] == 2


def test_a_round_that_does_not_exist_gets_a_swedish_error_not_a_500(client_for, plan, two_rounds):
    response = client_for("styrgrupp").get(f"/planer/{plan.slug}/oversikt/?omgang=skräp")
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert response.context["dashboard"].round == two_rounds[1]


def test_measures_that_changed_status_since_the_previous_round_are_listed(plan, two_rounds):
    dashboard = build_dashboard(plan)
    assert dashboard.changed_count.count == 1
    assert [line.code for line in dashboard.changed] == ["2.1.1"]
    assert dashboard.changed[0].detail == "Pågår → Klar"


def test_red_and_yellow_measures_are_listed_red_first(plan, two_rounds):
    dashboard = build_dashboard(plan)
    assert [(line.code, line.light) for line in dashboard.attention] == [("2.1.2", "red")]
    assert dashboard.attention_count == 1


def test_late_reports_include_one_submitted_after_the_deadline(plan, two_rounds):
    dashboard = build_dashboard(plan, today=datetime.date(2025, 1, 15))
    assert dashboard.late_count == 1
    assert dashboard.late_reports[0].code == "2.1.2"


def test_after_the_deadline_every_report_not_submitted_is_late(plan, two_rounds):
    latest = two_rounds[1]
    dashboard = build_dashboard(plan, today=datetime.date(2025, 2, 1))
    assert dashboard.late_count == latest.reports.count() - 1


def test_offices_that_have_not_reported_are_named_with_what_is_missing(plan, two_rounds):
    latest = two_rounds[1]
    dashboard = build_dashboard(plan)
    missing = {row.office.abbreviation: row.outstanding.count for row in dashboard.offices_not_done}
    expected = {}
    for report in latest.reports.exclude(state="submitted").select_related("office"):
        expected[report.office.abbreviation] = expected.get(report.office.abbreviation, 0) + 1
    assert missing == expected


def test_lead_and_shared_responsibility_are_counted_apart(plan, two_rounds):
    latest = two_rounds[1]
    dashboard = build_dashboard(plan)
    lead, shared = dashboard.by_office[0], dashboard.by_office[1]
    soc = "Socialkontoret (SoC)"
    lead_total = next(row.total.count for row in lead.rows if row.label == soc)
    shared_total = next(row.total.count for row in shared.rows if row.label == soc)
    assert lead_total == latest.reports.filter(office__abbreviation="SoC", is_lead=True).count()
    assert shared_total == latest.reports.filter(office__abbreviation="SoC", is_lead=False).count()


def test_matrix_counts_each_offices_measures_per_target_area(plan, two_rounds):
    dashboard = build_dashboard(plan)
    column = [office.abbreviation for office in dashboard.matrix_offices].index("BoU")
    total = sum(cells[column][0].count + cells[column][1].count for _, cells in dashboard.matrix_rows)
    assert total == two_rounds[1].reports.filter(office__abbreviation="BoU").count()


def test_progress_shows_each_target_area_across_the_rounds_oldest_first(plan, two_rounds):
    dashboard = build_dashboard(plan)
    area_two = next(b for b in dashboard.progress if b.slug == "utveckling-2")
    assert [row.label for row in area_two.rows] == ["Årsuppföljning 2023", "Årsuppföljning 2024"]
    assert area_two.chart.svg.startswith("<svg")


def test_every_number_links_to_a_list_with_that_many_measures(client_for, db):
    big = build_plan(25, slug="lankplan")
    dashboard = build_dashboard(big)
    client = client_for("styrgrupp")
    cells = [dashboard.measure_count]
    for breakdown in [
        dashboard.status_overall,
        dashboard.light_overall,
        *dashboard.by_area,
        *dashboard.by_office,
    ]:
        for row in breakdown.rows:
            cells += [*row.cells, row.total]
    for _, pairs in dashboard.matrix_rows:
        cells += [cell for pair in pairs for cell in pair]
    for row in dashboard.office_progress:
        cells += [row.submitted, row.outstanding, row.late]
    cells += [dashboard.changed_count]
    for breakdown in dashboard.progress:
        for row in breakdown.rows:
            cells += row.cells
    linked = [cell for cell in cells if cell.count]
    assert len(linked) > 100
    assert all(cell.url for cell in linked)
    # Several numbers link to the same list (a total and its only non-zero cell): each list is asked for
    # once and must hold the count of every number that links to it.
    counts_by_url = {}
    for cell in linked:
        counts_by_url.setdefault(cell.url, set()).add(cell.count)
    for url, counts in counts_by_url.items():
        response = client.get(url)
        assert response.status_code == 200
        assert not response.context["form"].errors, url
        assert {response.context["page"].paginator.count} == counts, url


def test_without_any_round_the_dashboard_shows_the_current_status(client_for, plan):
    response = client_for("styrgrupp").get(f"/planer/{plan.slug}/oversikt/")
    dashboard = response.context["dashboard"]
    assert dashboard.round is None
    assert sum(cell.count for cell in dashboard.status_overall.rows[0].cells) == plan.measures.count()
    assert "Ingen uppföljningsomgång har öppnats ännu" in response.content.decode()


def test_reporters_can_read_the_dashboard(client_for, plan, two_rounds):
    assert client_for("rapportor.soc").get(f"/planer/{plan.slug}/oversikt/").status_code == 200


def chart_numbers(section: str) -> dict[tuple[str, str], int]:
    """{(row, series): count} as the chart draws them: one titled bar segment per non-zero count."""
    svg = section.split("<svg", 1)[1].split("</svg>", 1)[0]
    segments = re.findall(r"<title>([^<]*): ([^<]*) (\d+)</title></rect>", svg)
    return {(html.unescape(row), html.unescape(series)): int(n) for row, series, n in segments}


def table_numbers(section: str) -> dict[tuple[str, str], int]:
    """{(row, series): count} as the table next to the chart gives them, leaving out zeros and totals."""
    table = section.split("<table>", 1)[1]
    series = [html.unescape(s) for s in re.findall(r'<th scope="col" class="num">([^<]*)</th>', table)][:-1]
    numbers = {}
    for row, cells in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table, re.DOTALL):
        counts = [
            int(re.sub(r"<[^>]+>", "", cell).strip())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.DOTALL)
        ]
        assert len(counts) == len(series) + 1 and sum(counts[:-1]) == counts[-1]
        numbers.update({(html.unescape(row), s): n for s, n in zip(series, counts, strict=False) if n})
    return numbers


def test_charts_come_with_a_table_of_the_same_numbers(client_for, plan, two_rounds):
    page = client_for("styrgrupp").get(f"/planer/{plan.slug}/oversikt/").content.decode()
    sections = page.split('<section class="breakdown"')[1:]
    assert len(sections) == page.count("<svg") == page.count("samma siffror som tabell") > 0
    for section in sections:
        title = section.split("</h3>", 1)[0].rsplit(">", 1)[1]
        drawn = chart_numbers(section.split("</section>", 1)[0])
        assert drawn, title
        assert drawn == table_numbers(section.split("</section>", 1)[0]), title
    assert "https://" not in page.split("<main")[1]


def test_steering_group_members_and_the_process_leader_start_at_the_dashboard(client_for, plan):
    for username in ("styrgrupp", "processledare"):
        assert client_for(username).get("/").url == f"/planer/{plan.slug}/oversikt/"


def test_reporters_start_at_their_measures(client_for, plan):
    assert client_for("rapportor.soc").get("/").url == "/mina-atgarder/"


def key_figure_link(page, label):
    match = re.search(r'<span class="big"><a href="([^"]+)">(\d+)</a>\s*</span>\s*' + label, page)
    assert match, f"no link on {label!r}"
    return html.unescape(match.group(1)), int(match.group(2))


def listed_codes(client, url):
    return {row["measure"].code for row in client.get(url).context["rows"]}


def test_the_three_key_figures_link_to_the_measure_list_filtered_to_what_they_count(client_for, plan, two_rounds):
    latest = two_rounds[1]
    client = client_for("styrgrupp")
    with freeze_today(datetime.date(2026, 12, 1)):
        page = client.get(f"/planer/{plan.slug}/oversikt/").content.decode()
        attention, attention_count = key_figure_link(page, "med rött eller gult ljus")
        late, _ = key_figure_link(page, "sena rapporter")
        not_done, office_count = key_figure_link(page, "verksamheter har inte rapporterat klart")
        for url in (attention, late, not_done):
            assert url.startswith(f"/planer/{plan.slug}/atgarder/?") and f"omgang={latest.pk}" in url
        reports = list(latest.reports.select_related("measure", "office", "round"))
        assert listed_codes(client, attention) == {"2.1.2"} and attention_count == 1
        assert listed_codes(client, late) == {r.measure.code for r in reports if r.is_late}
        outstanding = [r for r in reports if not r.is_submitted]
        assert listed_codes(client, not_done) == {r.measure.code for r in outstanding}
        assert office_count == len({r.office_id for r in outstanding})
