"""The key that authenticates cache files, kept outside every checkout.

A cache file is trusted only if it carries an HMAC made with this key, so a
file that a pull request commits (or any file this machine's builds did not
write) is never read as a cache: "CI builds without reading a cache it did
not write itself". The key lives in the user's cache folder
(``$XDG_CACHE_HOME/mkdocs-scholia/key``, else ``~/.cache/mkdocs-scholia/key``),
never in the project, and is made on first use: 32 random bytes, written as
hex to a file only its owner may read (mode 0600).
"""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path

KEY_BYTES = 32


def key_path() -> Path:
    """``$XDG_CACHE_HOME/mkdocs-scholia/key`` (when XDG_CACHE_HOME is absolute), else under ``~/.cache``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return folder / "mkdocs-scholia" / "key"


def key(path: Path | None = None) -> bytes:
    """The key, made on first use; OSError if it can be neither read nor made.

    A key file that is not exactly a hex key of the right length (truncated,
    edited) is replaced by a new one: the caches it authenticated are then
    ignored and rewritten, which costs one slower build.
    """
    path = path or key_path()
    existing = _read(path)
    if existing is not None:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    made = secrets.token_hex(KEY_BYTES).encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(made + b"\n")
        try:
            os.link(temporary, path)  # atomic, and never over a key another build made meanwhile
        except FileExistsError:
            other = _read(path)
            if other is not None:
                return other
            os.replace(temporary, path)  # the file there is not a key: replace it
    finally:
        with suppress(OSError):
            temporary.unlink()
    return bytes.fromhex(made.decode())


def _read(path: Path) -> bytes | None:
    try:
        text = path.read_bytes().strip()
    except FileNotFoundError:
        return None
    try:
        value = bytes.fromhex(text.decode("ascii"))
    except ValueError:  # not hex (UnicodeDecodeError is a ValueError too)
        return None
    return value if len(value) == KEY_BYTES else None
