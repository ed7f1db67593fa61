"""Open a file of the checked folder once, as the regular file it was found to be.

The walk looks at each path, but the folder belongs to someone else: between
the walk and the reading, a file can be replaced by a FIFO (whose open and
read would block forever), by a link to ``/dev/zero`` (endless bytes) or by
other content. So every read starts here: one ``open`` that follows no link
in the last step and does not block, an ``fstat`` of that descriptor, and
every later byte read from it. This module imports nothing from the package.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

# Flags that keep an open from following a final link, blocking on a FIFO or
# device, or making a terminal ours; absent ones (Windows) count as nothing.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path is (now) a FIFO, a device, a socket or a folder, not a file."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file and not a link.

    Raises ``NotRegularFile``, or ``OSError`` with ``errno.ELOOP`` for a link.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(path)
        # A regular file never blocks; clear the flag so reads behave as usual.
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def opened_size(stream: BinaryIO) -> int:
    """The size of the open file, from its descriptor (not from the path)."""
    return os.fstat(stream.fileno()).st_size


def is_link_error(exc: OSError) -> bool:
    """An open refused because the last step of the path is a link."""
    return exc.errno in (errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP))
