"""The benchmarks' results as a Markdown table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str = ""
    met: bool | None = None


def print_table(title: str, rows: Sequence[Row]) -> None:
    print(title)
    print()
    widths = (44, 14, 10)
    print(f"| {'measure':<{widths[0]}} | {'value':>{widths[1]}} | {'target':<{widths[2]}} | ok  |")
    print(f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 2)}|-----|")
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "NO")
        print(
            f"| {row.measure:<{widths[0]}} | {row.value:>{widths[1]}} "
            f"| {row.target:<{widths[2]}} | {met:<3} |"
        )


def ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}" if part and whole else "n/a"


def mb(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB"
