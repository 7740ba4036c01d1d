"""One guard for Word files from outside: refuse a .docx that unpacks to far more than any notice.

A Word file is a zip; a small hostile one can declare parts that unpack to gigabytes (a "zip
bomb") and exhaust memory while python-docx reads it. zipfile never unpacks a member past the
size its header declares, so checking the declared sizes before anything is read bounds memory.
"""

from __future__ import annotations

import io
import zipfile

# A 20,000-word notice unpacks to about 3 MB; a 40,000-paragraph document to about 15 MB.
MAX_UNPACKED = 128 * 1024 * 1024
MAX_MEMBERS = 5000


def unpacked_size_problem(data: bytes, name: str) -> str | None:
    """A plain sentence when the zip in `data` would unpack too large (or has absurdly many
    parts); None when it may be read. Not-a-zip is left to the caller's own message."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    total = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNPACKED:
        return (
            f"{name} unpacks to {total // (1024 * 1024)} MB in {len(members)} parts, far more than any notice, so "
            "it was not opened (it may be damaged or built to exhaust memory); save it again from Word and retry."
        )
    return None
