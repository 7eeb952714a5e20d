"""Opening a Word document safely: what it is, before python-docx reads it.

A .docx is a zip of XML parts. Before any of it is unpacked, the file is
checked for what an editor may really be handed: a Word 97 `.doc` (an OLE
file), a password-protected document (also OLE, holding EncryptionInfo), a
zip whose parts would unpack to far more than any bulletin (a zip bomb), or
something that is no document at all. Each is the editor's message, never
a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Far beyond any bulletin's document (a 50-page issue with photos is some 20 MB unpacked).
MOST_UNPACKED = 200 * 1024 * 1024
MOST_PARTS = 5000
MOST_RATIO = 200  # unpacked / packed, per part: XML packs tenfold, a bomb a thousandfold


class Refused(Exception):
    """A document that cannot be imported, with the message key and its parameters."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Opened:
    path: Path  # the .docx to read: the file itself, or a conversion of a .doc in a temporary folder
    converted_from: Path | None = None  # the .doc it was converted from by LibreOffice


def open_document(path: Path, work: Path) -> Opened:
    """The .docx to read for `path`; Refused with the reason when there is none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise Refused("import.unreadable", error=exc.strerror or str(exc)) from None
    if head.startswith(OLE_MAGIC):
        if _encrypted(path):
            raise Refused("import.encrypted")
        return Opened(_converted(path, work), converted_from=path)
    if not head.startswith(ZIP_MAGIC):
        raise Refused("import.not_a_document")
    _check_zip(path)
    return Opened(path)


def _encrypted(path: Path) -> bool:
    """An encrypted .docx is an OLE file with an EncryptionInfo stream (its name in UTF-16)."""
    with path.open("rb") as handle:  # the OLE directory is near the start; a large .doc is not read whole
        return "EncryptionInfo".encode("utf-16-le") in handle.read(1 << 20)


def _converted(path: Path, work: Path) -> Path:
    """A Word 97 .doc, converted to .docx by LibreOffice where it is installed; else Refused."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise Refused("import.doc_format")
    out = Path(tempfile.mkdtemp(prefix="import-", dir=work))
    done = subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", str(out), str(path)],
                          capture_output=True, timeout=120, check=False)
    made = out / (path.stem + ".docx")
    if done.returncode != 0 or not made.is_file():
        raise Refused("import.doc_format")
    _check_zip(made)
    return made


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused("import.corrupt") from None
    names = {part.filename for part in parts}
    if "word/document.xml" not in names:
        raise Refused("import.not_a_document")
    unpacked = sum(part.file_size for part in parts)
    swollen = any(part.file_size > 1024 * 1024 and part.file_size > MOST_RATIO * max(part.compress_size, 1)
                  for part in parts)
    if len(parts) > MOST_PARTS or unpacked > MOST_UNPACKED or swollen:
        raise Refused("import.too_large", megabytes=unpacked // (1024 * 1024))
