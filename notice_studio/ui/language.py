"""The language of the app's menus and dialogs: which ones exist, and loading one at start.

Notice Studio is written in English. A translation is a Qt `.qm` file named
`notice_studio_<code>.qm` in `resources/translations/`; none ships yet, so English is the only
choice offered. With a translation, Qt's own (`qtbase_<code>.qm`: standard buttons and file
dialogs) is loaded too, so a dialog never mixes two languages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from notice_studio.paths import resources_folder

ENGLISH = "en"
_PREFIX = "notice_studio_"


def translations_folder() -> Path:
    return resources_folder() / "translations"


def available_languages(folder: Path | None = None) -> list[tuple[str, str]]:
    """(code, the language's own name) for English and every translation installed, English first."""
    where = folder if folder is not None else translations_folder()
    codes = sorted(p.stem.removeprefix(_PREFIX) for p in where.glob(f"{_PREFIX}*.qm")) if where.is_dir() else []
    return [(code, language_name(code)) for code in [ENGLISH, *(c for c in codes if c != ENGLISH)]]


def language_name(code: str) -> str:
    """The language's name in itself ("Deutsch"); plain "English" (Qt says "American English")."""
    if code == ENGLISH:
        return "English"
    name = QLocale(code).nativeLanguageName() or code
    return name[:1].upper() + name[1:]


def install_translations(language: str, folder: Path | None = None) -> list[QTranslator]:
    """Load `language` into the running application (English needs nothing); returns what was loaded.

    A language whose translation has gone (an older settings file) falls back to English.
    """
    if language == ENGLISH or language not in dict(available_languages(folder)):
        return []
    app = QCoreApplication.instance()
    if app is None:
        return []
    where = folder if folder is not None else translations_folder()
    loaded = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in ((f"{_PREFIX}{language}", str(where)), (f"qtbase_{language}", qt_folder)):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded
