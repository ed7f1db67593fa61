"""material-validator: check an application package before it goes to the regulator."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("material-validator")
except metadata.PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
