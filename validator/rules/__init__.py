"""The rule registry: every rule module, by its stable id.

A rule module declares ``ID`` (kebab-case, stable: reports, waivers and
baselines refer to it), ``SEVERITY`` (its default), ``OPTIONS`` (its options,
typed, with defaults: see ``options``) and ``check(package, ctx)`` yielding
findings; its docstring is what ``material-validator explain RULE`` prints.
Rules read records only: no files, no clock, no environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Protocol

from validator.model import Context, Finding, Package, Severity
from validator.rules import (
    ambiguous_match,
    business_scope,
    duplicate_document,
    expired,
    expiring_soon,
    future_dated,
    inconsistent_identity,
    insufficient_capital,
    invalid_identifier,
    invalid_licence_number,
    limit_exceeded,
    low_quality_scan,
    missing_item,
    missing_seal,
    missing_topic,
    seal_not_imprinted,
    seal_owner_unverified,
    stale_document,
    undated,
    unmatched_document,
    unnamed_certification,
    unreadable_document,
)
from validator.rules.options import Options


class Rule(Protocol):
    ID: str
    SEVERITY: Severity
    OPTIONS: Options
    __doc__: str | None

    def check(self, package: Package, ctx: Context) -> Iterator[Finding]: ...


_MODULES: tuple[ModuleType, ...] = (
    missing_item,
    unreadable_document,
    limit_exceeded,
    missing_seal,
    seal_not_imprinted,
    seal_owner_unverified,
    expired,
    expiring_soon,
    stale_document,
    future_dated,
    undated,
    unnamed_certification,
    invalid_identifier,
    invalid_licence_number,
    business_scope,
    inconsistent_identity,
    insufficient_capital,
    missing_topic,
    low_quality_scan,
    unmatched_document,
    ambiguous_match,
    duplicate_document,
)

# Rule id -> rule module, in the order reports list rules.
RULES: dict[str, Rule] = {module.ID: module for module in _MODULES}
