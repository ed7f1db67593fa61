"""ambiguous-match: a document (or page range) scores almost equally for two items.

The document was assigned to its best-scoring item, but another item scored
within ``near_tie_ratio`` (10% by default, a manifest setting) of it, so the
assignment may be wrong. The finding lists both candidates with their scores.
Alternatives of one ``any_of`` item (银行资信证明 / 近期财务报表) are not
rivals: either satisfies the same item.

It also says where a combined PDF's page titles overrode its 目录 (an OCR'd
目录 drops entries and garbles page numbers): a range whose title names a
material the 目录 does not list there was checked as what its title says, and
the finding names both, so the user can confirm the pages.

Options: none (the ratio is the manifest's ``settings.near_tie_ratio``).

Passes: ``技术方案.pdf`` titled 技术方案 scores far above any other item.

Fails: ``方案.pdf`` covering 防火墙, 入侵检测 and 数据备份, 访问控制 in equal measure::

    ambiguous-match  方案.pdf  可能是“网络安全防护方案”（12.0）或“用户数据保护方案”（11.5）
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from validator.model import Context, Finding, MatchScore, Package, Severity, TocCorrection
from validator.rules.options import Options

ID = "ambiguous-match"
SEVERITY = Severity.INFO
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    ratio = float(ctx.settings.get("near_tie_ratio", 0.1))  # type: ignore[arg-type]
    for correction in package.toc_corrections:
        yield _toc_finding(package, correction)
    for assignment in package.assignments:
        scores = dict(package.scores).get(assignment.path, ())
        rival = _rival(scores, assignment.item, assignment.first, assignment.score, ratio)
        if rival is None:
            continue
        best, other = package.manifest.item(assignment.item), package.manifest.item(rival.item)
        yield Finding(
            rule=ID,
            message_id="ambiguous-match.near-tie",
            args=(
                ("best_zh", best.title.zh),
                ("best_en", best.title.en),
                ("best_score", f"{assignment.score:g}"),
                ("other_zh", other.title.zh),
                ("other_en", other.title.en),
                ("other_score", f"{rival.score:g}"),
                ("other", rival.item),
            ),
            item=assignment.item,
            path=assignment.path,
            page=assignment.first,
            page_end=assignment.last,
            key=f"{assignment.item} {assignment.score:g} / {rival.item} {rival.score:g}",
        )


def _rival(
    scores: Sequence[MatchScore], item: str, first: int | None, best: float, ratio: float
) -> MatchScore | None:
    """The best-scoring other item for the same range, when it comes within ``ratio``."""
    others = [s for s in scores if s.first == first and s.item != item]
    if not others:
        return None
    rival = max(others, key=lambda s: (s.score, s.item))
    return rival if rival.score >= best * (1 - ratio) else None


def _toc_finding(package: Package, correction: TocCorrection) -> Finding:
    """The page title won over the 目录: say which material each names."""
    titled = package.manifest.item(correction.titled)
    args = [("item_zh", titled.title.zh), ("item_en", titled.title.en)]
    if correction.listed is None:
        message_id = "ambiguous-match.toc-missing-entry"
    else:
        listed = package.manifest.item(correction.listed)
        message_id = "ambiguous-match.toc-disagrees"
        args += [("listed_zh", listed.title.zh), ("listed_en", listed.title.en)]
    return Finding(
        rule=ID,
        message_id=message_id,
        args=tuple(args),
        item=correction.titled,
        path=correction.path,
        page=correction.first,
        page_end=correction.last if correction.last != correction.first else None,
        key=f"toc {correction.titled} / {correction.listed or '-'}",
    )
