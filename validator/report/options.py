"""How a report is rendered: the run's choices that every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportOptions:
    """Rendering choices, independent of the result being rendered.

    ``lang`` picks the catalogue language ("zh" or "en"); masking is none of a
    renderer's business (the engine masks, see ``validator.pii``); ``color``
    lets the terminal report use ANSI styles; ``width`` fixes the terminal
    width (None: ask the terminal);
    ``quiet`` (``--quiet``) keeps only the findings and the summary in the
    terminal report. Machine formats ignore ``color``, ``width`` and ``quiet``.
    ``generated_at`` is when the run made the report (ISO 8601, set by the
    command line; reports read no clock), shown in the HTML audit data.
    """

    lang: str = "zh"
    color: bool = False
    width: int | None = None
    quiet: bool = False
    generated_at: str | None = None
