"""What the text rules read: each item's assigned document ranges, with their requirements.

Not a rule (the leading underscore keeps it out of the rule modules). The
text rules all start the same way: for every item, every document range the
match stage assigned to it, the requirements that apply there (an any_of
item's chosen alternative brings its own) and the range's text. Offsets that
the facts layer returns index that text, so a :class:`Reading` turns them
into page numbers and tells a text layer from an OCR reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from validator.facts.numerals import fold_width
from validator.model import (
    Assignment,
    Document,
    Finding,
    Item,
    Package,
    Region,
    Requirements,
    Severity,
    page_region,
)

# Page.source of a page whose text OCR read.
OCR_SOURCE = "ocr"
# An OCR'd line read with less confidence than this is too doubtful to rest an
# error on: the rule says "read as …, please verify" instead.
CONFIDENT_LINE = 0.7

Args = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Reading:
    """One document range assigned to an item, with the requirements that apply to it."""

    item: Item
    requirements: Requirements
    assignment: Assignment
    document: Document
    text: str

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def key(self) -> tuple[str, str | None]:
        """Readings that answer the same requirements: one item, one alternative."""
        return (self.item.id, self.assignment.alternative)

    def page_at(self, offset: int) -> int | None:
        return self.document.page_at(self.assignment.first, self.assignment.last, offset)

    def is_ocr_at(self, offset: int) -> bool:
        """Whether the character at ``offset`` was read by OCR rather than a text layer."""
        page, _ = self.document.line_at(self.assignment.first, self.assignment.last, offset)
        return page is not None and page.source == OCR_SOURCE

    def confidence_at(self, offset: int) -> float | None:
        """How sure OCR was of the line holding ``offset``; None for a text layer."""
        return self.document.confidence_at(self.assignment.first, self.assignment.last, offset)

    def confident_at(self, offset: int) -> bool:
        """Whether the text at ``offset`` is printed (a text layer) or confidently read."""
        confidence = self.confidence_at(offset)
        return confidence is None or confidence >= CONFIDENT_LINE

    def finding(
        self,
        rule: str,
        message_id: str,
        args: Args = (),
        *,
        offset: int | None = None,
        evidence: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """A finding on this range: at ``offset``'s page, or on the whole range without one."""
        if offset is not None:
            page, page_end = self.page_at(offset), None
        else:
            page, page_end = self._range_pages()
        return Finding(
            rule=rule,
            message_id=message_id,
            args=args,
            item=self.item.id,
            path=self.path,
            page=page,
            page_end=page_end,
            evidence=evidence,
            severity=severity,
            region=self._reading_region(offset),
        )

    def _reading_region(self, offset: int | None) -> Region | None:
        """The OCR line the finding's value was read from, boxed on its page."""
        if offset is None or not self.document.paged:
            return None
        page, line = self.document.line_at(self.assignment.first, self.assignment.last, offset)
        if page is None or line is None:
            return None
        return page_region(page, "reading", line.box)

    def _range_pages(self) -> tuple[int | None, int | None]:
        # A whole document has no page to point at; a range of a combined PDF does.
        first, last = self.assignment.first, self.assignment.last
        if first is None or not self.document.paged:
            return None, None
        return first, last if last is not None and last != first else None


def requirements_of(item: Item, alternative: str | None) -> Requirements:
    """The item's requirements, or those of the any_of alternative the range matched."""
    for candidate in item.any_of:
        if candidate.id == alternative:
            return candidate.requirements
    return item.requirements


def readings(
    package: Package, wanted: Callable[[Requirements], bool] = lambda _: True
) -> Iterator[Reading]:
    """Every readable range assigned to an item whose requirements are ``wanted``."""
    for item in package.manifest.items:
        for assignment in package.assigned(item.id):
            requirements = requirements_of(item, assignment.alternative)
            document = package.document(assignment.path)
            if document.error is not None or not wanted(requirements):
                continue
            text = document.text_of(assignment.first, assignment.last)
            yield Reading(item, requirements, assignment, document, text)


def by_requirements(found: Iterable[Reading]) -> list[list[Reading]]:
    """Readings grouped by item and alternative, in manifest order."""
    groups: dict[tuple[str, str | None], list[Reading]] = {}
    for reading in found:
        groups.setdefault(reading.key, []).append(reading)
    return list(groups.values())


def group_finding(
    group: Sequence[Reading],
    rule: str,
    message_id: str,
    args: Args = (),
    evidence: str = "",
    key: str = "",
) -> Finding:
    """A finding about an item's ranges taken together.

    With one range it points at that file (and its pages); with several, the
    lack is the item's, not one file's, so it carries no path.
    """
    if len(group) == 1:
        return replace(group[0].finding(rule, message_id, args, evidence=evidence), key=key)
    return Finding(
        rule=rule,
        message_id=message_id,
        args=args,
        item=group[0].item.id,
        evidence=evidence,
        key=key,
    )


def comparable(text: str) -> str:
    """``text`` for a word search: no spaces (OCR spreads 防 火 墙), half-width, any case."""
    return fold_width("".join(text.split())).casefold()
