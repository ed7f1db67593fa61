"""Typed rule options: each rule declares its options, the config is checked against them.

A rule module's ``OPTIONS`` maps each option's name to an ``Option`` (its
type, default and, for a closed set of words, the allowed values), as
yamllint's rules declare ``CONF`` and ``DEFAULT``. The engine resolves a
config's options against that declaration when the config is loaded, before
any file is read: an unknown name or a value of the wrong type is refused
with the option's YAML path. Rules then read their options already typed,
through ``integer``, ``integer_or_none``, ``number`` and ``word``, and never parse them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from validator.model import Context

OptionType = Literal["integer", "number", "word"]


@dataclass(frozen=True)
class Option:
    """One option of a rule: what kind of value it takes and what it is by default.

    ``integer`` is a whole number; ``number`` any number (an integer is read as
    a float); ``word`` one of ``choices``. ``minimum`` bounds the numbers;
    ``nullable`` lets YAML's ``null`` stand for "not set" (the rule then falls
    back to the manifest's setting).
    """

    type: OptionType
    default: int | float | str | None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    nullable: bool = False

    def describe(self) -> str:
        """What a valid value is, for the error message."""
        if self.type == "word":
            return "one of " + ", ".join(self.choices)
        kind = "a whole number" if self.type == "integer" else "a number"
        bound = f" of at least {self.minimum:g}" if self.minimum is not None else ""
        return f"{kind}{bound}" + (", or null" if self.nullable else "")

    def accepts(self, value: object) -> bool:
        if value is None:
            return self.nullable
        if self.type == "word":
            return isinstance(value, str) and value in self.choices
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.type == "integer" and not isinstance(value, int):
            return False
        return self.minimum is None or value >= self.minimum


Options = Mapping[str, Option]


class OptionError(ValueError):
    """A configured option the rule does not declare, or a value it does not accept."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


def defaults(declared: Options) -> dict[str, object]:
    return {name: option.default for name, option in declared.items()}


def resolve(declared: Options, given: Mapping[str, object]) -> dict[str, object]:
    """The rule's options: the defaults with ``given`` over them, each checked and typed.

    Raises OptionError naming the first option (in the config's order) that is
    unknown or of the wrong type.
    """
    resolved = defaults(declared)
    for name, value in given.items():
        option = declared.get(name)
        if option is None:
            known = ", ".join(declared) or "none"
            raise OptionError(name, f"unknown option (this rule's options: {known})")
        if not option.accepts(value):
            raise OptionError(name, f"{value!r} is not {option.describe()}")
        resolved[name] = _typed(option, value)
    return resolved


def _typed(option: Option, value: object) -> object:
    """An integer given for a ``number`` option is read as a float."""
    if option.type == "number" and isinstance(value, int):
        return float(value)
    return value


def integer(ctx: Context, name: str) -> int:
    value = integer_or_none(ctx, name)
    if value is None:
        raise TypeError(f"option {name} is not nullable")  # a defect, not a user error
    return value


def integer_or_none(ctx: Context, name: str) -> int | None:
    """An ``integer`` option that may be null (not set)."""
    value = ctx.options[name]
    if value is not None and not isinstance(value, int):
        raise TypeError(f"option {name} was not resolved: {value!r}")  # a defect, not a user error
    return value


def number(ctx: Context, name: str) -> float:
    value = ctx.options[name]
    if not isinstance(value, int | float):
        raise TypeError(f"option {name} was not resolved: {value!r}")
    return float(value)


def word(ctx: Context, name: str) -> str:
    value = ctx.options[name]
    if not isinstance(value, str):
        raise TypeError(f"option {name} was not resolved: {value!r}")
    return value
