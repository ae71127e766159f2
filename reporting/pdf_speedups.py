"""Work WeasyPrint and pydyf repeat when they write a long tagged PDF, done once instead.

The bytes of the PDF stay exactly the same; only the time changes.
"""

import contextlib
import gc
import threading

import pydyf

_ORIGINAL_PAGE_REFERENCES = pydyf.PDF.page_references


def _page_references(pdf):
    """pydyf rebuilds the list of page references ("12 0 R", …) each time it is asked for one, and
    WeasyPrint asks once per tagged element of a PDF/UA file (a structure element names its page): time
    that grows with pages × elements, about 5 % of the real plan's PDF and 11 % of a plan ten times its
    size. The list is kept until a page is added."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_tillsammans_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), _ORIGINAL_PAGE_REFERENCES.fget(pdf))
        pdf.__dict__["_tillsammans_page_references"] = cached
    return cached[1]


def install() -> None:
    """Idempotent; called before the first PDF is written."""
    if isinstance(_ORIGINAL_PAGE_REFERENCES, property):
        pydyf.PDF.page_references = property(_page_references)


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector paused while a PDF is laid out and written.

    WeasyPrint makes hundreds of thousands of small objects that live until the PDF is written, and the
    collector walks all of them again and again while the report is built: about a tenth of the time.
    Most of them are still in use until the PDF is written; what became garbage meanwhile is collected
    when the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_per_thread = threading.local()


def font_config():
    """One WeasyPrint font configuration per thread, kept between PDFs.

    A new one per PDF starts Pango with empty font caches, so every glyph of DejaVu Sans is looked up and
    measured again. The report declares no @font-face, so nothing in it depends on the document; one per
    thread because Pango's font map is not safe to share between threads."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_per_thread, "font_config", None) is None:
        _per_thread.font_config = FontConfiguration()
    return _per_thread.font_config
