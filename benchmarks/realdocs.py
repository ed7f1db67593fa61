"""How the tool reads real documents: fields, seals, and errors on valid documents.

The list ``benchmarks/realdocs.json`` names public documents (business
licence photos and scans, seal pages, certificates, text-layer PDFs, Word
files, hostile PDFs) by repository, commit, path and sha256, each with
labels made by eye (the format: ``docs/realdocs.md``). The files are
third-party and never enter this repository: they are rebuilt from bare git
mirrors of their repositories (``MIRRORS/owner+name/repo``).

Each file is checked as a package of its own, all in one run of the engine
(one worker pool, one cache), with the as-of date the labels were made for.
The table gives, per field of the business licences, how often the fact sheet
read it right, read it wrong, or did not read it; seal precision, recall and
owners read; and every error finding on a document its labels call valid.

    .venv/bin/python benchmarks/realdocs.py --mirrors /work/.mirror
    .venv/bin/python benchmarks/realdocs.py --ocr-engine tesseract --json /tmp/t.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from validator import engine
from validator.facts.dates import find_dates, issue_date, validity_end
from validator.facts.parties import same_company, same_person
from validator.model import Document, PackageResult

LIST = Path(__file__).with_name("realdocs.json")
# The day the labels' expiries were judged for.
AS_OF = dt.date(2026, 11, 28)
LICENCE = "business_licence"
FIELDS = (
    "applicant_name",
    "uscc",
    "legal_representative",
    "registered_capital_yuan",
    "validity_end",
    "issue_date",
)
# Errors that come from reading a document; a valid document must never get one.
READING_RULES = frozenset(
    {
        "expired",
        "insufficient-capital",
        "invalid-identifier",
        "stale-document",
        "inconsistent-identity",
        "unreadable-document",
        "unnamed-certification",
    }
)
# Labelled problems that leave a document valid: how it was photographed or published.
BENIGN_PROBLEMS = frozenset(
    {
        None,
        "exif_rotated",
        "wrong_extension",
        "watermark_overlay",
        "copy_with_watermark",
        "redacted_fields",
        "low_resolution",
        "validity_blank",
    }
)
# A seal's ring read as its owner when this similar to the label (difflib ratio, or
# rapidfuzz's partial ratio for the legible part of a label with …).
OWNER_SIMILARITY = 0.8
_YUAN = re.compile(r"\(([0-9,]+) 元\)")


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    missed: int = 0
    invented: int = 0  # read where the labels say nothing is printed
    examples: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        total = self.right + self.wrong + self.missed
        share = f"{self.right / total:.0%}" if total else "-"
        return (
            f"| {name:<22} | {self.right:>5} | {self.wrong:>5} | {self.missed:>8} "
            f"| {self.invented:>8} | {share:>5} |"
        )


@dataclass
class Seals:
    labelled: int = 0
    found_true: int = 0  # up to the labelled count, per file
    false: int = 0  # found on files whose labels show no red seal
    files_without: int = 0
    owners_labelled: int = 0
    owners_read: int = 0
    # Shapes (round, oval, square) of the labelled seals that a found seal has too,
    # counted as a multiset per file: a round and an oval found as two rounds is one right.
    shapes_labelled: int = 0
    shapes_right: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    entries = json.loads(args.list.read_text(encoding="utf-8"))
    files = rebuild(entries, args.mirrors, args.files)
    usable = [entry for entry in entries if entry["file"] in files]
    with tempfile.TemporaryDirectory(prefix="realdocs-") as scratch:
        folders = packages(usable, files, Path(scratch))
        result = engine.run(
            [str(folder) for folder in folders],
            engine.RunOptions(
                as_of=AS_OF,
                jobs=args.jobs,
                cache_dir=args.cache_dir,
                use_cache=args.cache_dir is not None,
                # Asked only when given, so that a version without the choice can be measured.
                **({"ocr_engine": args.ocr_engine} if args.ocr_engine else {}),
            ),
        )
    report = score(usable, result.packages)
    print_report(report, args)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return 0


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=LIST)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument(
        "--files", type=Path, default=Path(tempfile.gettempdir()) / "material-validator-realdocs"
    )
    parser.add_argument("--ocr-engine", choices=("auto", "tesseract", "rapidocr"))
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--cache-dir", type=Path, help="reuse extractions (default: none)")
    parser.add_argument("--json", type=Path, help="write the per-file results here")
    return parser.parse_args(argv)


def rebuild(entries: Sequence[dict[str, Any]], mirrors: Path, out: Path) -> dict[str, Path]:
    """The listed files, written from the mirrors once and checked by sha256."""
    found: dict[str, Path] = {}
    missing: set[str] = set()
    for entry in entries:
        target = out / entry["file"]
        if not (target.exists() and _sha256(target.read_bytes()) == entry["sha256"]):
            data = _from_mirror(mirrors, entry)
            if data is None:
                missing.add(entry["repo"])
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        found[entry["file"]] = target
    for repo in sorted(missing):
        print(f"not rebuilt (fetch github:{repo} into the mirrors first)", file=sys.stderr)
    return found


def _from_mirror(mirrors: Path, entry: dict[str, Any]) -> bytes | None:
    git = mirrors / entry["repo"].replace("/", "+") / "repo"
    if not git.exists():
        return None
    shown = subprocess.run(
        ["git", "--git-dir", str(git), "show", f"{entry['commit']}:{entry['path']}"],
        capture_output=True,
        check=False,
    )
    return shown.stdout if _sha256(shown.stdout) == entry["sha256"] else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def packages(
    entries: Sequence[dict[str, Any]], files: dict[str, Path], scratch: Path
) -> list[Path]:
    """One folder per file, holding a copy of it under its own name."""
    folders = []
    for number, entry in enumerate(entries):
        folder = scratch / f"{number:03d}"
        folder.mkdir()
        shutil.copyfile(files[entry["file"]], folder / Path(entry["file"]).name)
        folders.append(folder)
    return folders


def score(entries: Sequence[dict[str, Any]], results: Sequence[PackageResult]) -> dict[str, Any]:
    fields = {name: Tally() for name in FIELDS}
    seals = Seals()
    false_errors: list[dict[str, str]] = []
    per_file = []
    for entry, package in zip(entries, results, strict=True):
        labels = entry["labels"]
        read = read_fields(package) if labels["kind"] == LICENCE else {}
        if labels["kind"] == LICENCE:
            for name in FIELDS:
                if name in labels.get("fields", {}):
                    judge(fields[name], name, labels["fields"][name], read.get(name), entry)
        seen = count_seals(seals, labels, package)
        errors = list(reading_errors(entry, package))
        false_errors.extend(errors)
        per_file.append(
            {"file": entry["file"], "read": read, "seals": seen, "false_errors": errors}
        )
    return {
        "fields": {name: vars(tally) for name, tally in fields.items()},
        "seals": vars(seals),
        "false_errors": false_errors,
        "files": per_file,
        "licences": sum(entry["labels"]["kind"] == LICENCE for entry in entries),
        "documents": len(entries),
    }


def read_fields(package: PackageResult) -> dict[str, str | None]:
    """What the fact sheet says of the licence, in the labels' terms."""
    facts = package.facts
    capital = facts.registered_capital.value if facts.registered_capital else ""
    yuan = _YUAN.search(capital)
    end, issued = licence_dates(package)
    return {
        "applicant_name": facts.applicant.value if facts.applicant else None,
        "uscc": facts.uscc.value if facts.uscc else None,
        "legal_representative": (
            facts.legal_representative.value if facts.legal_representative else None
        ),
        "registered_capital_yuan": yuan.group(1).replace(",", "") if yuan else None,
        "validity_end": end,
        "issue_date": issued,
    }


def licence_dates(package: PackageResult) -> tuple[str | None, str | None]:
    """The licence's validity end and issue date: the fact sheet's, where it has them,
    else read from the licence's text the way the date rules read it."""
    facts = package.facts
    if hasattr(facts, "validity_end"):
        end, issued = facts.validity_end, facts.issue_date
        return (end.value if end else None), (issued.value if issued else None)
    document = _licence(package)
    if document is None:
        return None, None
    dates = find_dates(document.text)
    end_fact, issue_fact = validity_end(dates), issue_date(dates)
    end = None
    if end_fact is not None:
        end = "长期" if end_fact.indefinite else str(end_fact.value)
    return end, (str(issue_fact.value) if issue_fact and issue_fact.value else None)


def _licence(package: PackageResult) -> Document | None:
    for status in package.items:
        if status.item == "company.business_license" and status.documents:
            path = status.documents[0].path
            return next(d for d in package.documents if d.path == path)
    return None


def judge(tally: Tally, name: str, label: object, read: str | None, entry: dict[str, Any]) -> None:
    if label is None:
        if read is not None:
            tally.invented += 1
            tally.examples.append(f"{entry['file']}: read {read!r}, none printed")
        return
    if read is None:
        tally.missed += 1
    elif same_value(name, str(label), read):
        tally.right += 1
    else:
        tally.wrong += 1
        tally.examples.append(f"{entry['file']}: read {read!r}, printed {label!r}")


def same_value(name: str, label: str, read: str) -> bool:
    if name == "applicant_name":
        return same_company(label, read)
    if name == "legal_representative":
        return same_person(label, read)
    return label.strip().upper() == read.strip().upper()


def count_seals(seals: Seals, labels: dict[str, Any], package: PackageResult) -> dict[str, Any]:
    """Add the file's seals to the tally; what was labelled and what was found, for the JSON."""
    labelled = [s for s in labels.get("seals", []) if s.get("colour") == "red"]
    if not labels.get("seals"):
        labelled = [{"owner": None}] * int(labels.get("red_round_seals") or 0)
    found = [s for d in package.documents for p in d.pages for s in p.seals if s.colour == "red"]
    seen = {
        "labelled": [seal.get("owner") for seal in labelled],
        "found": [
            {
                "bbox": list(seal.bbox),
                "shape": seal.shape,
                "ring_text": seal.ring_text,
                "centre_text": seal.centre_text,
                "lower_text": seal.lower_text,
                "ring_confidence": seal.ring_confidence,
            }
            for seal in found
        ],
    }
    if not labelled:
        seals.files_without += 1
        seals.false += len(found)
        return seen
    seals.labelled += len(labelled)
    seals.found_true += min(len(found), len(labelled))
    rings = [s.ring_text for s in found if s.ring_text]
    for seal in labelled:
        if seal.get("owner"):
            seals.owners_labelled += 1
            seals.owners_read += any(_similar(seal["owner"], ring) for ring in rings)
    shapes = Counter(seal["shape"] for seal in labelled if seal.get("shape"))
    seals.shapes_labelled += sum(shapes.values())
    seals.shapes_right += sum((shapes & Counter(s.shape for s in found)).values())
    return seen


def _similar(owner: str, ring: str) -> bool:
    """Is the ring read as the labelled owner? A label with … (characters nobody can
    read on the image) counts as read when its legible part is found in the ring."""
    if "…" in owner:
        legible = max(owner.split("…"), key=len)
        # partial_ratio aligns the shorter string: a short ring reading must not pass.
        long_enough = len(ring) >= len(legible) - 1
        return long_enough and fuzz.partial_ratio(legible, ring) / 100 >= OWNER_SIMILARITY
    return difflib.SequenceMatcher(None, owner, ring).ratio() >= OWNER_SIMILARITY


def is_valid(labels: dict[str, Any]) -> bool:
    """Whether the labels call the document valid: nothing a reviewer would reject it for."""
    if labels["kind"] == "hostile" or labels.get("expired_as_of_2026_11_28"):
        return False
    return labels.get("expected_problem") in BENIGN_PROBLEMS


def reading_errors(entry: dict[str, Any], package: PackageResult) -> Iterator[dict[str, str]]:
    """Error findings from reading a document its labels call valid."""
    if not is_valid(entry["labels"]):
        return
    for reported in package.findings:
        finding = reported.finding
        if reported.severity.value == "error" and finding.rule in READING_RULES:
            yield {"file": entry["file"], "rule": finding.rule, "evidence": finding.evidence}


def print_report(report: dict[str, Any], args: argparse.Namespace) -> None:
    print(
        f"\nReal documents: {report['documents']} files, {report['licences']} business licences; "
        f"OCR engine {args.ocr_engine or 'auto'}; as of {AS_OF}\n"
    )
    print("| licence field          | right | wrong | not read | invented | share |")
    print("|------------------------|------:|------:|---------:|---------:|------:|")
    for name, tally in report["fields"].items():
        print(Tally(**tally).row(name))
    seals = report["seals"]
    precision = seals["found_true"] / max(1, seals["found_true"] + seals["false"])
    print(
        f"\nseals: {seals['found_true']} of {seals['labelled']} red seals found "
        f"(recall {seals['found_true'] / max(1, seals['labelled']):.0%}); "
        f"{seals['false']} found on {seals['files_without']} files without one "
        f"(precision {precision:.0%}); owners read {seals['owners_read']} "
        f"of {seals['owners_labelled']}; shapes right {seals['shapes_right']} of "
        f"{seals['shapes_labelled']}"
    )
    errors = report["false_errors"]
    rules = Counter(error["rule"] for error in errors)
    print(f"\nerror findings on valid documents: {len(errors)} {dict(rules) or ''}")
    for error in errors:
        print(f"  {error['rule']}: {error['file']}: {error['evidence'][:80]}")
    for name, tally in report["fields"].items():
        for example in tally["examples"]:
            print(f"  {name}: {example}")


if __name__ == "__main__":
    sys.exit(main())
