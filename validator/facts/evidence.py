"""Where a fact came from: the line around a match, short enough for a report."""

from __future__ import annotations

# Longest evidence snippet; reports show it on one line beside the finding.
EVIDENCE_MAX_CHARS = 120
# Context kept on each side of a match when its line is too long.
_CONTEXT_CHARS = (EVIDENCE_MAX_CHARS - 20) // 2


def evidence_line(text: str, start: int, end: int | None = None) -> str:
    """The stripped line holding ``text[start:end]``, cut around it when long."""
    end = start if end is None else end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    if line_end - line_start > EVIDENCE_MAX_CHARS:
        line_start = max(line_start, start - _CONTEXT_CHARS)
        line_end = min(line_end, max(end, start) + _CONTEXT_CHARS)
    return text[line_start:line_end].strip()


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``offset`` (end excludes the newline)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end
