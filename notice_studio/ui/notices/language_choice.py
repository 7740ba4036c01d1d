"""The choice of the language a notice is written in: every language of core.notice.languages by its
English and own name ("German (Deutsch)"), English first; used by New notice and Notice settings."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from notice_studio.core.notice.languages import ENGLISH, LANGUAGES, language_label


class LanguageChoice(QComboBox):
    def __init__(self, current: str = ENGLISH, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Language the notice is written in")
        codes = sorted(LANGUAGES, key=lambda code: (code != ENGLISH, LANGUAGES[code].name))
        if current not in LANGUAGES:
            codes.insert(0, current)  # a regional tag ('pt-BR') or one the table lacks: kept as it is
        for code in codes:
            self.addItem(language_label(code), code)
        self.setCurrentIndex(self.findData(current))

    def code(self) -> str:
        return str(self.currentData())
