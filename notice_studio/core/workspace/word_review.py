"""The Word review round trip on the open notice, as Workspace methods.

The command line (`review-send`, `review-import`) and the app (File > Send for review in Word,
Import reviewed Word file) call these and nothing else, so which draft is sent, whose name a
copy carries, which proposal ids may be accepted and how accepted changes are saved are decided
once. The work is in `core.wordreview`; nothing here touches the window.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from notice_studio.core.notice.model import NoticeError

if TYPE_CHECKING:
    from notice_studio.core.notice.store import Author, NoticeRepo
    from notice_studio.core.wordreview import AppliedReview, SentReview, WordReview


class WordReviewWork:
    """The Word review actions of a Workspace (mixed into it; uses its store and author)."""

    repo: NoticeRepo
    author: Author

    def send_for_review(self, out: str | Path) -> SentReview:
        """Write the saved draft to `out` as a Word copy for reviewers, sent in the author's name."""
        from notice_studio.core.fileio import output_file
        from notice_studio.core.wordreview import send_for_review

        return send_for_review(self.repo, output_file(out, "review.docx"), sender=self.author.name)

    def read_word_review(self, path: str | Path) -> WordReview:
        """A reviewed copy as proposed changes (NotFromThisNoticeError: not sent from this notice)."""
        from notice_studio.core.wordreview import read_review

        return read_review(self.repo, path)

    def apply_word_review(self, review: WordReview, accepted: Collection[str], *, every: bool = False) -> AppliedReview:
        """Save the accepted proposals (all of them with `every`) as edits under each reviewer's
        name, with this session's author as who saved them (the committer). An id that is not one of the review's proposals is refused with a sentence. The
        draft on screen is not touched: the app brings the saved result in with `take_saved`."""
        from notice_studio.core.wordreview import apply_review

        known = [p.id for p in review.proposals]
        unknown = [pid for pid in accepted if pid not in known]
        if unknown:
            raise NoticeError(
                f"There is no proposed change '{unknown[0]}' in {review.path.name}; see the ids with --json"
            )
        return apply_review(self.repo, review, known if every else list(accepted), accepted_by=self.author)
