"""Every piece of work has a limit: comparisons, a file's time, a reader's memory.

Work is measured by what it does, never by the clock: the number of string
comparisons a seal-owner decision makes, the pages of a file read after its
time budget ran out, the label a reader's death gets.
"""

from __future__ import annotations

import difflib

import pytest

from validator.facts import parties
from validator.model import Seal
from validator.rules import seal_owner

APPLICANT = "北京云栈网络科技有限公司"


def _comparisons(signer: str, monkeypatch: pytest.MonkeyPatch) -> int:
    calls = 0
    real_ratio = difflib.SequenceMatcher.ratio

    def counting(self: difflib.SequenceMatcher[str]) -> float:
        nonlocal calls
        calls += 1
        return real_ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting)
    seal_owner.similarity.cache_clear()
    seal = Seal((0, 0, 10, 10), 1.0, "electronic", "electronic", signer=signer)
    seal_owner.owner_of(seal, APPLICANT, ("上海某某信息技术有限公司",))
    return calls


def test_a_huge_signer_name_costs_what_a_long_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    long_name = "某" * 1_000 + "有限公司"
    huge_name = "某" * 20_000 + "有限公司"
    assert _comparisons(huge_name, monkeypatch) == _comparisons(long_name, monkeypatch)


def test_company_names_are_compared_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    real = parties._edit_distance

    def recording(first: str, second: str) -> int:
        seen.append((len(first), len(second)))
        return real(first, second)

    monkeypatch.setattr(parties, "_edit_distance", recording)
    parties.company_name_distance("某" * 320_000 + "有限公司", APPLICANT)
    assert seen and max(seen[0]) <= parties.MAX_NAME_CHARS
