"""Correct: temp name '<name>.<16 hex>.partial' made with secrets and created with os.open(O_EXCL, 0o666) so the umask applies by itself; clean-up matches names with a regex on Path.iterdir()."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Any

import torch

_PARTIAL = ".partial"


def _create_partial(target: Path) -> tuple[int, Path]:
    while True:
        candidate = target.with_name(f"{target.name}.{secrets.token_hex(8)}{_PARTIAL}")
        try:
            return os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), candidate
        except FileExistsError:
            continue


def atomic_save(obj: Any, path: str | os.PathLike[str]) -> None:
    target = Path(path).absolute()
    fd, partial = _create_partial(target)
    try:
        with os.fdopen(fd, "wb") as stream:
            torch.save(obj, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if os.name != "nt":  # Windows cannot open a folder
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_stale_temp_files(path: str | os.PathLike[str]) -> list[str]:
    given = Path(path)
    own = re.compile(re.escape(given.name) + r"\.[0-9a-f]{16}" + re.escape(_PARTIAL))
    folder = given.parent
    if not folder.is_dir():
        return []
    stale = [entry for entry in folder.iterdir() if own.fullmatch(entry.name) and entry.is_file()]
    for entry in stale:
        entry.unlink()
    return sorted(os.path.join(os.path.dirname(os.fspath(path)), entry.name) for entry in stale)
