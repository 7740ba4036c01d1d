"""Every UI colour lives in ui/palette.py as a light/dark pair, and its text colours read on both."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from ui_support import contrast

import notice_studio.ui
from notice_studio.ui import palette

UI = Path(notice_studio.ui.__file__).parent
HEX = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b")
NAMED = re.compile(r"\b(?:color|background(?:-color)?)\s*:\s*([a-zA-Z]+)\b")
LITERAL_QCOLOR = re.compile(r"QColor\(\s*(?:\d|['\"])")
# The base each palette's text is drawn on: Fusion's light one and a common dark one.
BASES = {"light": QColor("#ffffff"), "dark": QColor("#1e1e1e")}


def _colours_in(path: Path) -> list[str]:
    """Colour literals in the code of `path` (its strings and calls), with their line numbers."""
    found = []
    name = path.relative_to(UI) if path.is_relative_to(UI) else path.name
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING:
            continue
        words = [m.group(0) for m in HEX.finditer(token.string)]
        words += [m.group(0) for m in NAMED.finditer(token.string) if QColor.isValidColorName(m.group(1))]
        found += [f"{name}:{token.start[0]}: {word}" for word in words]
    for number, line in enumerate(source.splitlines(), 1):
        if LITERAL_QCOLOR.search(line):
            found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_colour_is_written_outside_the_palette() -> None:
    files = [p for p in sorted(UI.rglob("*.py")) if p != UI / "palette.py"]
    assert len(files) > 50
    assert [hit for path in files for hit in _colours_in(path)] == []


def test_muted_text_has_one_colour_and_it_reads_on_both_bases() -> None:
    # Three panels had each mixed their own 'muted' colour (one of them the palette's placeholder
    # text, 3:1 on some themes); every panel now takes palette.muted_color.
    own = [
        f"{path.relative_to(UI)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path != UI / "palette.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s*def muted_colou?r\b", line)
    ]
    assert own == []
    from PySide6.QtGui import QPalette

    for mode, base in BASES.items():
        text = QColor("#000000") if mode == "light" else QColor("#f0f0f0")
        theme = QPalette()
        theme.setColor(QPalette.ColorRole.Text, text)
        theme.setColor(QPalette.ColorRole.Base, base)
        assert contrast(palette.muted_color(theme), base) >= 4.5, mode


def test_the_scan_finds_each_kind_of_colour_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = QColor("#1d5fbf")\nb = "color: gray; border: 1px"\nc = QColor(12, 34, 56)\n'
        'd = f"<s style=\'background:#fff\'>"\ne = "color: {muted}"  # issue #123 is no colour\n',
        encoding="utf-8",
    )
    found = _colours_in(sample)
    assert [hit.partition(": ")[2] for hit in found if ":1:" in hit] == ["#1d5fbf", 'a = QColor("#1d5fbf")']
    assert any(hit.endswith(": color: gray") for hit in found)
    assert any(hit.endswith("c = QColor(12, 34, 56)") for hit in found)
    assert any(hit.endswith("#fff") for hit in found)
    assert not [hit for hit in found if ":5:" in hit]


def _pairs() -> dict[str, palette.Pair]:
    return {
        name: value
        for name, value in vars(palette).items()
        if name.isupper() and isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)
    }


def test_every_colour_is_a_light_and_dark_pair_of_real_colours() -> None:
    pairs = _pairs()
    assert len(pairs) > 20
    assert {name: pair for name, pair in pairs.items() if not all(QColor(v).isValid() for v in pair)} == {}


@pytest.mark.parametrize("mode", list(BASES))
def test_text_colours_read_on_the_base_and_on_their_backgrounds(mode: str) -> None:
    side = 0 if mode == "light" else 1
    weak = {}
    for name, pair in _pairs().items():
        if name.endswith(("_BACKGROUND", "_RULE", "_GLYPH")):
            continue
        need = 3.0 if name.endswith("_MARK") else 4.5  # shapes that mean something: 3:1 (WCAG 1.4.11)
        ratio = contrast(QColor(pair[side]), BASES[mode])
        if ratio < need:
            weak[name] = round(ratio, 2)
    for text, background in palette.TEXT_ON:
        ratio = contrast(QColor(text[side]), QColor(background[side]))
        if ratio < 4.5:
            weak[f"{text[side]} on {background[side]}"] = round(ratio, 2)
    for glyph, mark in palette.GLYPH_ON:
        ratio = contrast(QColor(glyph[side]), QColor(mark[side]))
        if ratio < 3.0:
            weak[f"{glyph[side]} inside {mark[side]}"] = round(ratio, 2)
    assert weak == {}


def test_the_contrast_formula_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


def test_a_badge_takes_the_text_colour_that_reads_on_it() -> None:
    for fill in {v for pair in _pairs().values() for v in pair if not pair[0].startswith("#fff")}:
        assert contrast(palette.text_on(QColor(fill)), QColor(fill)) >= 3.0, fill
