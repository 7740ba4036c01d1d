"""The one place that decides whether the system palette is dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window's base colour is dark (pick the dark variant of our colours)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


# Every colour of the UI is here, as a (light palette, dark palette) pair. Text colours read at
# least 4.5:1 against the base and against the backgrounds they are drawn on (TEXT_ON); names
# ending in _BACKGROUND are backgrounds, in _MARK shapes that mean something (3:1 against the base).
Pair = tuple[str, str]
LINK: Pair = ("#1d5fbf", "#7fb2ff")
BROKEN_REFERENCE: Pair = ("#b42318", "#ff8a80")
CROSS_REFERENCE: Pair = ("#6b3fa0", "#c9a7ff")
MARKUP: Pair = ("#6b7280", "#9aa4b2")  # list marks and table embeds in the editor
FILLED: Pair = ("#1f7a4d", "#7ad7a5")  # also "all is well" (a passed check, a library clause in use)
FILLED_BACKGROUND: Pair = ("#e6f4ec", "#1f3a2d")
UNFILLED: Pair = ("#9a4b00", "#ffb86b")  # also warnings and material changes
UNFILLED_BACKGROUND: Pair = ("#fff1dc", "#4a3418")
ERROR: Pair = BROKEN_REFERENCE
WARNING: Pair = ("#b54708", "#ffb86b")  # a panel's problem count and the cell it points at
QUIET: Pair = ("#5f6873", "#9aa4b2")  # editorial versions and secondary marks in the history
DRAFT_TEXT: Pair = ("#2e7d32", "#6fcf7f")  # the draft in the history (its tag and bar)
BAD_CELL_BACKGROUND: Pair = ("#fde4e1", "#5a2a24")  # a table cell that blocks publishing
TABLE_RULE: Pair = ("#c8ccd2", "#4a4f57")  # table rules in the previews (a _RULE decorates: no contrast asked)
TABLE_HEAD_BACKGROUND: Pair = ("#eef1f5", "#2b3038")
COMMENT_BACKGROUND: Pair = ("#fff6d5", "#3d3520")  # a reviewer's comment in a Word review
PROBLEM_MARK: Pair = ("#c25e00", "#c25e00")  # the outline's "!" triangle (a white mark inside)
CHANGED_MARK: Pair = ("#1d5fbf", "#3572d6")  # the outline's "changed" dot (a white ring inside)
MARK_GLYPH: Pair = ("#ffffff", "#ffffff")  # what is drawn inside those two marks (GLYPH_ON)
# Compare: removed and added words, and the side bar's colour for each kind of change.
REMOVED: Pair = ("#8a1414", "#ffb3b3")
REMOVED_BACKGROUND: Pair = ("#fde2e1", "#5a1d1d")
ADDED: Pair = ("#0b5a1f", "#b6f2c4")
ADDED_BACKGROUND: Pair = ("#d7f5dd", "#1d4a2a")
COMPARE_QUIET: Pair = QUIET
COMPARE_GAP_BACKGROUND: Pair = ("#f1f2f4", "#2a2d33")
MODIFIED_MARK: Pair = ("#b07d00", "#e0b341")
ADDED_MARK: Pair = DRAFT_TEXT
REMOVED_MARK: Pair = ("#c62828", "#ff8a80")
MOVED_MARK: Pair = ("#1565c0", "#82b1ff")
OTHER_MARK: Pair = CROSS_REFERENCE
# Text on something other than the base: (text, the background it is drawn on).
TEXT_ON: tuple[tuple[Pair, Pair], ...] = (
    (UNFILLED, UNFILLED_BACKGROUND),
    (FILLED, FILLED_BACKGROUND),
    (REMOVED, REMOVED_BACKGROUND),
    (ADDED, ADDED_BACKGROUND),
    (LINK, TABLE_HEAD_BACKGROUND),
)
# Shapes drawn inside a mark: (glyph, the mark), 3:1.
GLYPH_ON: tuple[tuple[Pair, Pair], ...] = ((MARK_GLYPH, PROBLEM_MARK), (MARK_GLYPH, CHANGED_MARK))
ON_DARK, ON_LIGHT = "#ffffff", "#111111"  # text on a coloured badge, whichever reads


def themed(pair: Pair, palette: QPalette | None = None) -> QColor:
    """The variant of one of our colours that reads on this palette."""
    return QColor(themed_name(pair, palette))


def themed_name(pair: Pair, palette: QPalette | None = None) -> str:
    """`themed` as a style sheet or HTML colour ("#rrggbb")."""
    return pair[1] if is_dark(palette) else pair[0]


def text_on(colour: QColor) -> QColor:
    """White or near-black, whichever reads better on `colour` (a badge's or a mark's fill)."""
    return max((QColor(ON_DARK), QColor(ON_LIGHT)), key=lambda text: contrast_ratio(text, colour))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours, 1 to 21 (4.5 for text, 3 for shapes that mean something)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = channel(colour.redF()), channel(colour.greenF()), channel(colour.blueF())
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _towards_base(palette: QPalette | None, share: float) -> QColor:
    """The palette's text colour with `share` of it kept and the rest taken from the base colour."""
    palette = palette or QApplication.palette()
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)

    def mix(t: int, b: int) -> int:
        return round(t * share + b * (1 - share))

    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue()))


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: the text colour moved towards the background (readable in light and dark)."""
    return _towards_base(palette, 0.6)


def indicator_frame_color(palette: QPalette | None = None) -> QColor:
    """The frame round check boxes and radio buttons: close to the text colour, so it shows on any palette."""
    return _towards_base(palette, 0.8)
