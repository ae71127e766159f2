import datetime

from governance.models import DecisionBody, SteeringGroup
from measures.models import Measure
from reporting.annual_report import assemble
from reporting.models import Decision, Meeting, StimulusAllocation, StimulusFundYear
from tests.factories import annual_round, copy_plan, submit_all_fast

# organisation of the body, measures, responsibilities + offices, activities, expected results,
# intervention levels, previous annual round, reports + offices, meetings, agenda items, decisions,
# decisions' measures, stimulus fund year, allocations, the process leader's texts and the outcome indicators
# (none here: see test_annual_report_indicators.py)
ASSEMBLY_QUERIES = 16


def year_with_everything(plan):
    """A round with submitted reports, a meeting with a decision and allocated funds."""
    round = annual_round(plan, 2022)
    submit_all_fast(round)
    group, _ = SteeringGroup.objects.get_or_create(plan=plan)
    meeting = Meeting.objects.create(steering_group=group, date=datetime.date(2022, 5, 1))
    meeting.agenda_items.create(title="Lägesrapporter")
    decision = Decision.objects.create(meeting=meeting, number="1", text="Beslut")
    decision.measures.set(Measure.objects.filter(plan=plan)[:3])
    fund_year = StimulusFundYear.objects.create(plan=plan, year=2022, amount_available=100000)
    for m in Measure.objects.filter(plan=plan)[:5]:
        StimulusAllocation.objects.create(fund_year=fund_year, measure=m, purpose="Stöd", amount=1000)
    return round


def test_assembly_query_count_is_the_same_for_25_and_250_measures(plan, django_assert_max_num_queries):
    large = copy_plan(plan, copies=10, slug="tio-ganger-storre")
    sizes = []
    for each in (plan, large):
        round = year_with_everything(each)
        body = DecisionBody.objects.get(slug="direktionen")  # organisation not loaded: counted below
        with django_assert_max_num_queries(ASSEMBLY_QUERIES):
            content = assemble(plan=each, round=round, decision_body=body, whole_plan=True)
        sizes.append(content["summary"]["measure_count"])
    assert sizes == [25, 250]
