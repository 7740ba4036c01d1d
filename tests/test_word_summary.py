"""'3 words changed in 1 paragraph': the summary under a two-text comparison."""

from notice_studio.core.diff.word_summary import change_summary, paragraphs_changed, words_changed
from notice_studio.core.diff.words import diff_words

OURS = "We keep your account details for 30 days.\n\nYou may ask us for a copy at any time."


def test_one_word_replaced_in_one_paragraph() -> None:
    ops = diff_words(OURS, OURS.replace("30 days", "45 days"))
    assert words_changed(ops) == 1
    assert paragraphs_changed(ops) == 1
    assert change_summary(ops) == "1 word changed in 1 paragraph."


def test_words_added_and_replaced_in_two_paragraphs() -> None:
    theirs = "We keep your account details for 90 days.\n\nYou may ask us by post for a copy at any time."
    ops = diff_words(OURS, theirs)
    assert words_changed(ops) == 3  # "30" -> "90", then "by post" added (two words)
    assert paragraphs_changed(ops) == 2
    assert change_summary(ops) == "3 words changed in 2 paragraphs."


def test_a_removed_paragraph_counts_once() -> None:
    ops = diff_words(OURS + "\n\nWe never sell it.", OURS)
    assert words_changed(ops) == 4
    assert paragraphs_changed(ops) == 1


def test_same_text_and_spacing_only() -> None:
    assert change_summary(diff_words(OURS, OURS)) == "No differences: the two texts are the same."
    assert change_summary(diff_words(OURS, OURS.replace("days.", "days!"))) == (
        "Only punctuation or spacing differs, in 1 paragraph."
    )
