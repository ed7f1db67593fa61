"""``material-validator explain RULE``: a rule's explanation in the chosen language.

The paragraph that says what a rule checks comes from the catalogue
(``rule.<id>.summary``), in Chinese or English; its default severity, its
options and their defaults from the rule module; its fix hint from the
catalogue. The English explanation adds the module docstring (options,
a passing and a failing example), with its reStructuredText markup rendered
as plain text: ````x```` becomes ``x``, a ``::`` block loses its marker.
"""

from __future__ import annotations

import re

from validator.i18n import has_message, message
from validator.rules import RULES

# ``literal`` in reStructuredText.
_LITERAL = re.compile(r"``([^`]+)``")


def explanation(rule_id: str, lang: str) -> str:
    """The whole explanation of ``rule_id`` as text."""
    module = RULES[rule_id]
    severity = message(f"report.severity.{module.SEVERITY.value}", lang)
    lines = [f"{rule_id} — {message(f'rule.{rule_id}.title', lang)}", ""]
    summary = f"rule.{rule_id}.summary"
    if has_message(summary):
        lines += [message(summary, lang), ""]
    lines.append(message("explain.severity", lang, {"severity": severity}))
    lines += _options(rule_id, dict(module.OPTIONS), lang)
    hint = f"hint.{rule_id}"
    if has_message(hint):
        lines.append(message("explain.hint", lang, {"hint": message(hint, lang)}))
    example = _failing_example(module.__doc__ or "")
    if lang == "en":
        lines += ["", plain(module.__doc__ or "")]
    elif example:
        lines += ["", message("explain.example", lang), example]
    return "\n".join(lines).rstrip() + "\n"


def plain(docstring: str) -> str:
    """A docstring with its markup rendered as plain text."""
    text = _LITERAL.sub(r"\1", docstring.strip())
    return re.sub(r"::\n", ":\n", text)


def _options(rule_id: str, options: dict[str, object], lang: str) -> list[str]:
    if not options:
        return [message("explain.no-options", lang)]
    listed = [f"  {name}: {value}" for name, value in options.items()]
    return [message("explain.options", lang, {"rule": rule_id}), *listed]


def _failing_example(docstring: str) -> str:
    """The indented block after ``Fails: …::`` (the report lines of a failing case)."""
    match = re.search(r"Fails:.*?::\n\n((?:[ \t]+.*\n?)+)", docstring, flags=re.DOTALL)
    return match.group(1).rstrip() if match else ""
