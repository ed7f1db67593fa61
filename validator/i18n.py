"""The message catalogue: every user-facing string, in Chinese and English.

The catalogue is one namespace of message ids, stored as YAML files under
``validator/messages/`` (one file per area, so that each stays readable).
Each entry maps a message id to ``{zh: ..., en: ...}`` with ``str.format``
placeholders; both languages must use the same placeholders (a test checks).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from importlib import resources

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@functools.cache
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """All messages, keyed by message id. Duplicate ids across files are an error."""
    import yaml  # noqa: PLC0415 - only a command that prints a message needs the catalogue

    merged: dict[str, Mapping[str, str]] = {}
    folder = resources.files("validator") / "messages"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        for message_id, texts in (yaml.safe_load(entry.read_text("utf-8")) or {}).items():
            if message_id in merged:
                raise ValueError(f"message id {message_id!r} defined twice ({entry.name})")
            merged[message_id] = texts
    return merged


def message(message_id: str, lang: str, args: Mapping[str, object] | None = None) -> str:
    """The message in ``lang`` with its arguments filled in."""
    texts = catalogue().get(message_id)
    if texts is None:
        raise KeyError(f"unknown message id {message_id!r}")
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return template.format_map(_Defaulting(args or {}))


def has_message(message_id: str) -> bool:
    return message_id in catalogue()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Defaulting(dict[str, object]):
    """Leaves a placeholder visible instead of raising when an argument is absent."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
