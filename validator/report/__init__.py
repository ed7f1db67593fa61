"""The report stage: renderers over a finished, immutable result.

``RENDERERS`` maps each ``--format`` name to its renderer; the CLI builds its
format choice from this map and never branches on the format itself. Every
renderer takes the result and the options and returns the report as text;
none computes a finding, and each masks ID-card numbers unless
``options.show_pii``.
"""

from __future__ import annotations

from collections.abc import Callable

from validator.model import Result
from validator.report import github, html, json, junit, sarif, terminal
from validator.report.options import ReportOptions

Renderer = Callable[[Result, ReportOptions], str]

RENDERERS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": json.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}

# The format written when none is asked for (SPEC §2).
DEFAULT_FORMAT = "terminal"

__all__ = ["DEFAULT_FORMAT", "RENDERERS", "Renderer", "ReportOptions", "render"]


def render(format_name: str, result: Result, options: ReportOptions) -> str:
    """Render ``result`` in the named format (one of ``RENDERERS``)."""
    return RENDERERS[format_name](result, options)
