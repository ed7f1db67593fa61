"""ambiguous-match: a document (or page range) scores almost equally for two items.

The document was assigned to its best-scoring item, but another item scored
within ``near_tie_ratio`` (10% by default, a manifest setting) of it, so the
assignment may be wrong. The finding lists both candidates with their scores.
Alternatives of one ``any_of`` item (银行资信证明 / 近期财务报表) are not
rivals: either satisfies the same item.

Options: none (the ratio is the manifest's ``settings.near_tie_ratio``).

Passes: ``技术方案.pdf`` titled 技术方案 scores far above any other item.

Fails: ``方案.pdf`` covering 防火墙, 入侵检测 and 数据备份, 访问控制 in equal measure::

    ambiguous-match  方案.pdf  可能是“网络安全防护方案”（12.0）或“用户数据保护方案”（11.5）
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from validator.model import Context, Finding, MatchScore, Package, Severity
from validator.rules.options import Options

ID = "ambiguous-match"
SEVERITY = Severity.INFO
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    ratio = float(ctx.settings.get("near_tie_ratio", 0.1))  # type: ignore[arg-type]
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
