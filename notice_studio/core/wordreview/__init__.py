"""The Word review round trip: send the draft as .docx, read a reviewed copy back as proposed
changes per clause, and make the accepted ones ordinary edits recorded under the reviewer's name.
Qt-free; the app and the command line call `send_for_review`, `read_review` and `apply_review`."""

from notice_studio.core.wordreview.review import (
    AppliedReview,
    NotFromThisNoticeError,
    SentReview,
    WordReview,
    apply_review,
    read_review,
    reviewed_notice,
    send_for_review,
)

__all__ = [
    "AppliedReview",
    "NotFromThisNoticeError",
    "SentReview",
    "WordReview",
    "apply_review",
    "read_review",
    "reviewed_notice",
    "send_for_review",
]
