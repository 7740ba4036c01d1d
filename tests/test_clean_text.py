"""clean_text (render/markdown.py) on long text: one pass, and no copy of text that is clean."""

from __future__ import annotations

from notice_studio.core.render.markdown import clean_text

DROPPED = {*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F}
DROPPED |= {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB}


def test_clean_long_text_comes_back_as_it_is_without_a_copy() -> None:
    text = "Les données de commande sont gardées deux ans — puis effacées.\n\n" * 20000
    assert clean_text(text) is text
    ascii_text = "We keep order data for two years.\tThen we delete it.\r\n" * 20000
    assert clean_text(ascii_text) is ascii_text


def test_every_invisible_control_goes_and_line_separators_become_line_breaks() -> None:
    for code in range(0x3000):
        ch = chr(code)
        expected = "" if code in DROPPED else {"\u2028": "\n", "\u2029": "\n\n"}.get(ch, ch)
        assert clean_text(f"a{ch}b") == f"a{expected}b", hex(code)
    for code in (0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB, 0xFFFC):
        assert clean_text(chr(code)) == ("" if code in DROPPED else chr(code))
    text = "Email\u202e us\u2028at the desk\u2029today\x00.\u200f"
    assert clean_text(text) == "Email us\nat the desk\n\ntoday."
