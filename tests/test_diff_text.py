"""The command line's word-diff text keeps the spaces around marked words."""

from notice_studio.cli.diff_cmd import word_diff_text
from notice_studio.core.diff.words import diff_words


def test_marks_keep_surrounding_spaces_when_context_is_trimmed() -> None:
    old = (
        "When you close your account we delete it, but we keep encrypted backups of your account "
        "information for up to 35 days until they are overwritten by newer copies of the same data, "
        "which happens automatically every night on our servers in the European Union."
    )
    new = old.replace("35", "90")
    text = word_diff_text(diff_words(old, new))
    assert "up to [-35-]{+90+} days" in text
    assert text.startswith("...") and "overwritten" in text


def test_short_context_is_kept_whole() -> None:
    assert word_diff_text(diff_words("keep it for 30 days", "keep it for 45 days")) == "keep it for [-30-]{+45+} days"
