"""Matching accuracy over the sample packages: which document went to which item.

Every package under fixtures/packages/ has an ``<name>.expected.yaml`` that
names the item (and page range) of each document. This script runs the real
pipeline (extraction with OCR, cached) and prints, per package and overall,
the share of documents matched to their item, and the confusion between
items for the ones that were not.

    .venv/bin/python benchmarks/matching.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from validator.engine import RunOptions, run
from validator.model import PackageResult

PACKAGES = Path(__file__).resolve().parent.parent / "fixtures" / "packages"
NONE = "(none)"

Key = tuple[str, tuple[int, int] | None]


def assigned(package: PackageResult) -> dict[Key, str]:
    """(path, page range) -> the item the tool chose."""
    return {
        (a.path, (a.first, a.last) if a.first is not None else None): status.item  # type: ignore[misc]
        for status in package.items
        for a in status.documents
    }


def expected(name: str) -> dict[Key, str]:
    data = yaml.safe_load((PACKAGES / f"{name}.expected.yaml").read_text("utf-8"))
    return {
        (d["path"], tuple(d["pages"]) if d["pages"] else None): d["item"] or NONE
        for d in data["documents"]
    }


def compare(name: str, package: PackageResult) -> Counter[tuple[str, str]]:
    """(expected item, chosen item) counts for every document the expectations list."""
    chosen = assigned(package)
    return Counter((want, chosen.get(key, NONE)) for key, want in expected(name).items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    names = sorted(p.name for p in PACKAGES.iterdir() if p.is_dir())
    result = run([str(PACKAGES / n) for n in names], RunOptions(cache_dir=args.cache_dir))
    total: Counter[tuple[str, str]] = Counter()
    for name, package in zip(names, result.packages, strict=True):
        pairs = compare(name, package)
        total += pairs
        right = sum(n for (want, got), n in pairs.items() if want == got)
        print(f"{name:20} {right:3}/{sum(pairs.values()):3} documents matched to their item")
    right = sum(n for (want, got), n in total.items() if want == got)
    print(
        f"{'all':20} {right:3}/{sum(total.values()):3}  accuracy {right / sum(total.values()):.3f}"
    )
    confused = {pair: n for pair, n in total.items() if pair[0] != pair[1]}
    print("confusion (expected -> chosen):" if confused else "no confusion between items")
    for (want, got), n in sorted(confused.items()):
        print(f"  {want} -> {got}: {n}")


if __name__ == "__main__":
    main()
