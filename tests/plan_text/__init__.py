"""The plan's own text (seed 001, extracted from the adopted PDF), read independently of the fixtures.

Tests assert facts about the plan from this text, so a fixture that drifts from the plan fails.
"""

import re
from functools import cache
from pathlib import Path

PLAN_TEXT = Path(__file__).with_name("handlingsplan_001.txt")

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


# One office as the Ansvar column writes it: the full name (with its short form in brackets) or the short form.
OFFICE_MENTIONS = [
    ("KSON", r"Kommunalförbundet sjukvård och omsorg i Norrtälje \(Kommunalförbundet\)|Kommunalförbundet(?: \(KSON\))?|KSON"),
    ("KSK", r"Kommunstyrl?sekontoret(?: \(KSK\))?|KSK"),  # the plan misspells it
    ("SoC", r"Socialkontoret(?: \(SoC\))?|SoC"),
    ("BoU", r"Barn och utbildningskontoret(?: \(BoU\))?|BoU"),
    ("KoF", r"Kultur- och fritidsförvaltningen(?: \(KoF\))?|KoF"),
    ("ToS", r"Trygghets- och säkerhetskontoret(?: \(ToS\))?|ToS"),
]
MENTION = re.compile("|".join(f"(?P<{abbreviation}>{pattern})" for abbreviation, pattern in OFFICE_MENTIONS))
# What the PDF puts after a row's last cell: the next table's header, a section heading, a closing note.
AFTER_ROW = re.compile(
    r" (?:Åtgärdsbehov Aktivitet Resultat Ansvar|2\.\d [A-ZÅÄÖ]|Avslutade processer|Inom dessa områden)"
)
ANY_OFFICE = "|".join(f"(?:{pattern})" for _, pattern in OFFICE_MENTIONS)
ANSVAR_COLUMN = re.compile(rf"(?: (?:{ANY_OFFICE}))+$")


def row_text(code: str) -> str:
    """A measure's table row without what the PDF runs on after it."""
    block = measure_blocks()[code]
    end = AFTER_ROW.search(block, len(code))
    return block[: end.start()] if end else block


def ansvar_column(code: str) -> str:
    """The row's last cell: the run of office names it ends with."""
    column = ANSVAR_COLUMN.search(row_text(code))
    return column.group(0).strip() if column else ""


def responsible_offices(code: str) -> list[str]:
    """The offices in a measure's Ansvar column, in the order the plan lists them (the first has the main
    responsibility). Offices named elsewhere in the row (an activity done with KSON) do not count."""
    ordered = []
    for match in MENTION.finditer(ansvar_column(code)):
        if match.lastgroup not in ordered:
            ordered.append(match.lastgroup)
    return ordered


@cache
def target_area_names() -> list[str]:
    """Section 1.4: folkhälsopolitikens åtta målområden, numbered 1–8."""
    section = raw_text().split("1.4 Målområde", 1)[1].split("2. Åtgärdsbehov", 1)[0]
    return [name.strip() for _, name in re.findall(r"^(\d)\. (.+)$", section, re.MULTILINE)]
