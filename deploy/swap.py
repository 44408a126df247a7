"""Installing a checked site: one atomic exchange with `site/`, one publish at a time."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from deploy.progress import log


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directories (Linux renameat2); False when not supported here."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(a))


def swap_into_place(new: Path, site: Path, old: Path) -> None:
    """`new` becomes `site` in one rename (elsewhere than Linux: two renames microseconds apart)."""
    shutil.rmtree(old, ignore_errors=True)
    if site.is_dir() and not site.is_symlink():
        if _exchange(new, site):
            new.rename(old)            # `new` now holds the previous site
        else:
            site.rename(old)
            new.rename(site)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(site)


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@contextlib.contextmanager
def publish_lock(directory: Path) -> Iterator[None]:
    """One publish at a time per directory (a lock on the directory itself; nothing is written)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("another publish is running here; waiting for it")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
