"""Small pieces shared by the import dialog's pages: headings, muted colours, default folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QProgressBar

from notice_studio.core.notice.model import slugify
from notice_studio.ui.settings import documents_dir


def heading_label(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def busy_bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setAccessibleName(name)
    bar.setVisible(False)
    return bar


def default_folder(organisation: str, file_name: str) -> Path:
    """~/Documents/<organisation or file name>-privacy-notice, made unique if already taken."""
    slug = slugify(organisation) if organisation.strip() else slugify(Path(file_name).stem or "imported")
    if not slug.endswith("privacy-notice"):
        slug += "-privacy-notice"
    base = documents_dir() / slug
    candidate, n = base, 2
    # Suggest a free folder; one the user types is checked (and refused) as typed.
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        candidate = base.with_name(f"{base.name}-{n}")
        n += 1
    return candidate
