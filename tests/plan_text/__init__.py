"""The plan's own text (seed 001, extracted from the adopted PDF), read independently of the fixtures.

Tests assert facts about the plan from this text, so a fixture that drifts from the plan fails.
"""

import re
from functools import cache
from pathlib import Path

PLAN_TEXT = Path(__file__).with_name("handlingsplan_001.txt")

# How each office is written in the plan's "Ansvar" column, after hyphenation is undone.
OFFICE_SPELLINGS = [
    ("KSON", r"Kommunalförbundet|KSON"),
    ("KSK", r"\bKSK\b|Kommunstyrlsekontoret"),
    ("SoC", r"\bSoC\b|Socialkontoret"),
    ("BoU", r"\bBoU\b|Barn och utbildningskontoret"),
    ("KoF", r"\bKoF\b|Kultur- och fritidsförvaltningen"),
    ("ToS", r"\bToS\b"),
]
CODE_AT_LINE_START = re.compile(r"^(2\.\d\.\d) ", re.MULTILINE)


def normalise(text: str) -> str:
    """Undo the PDF's line-break hyphenation and fold white space."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def raw_text() -> str:
    return PLAN_TEXT.read_text(encoding="utf-8")


@cache
def normalised_text() -> str:
    return normalise(raw_text())


@cache
def measure_blocks() -> dict[str, str]:
    """Each measure's table row: from its code to the next code, normalised."""
    text = raw_text()
    starts = list(CODE_AT_LINE_START.finditer(text))
    blocks = {}
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else text.index(" 3. Genomförande")
        blocks[match.group(1)] = normalise(text[match.start() : end])
    return blocks


def responsible_offices(code: str) -> list[str]:
    """The offices named in a measure's row, in the order the plan lists them."""
    block = measure_blocks()[code]
    found = []
    for abbreviation, pattern in OFFICE_SPELLINGS:
        for match in re.finditer(pattern, block):
            found.append((match.start(), abbreviation))
    ordered = []
    for _, abbreviation in sorted(found):
        if abbreviation not in ordered:
            ordered.append(abbreviation)
    return ordered


@cache
def target_area_names() -> list[str]:
    """Section 1.4: folkhälsopolitikens åtta målområden, numbered 1–8."""
    section = raw_text().split("1.4 Målområde", 1)[1].split("2. Åtgärdsbehov", 1)[0]
    return [name.strip() for _, name in re.findall(r"^(\d)\. (.+)$", section, re.MULTILINE)]
