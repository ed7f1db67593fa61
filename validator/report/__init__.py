"""The report stage: renderers over a finished, immutable result.

``RENDERERS`` maps each ``--format`` name to its renderer; the CLI builds its
format choice from this map and never branches on the format itself. Every
renderer takes the result and the options and returns the report as text;
none computes a finding, and each masks ID-card numbers unless
``options.show_pii``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from validator.model import Result
from validator.report.options import ReportOptions

Renderer = Callable[[Result, ReportOptions], str]


class _Renderers(Mapping[str, Renderer]):
    """Format name -> renderer; a renderer's module (Jinja2, rich) loads when it is used."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)

    def __getitem__(self, name: str) -> Renderer:
        module = importlib.import_module(f"{__name__}.{self._modules[name]}")
        render: Renderer = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


# Each format name and the module of this package that renders it.
RENDERERS: Mapping[str, Renderer] = _Renderers(
    {
        "terminal": "terminal",
        "concise": "concise",
        "json": "json",
        "html": "html",
        "sarif": "sarif",
        "junit": "junit",
        "github": "github",
    }
)

# The format written when none is asked for (SPEC §2).
DEFAULT_FORMAT = "terminal"

# The format an --output file's extension names when no --format is given for it.
FORMAT_BY_EXTENSION = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".sarif": "sarif",
    ".xml": "junit",
}

__all__ = [
    "DEFAULT_FORMAT",
    "FORMAT_BY_EXTENSION",
    "RENDERERS",
    "Renderer",
    "ReportOptions",
    "render",
]


def render(format_name: str, result: Result, options: ReportOptions) -> str:
    """Render ``result`` in the named format (one of ``RENDERERS``)."""
    return RENDERERS[format_name](result, options)
