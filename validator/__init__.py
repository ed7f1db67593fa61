"""material-validator: check an application package before it goes to the regulator."""

from __future__ import annotations

import functools


@functools.cache
def _installed_version() -> str:
    # importlib.metadata costs a noticeable share of a hook's start-up: asked only when needed.
    from importlib import metadata  # noqa: PLC0415

    try:
        return metadata.version("material-validator")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
