"""The PDF writer's shortcuts change nothing but time (the PDF's bytes are compared in test_annual_report_files)."""

import gc

import pydyf

from reporting import pdf_speedups


def test_kept_page_references_follow_every_added_page():
    pdf_speedups.install()
    pdf = pydyf.PDF()
    original = pdf_speedups._ORIGINAL_PAGE_REFERENCES.fget
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == original(pdf)
    assert len(pdf.page_references) == 3


def test_the_collector_runs_again_after_a_pdf_even_when_the_pdf_fails():
    assert gc.isenabled()
    try:
        with pdf_speedups.collector_paused():
            assert not gc.isenabled()
            raise ValueError("layout failed")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    try:
        with pdf_speedups.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
