"""Match documents (or page ranges of them) to manifest items, with scores.

Scoring (all weights are constants below; manifests weigh each keyword):

* a ``match.filename`` pattern found in the file name scores ``FILENAME_POINTS``,
  in a parent folder's name ``FOLDER_POINTS``;
* a ``match.content`` keyword found in the title lines of the range (its first
  lines) scores ``weight × TITLE_FACTOR``, elsewhere ``weight``: a title weighs
  more than a passing mention;
* an ``exclude`` keyword in the title lines multiplies the score by
  ``EXCLUDE_FACTOR`` (a 公司章程 quoting 营业执照 is still a 章程).

Each range goes to its best item when it scores at least the manifest's
``min_match_score``. Then, for every required item left without a document,
a range whose current item keeps another document is moved to it when it
scores well enough there: the best assignment covers the checklist rather
than stacking two documents on one item.

Combined PDFs are split into page ranges by :mod:`validator.segment`, which
also holds the keyword scoring (``keyword_score``) both use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from validator.applicant import read_condition_facts, read_package_facts
from validator.model import (
    Assignment,
    Document,
    Manifest,
    MatchScore,
    MatchSpec,
    Package,
    PackageFacts,
    TocCorrection,
)
from validator.segment import Segment, keyword_score, segments

# A filename pattern in the file's own name: strong, but beaten by a clear title.
FILENAME_POINTS = 3.0
# A pattern in a parent folder (01_公司资料/) says less about the file itself.
FOLDER_POINTS = 1.0
# A page range that a 目录 entry names for an item: as telling as a file name.
TOC_POINTS = FILENAME_POINTS
# A range moved to a missing item must score at least this share of its best score.
REASSIGN_MIN_SHARE = 0.35


@dataclass(frozen=True)
class Target:
    """Something a range can match: an item, or one alternative of an any_of item."""

    item: str
    alternative: str | None
    spec: MatchSpec


def targets(manifest: Manifest) -> list[Target]:
    found = []
    for item in manifest.items:
        if item.any_of:
            found += [Target(item.id, alt.id, alt.requirements.match) for alt in item.any_of]
        else:
            found.append(Target(item.id, None, item.requirements.match))
    return found


def match_package(
    root: str,
    documents: Sequence[Document],
    manifest: Manifest,
    known_facts: Mapping[str, object],
) -> Package:
    """Score every range against every target, assign, and read the package facts."""
    all_targets = targets(manifest)
    min_score = float(manifest.settings["min_match_score"])  # type: ignore[arg-type]
    scores: list[tuple[str, tuple[MatchScore, ...]]] = []
    assignments: list[Assignment] = []
    retitled: list[tuple[str, Segment]] = []
    for document in documents:
        document_segments = segments(document, [t.spec for t in all_targets])
        ranked = _score_document(document, document_segments, all_targets)
        scores.append((document.path, ranked))
        assignments += _best_per_range(document.path, ranked, min_score)
        retitled += [(document.path, s) for s in document_segments if s.retitled]
    assignments = _cover_missing(assignments, dict(scores), manifest, known_facts, min_score)
    corrections = _toc_corrections(retitled, assignments, all_targets)
    package = Package(
        root=root,
        manifest=manifest,
        documents=tuple(documents),
        scores=tuple(sorted(scores)),
        assignments=tuple(sorted(assignments, key=_assignment_key)),
        facts=PackageFacts(),
        known_facts=dict(known_facts),
        toc_corrections=corrections,
    )
    return _with_read_facts(replace(package, facts=read_package_facts(package)), known_facts)


def _with_read_facts(package: Package, configured: Mapping[str, object]) -> Package:
    """Add the condition facts the documents decide; the config's word wins over them."""
    read = {k: v for k, v in read_condition_facts(package).items() if k not in configured}
    if not read:
        return package
    known = {**dict.fromkeys(read, True), **configured}
    return replace(package, known_facts=known, read_facts=read)


def _assignment_key(a: Assignment) -> tuple[str, str, int]:
    return (a.item, a.path, a.first or 0)


def _toc_corrections(
    retitled: Sequence[tuple[str, Segment]],
    assignments: Sequence[Assignment],
    all_targets: Sequence[Target],
) -> tuple[TocCorrection, ...]:
    """Ranges whose title overrode the 目录 and that went to another item than it lists."""
    chosen = {(a.path, a.first): a for a in assignments}
    found = []
    for path, segment in retitled:
        assignment = chosen.get((path, segment.first))
        if assignment is None or segment.first is None or segment.last is None:
            continue
        listed = None if segment.toc_listed is None else all_targets[segment.toc_listed].item
        if assignment.item != listed:
            found.append(TocCorrection(path, segment.first, segment.last, assignment.item, listed))
    return tuple(found)


def _score_document(
    document: Document, document_segments: Sequence[Segment], all_targets: Sequence[Target]
) -> tuple[MatchScore, ...]:
    """Scores of every (range, target) pair, best first within each range."""
    ranked: list[MatchScore] = []
    for segment in document_segments:
        name_scores = _name_scores(document.path, all_targets) if segment.whole else None
        for n, target in enumerate(all_targets):
            score = keyword_score(segment.text, target.spec)
            score += name_scores[n] if name_scores else 0.0
            score += TOC_POINTS if segment.named == n else 0.0
            if score > 0:
                ranked.append(
                    MatchScore(
                        item=target.item,
                        alternative=target.alternative,
                        score=round(score, 3),
                        first=segment.first,
                        last=segment.last,
                    )
                )
    return tuple(sorted(ranked, key=_rank_key))


def _rank_key(score: MatchScore) -> tuple[int, float, str, str]:
    return (score.first or 0, -score.score, score.item, score.alternative or "")


def _name_scores(path: str, all_targets: Sequence[Target]) -> list[float]:
    parts = PurePosixPath(path).parts
    name, folders = PurePosixPath(parts[-1]).stem, parts[:-1]
    return [_pattern_points(t.spec.filename, name, folders) for t in all_targets]


def _pattern_points(patterns: Iterable[str], name: str, folders: Sequence[str]) -> float:
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    if any(p.search(name) for p in compiled):
        return FILENAME_POINTS
    if any(p.search(folder) for p in compiled for folder in folders):
        return FOLDER_POINTS
    return 0.0


def _best_per_range(path: str, ranked: Sequence[MatchScore], min_score: float) -> list[Assignment]:
    chosen: dict[int | None, MatchScore] = {}
    for score in ranked:  # best first within each range
        if score.first not in chosen and score.score >= min_score:
            chosen[score.first] = score
    return [_assign(path, score) for score in chosen.values()]


def _assign(path: str, score: MatchScore) -> Assignment:
    return Assignment(
        item=score.item,
        path=path,
        score=score.score,
        first=score.first,
        last=score.last,
        alternative=score.alternative,
    )


def _cover_missing(
    assignments: list[Assignment],
    scores: Mapping[str, tuple[MatchScore, ...]],
    manifest: Manifest,
    known_facts: Mapping[str, object],
    min_score: float,
) -> list[Assignment]:
    """Move a range to an uncovered item when its own item keeps another document."""
    result = list(assignments)
    for item in manifest.items:
        if item.expected(known_facts) is False:
            continue
        if any(a.item == item.id for a in result):
            continue
        move = _best_move(item.id, result, scores, min_score)
        if move is not None:
            old, new = move
            result[result.index(old)] = new
    return result


def _best_move(
    item_id: str,
    assignments: Sequence[Assignment],
    scores: Mapping[str, tuple[MatchScore, ...]],
    min_score: float,
) -> tuple[Assignment, Assignment] | None:
    per_item: dict[str, int] = {}
    for a in assignments:
        per_item[a.item] = per_item.get(a.item, 0) + 1
    best: tuple[Assignment, Assignment] | None = None
    for current in assignments:
        if per_item[current.item] < 2:
            continue
        for score in scores.get(current.path, ()):
            if score.item != item_id or score.first != current.first:
                continue
            if score.score < max(min_score, current.score * REASSIGN_MIN_SHARE):
                continue
            if best is None or score.score > best[1].score:
                best = (current, _assign(current.path, score))
    return best
