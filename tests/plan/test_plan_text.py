"""The plan's text is read cell by cell: responsible offices come from the Ansvar column only."""

from tests.plan_text import ansvar_column, responsible_offices, row_text


def test_an_office_named_in_a_result_is_not_read_as_responsible():
    # 2.3.2's result says "Att KSON kan skriva avtal ..."; its Ansvar column says Kommunalförbundet.
    assert "KSON kan skriva avtal" in row_text("2.3.2")
    assert ansvar_column("2.3.2") == "Kommunalförbundet"
    assert "KSON" not in ansvar_column("2.3.2")


def test_the_ansvar_column_keeps_the_plans_order_and_full_names():
    assert ansvar_column("2.1.1") == "Kommunalförbundet sjukvård och omsorg i Norrtälje (Kommunalförbundet)"
    assert responsible_offices("2.2.4") == ["BoU", "KSON", "SoC", "KoF", "KSK"]


def test_what_the_pdf_runs_on_after_a_row_is_not_part_of_it():
    assert row_text("2.2.5").endswith("KSK KoF")
    assert row_text("2.4.2").endswith("KSK")
