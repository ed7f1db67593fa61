"""Start-up of the command: ``--help`` and a warm run, against the cold run, in one run.

A pre-commit hook runs ``material-validator`` on every commit; most of those
runs find every file in the cache. This measures, on one generated folder of
scanned pages (see ``builder``):

a. ``material-validator --help``, wall time, median of several runs;
b. a cold ``check`` (fresh cache) and warm ones over that cache (median);
c. with ``python -X importtime``: the total import time of ``--help`` and of
   a warm run, and which of the heavy stacks each imports (numpy, Pillow,
   PDFium, the worker pool, the readers, Jinja2 ...).

``--before SRC`` measures the same with the ``validator`` package found in
SRC (a checkout of an earlier version: ``git worktree add SRC COMMIT``)
first, so both versions are timed on the same machine in the same minutes.

Usage: ``python benchmarks/startup.py [--pages N] [--jobs W] [--before SRC]``.
Exits 1 when the warm run is over 5% of the cold one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder import AS_OF, build_package
from table import Row, print_table

# --- targets (SPEC §10 for the warm run; the hook's start-up for --help)
WARM_TARGET = 0.05  # warm run / cold run
# Runs timed for each median.
REPEATS = 5
# Modules whose import a command that does not use them should not pay for.
HEAVY = (
    "numpy",
    "PIL",
    "pypdfium2",
    "pebble",
    "tesserocr",
    "docx",
    "openpyxl",
    "jinja2",
    "validator.extract.schedule",
    "validator.extract.formats",
)
# What --help in particular does not need either.
HELP_HEAVY = (*HEAVY, "jsonschema", "yaml", "rich", "validator.engine", "validator.rules")


# The commands run from here: ``python -c`` puts the working directory first on
# sys.path, and a checkout's own folder would shadow the version asked for.
_NEUTRAL = tempfile.gettempdir()


@dataclass(frozen=True)
class Version:
    """One version of the tool: where its package comes from, and what it measured."""

    label: str
    source: Path | None  # None: the installed (this checkout's) package
    help_s: float = 0.0
    cold_s: float = 0.0
    warm_s: float = 0.0
    help_imports_s: float = 0.0
    warm_imports_s: float = 0.0
    help_heavy: tuple[str, ...] = ()
    warm_heavy: tuple[str, ...] = ()


def tool() -> list[str]:
    """The console script's code run by this interpreter (so that -X options apply)."""
    return [sys.executable, "-c", "from validator.cli import main; main()"]


def environment(source: Path | None) -> dict[str, str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return env


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False, cwd=_NEUTRAL)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return seconds


def imports(command: Sequence[str], env: dict[str, str]) -> tuple[float, set[str]]:
    """Total import seconds of ``command`` (the sum of each module's own time) and the
    top-level names of the modules it imported."""
    [python, *rest] = command
    done = subprocess.run(
        [python, "-X", "importtime", *rest], env=env, capture_output=True, check=False, cwd=_NEUTRAL
    )
    total_us, names = 0, set()
    for line in done.stderr.decode().splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        total_us += int(own)
        names.add(name.strip())
    return total_us / 1e6, names


def heavy(names: set[str], watched: Sequence[str]) -> tuple[str, ...]:
    return tuple(m for m in watched if any(n == m or n.startswith(f"{m}.") for n in names))


def measure(version: Version, package: Path, workspace: Path, jobs: int) -> Version:
    env = environment(version.source)
    cache = workspace / f"cache-{version.label}"
    check = [*tool(), "check", str(package), "--cache-dir", str(cache), "--jobs", str(jobs)]
    check += ["--format", "json", "--output", str(workspace / "report.json")]
    check += ["--as-of", AS_OF, "--quiet"]
    help_command = [*tool(), "--help"]
    help_s = statistics.median(timed(help_command, env) for _ in range(REPEATS))
    print(f"{version.label}: cold run ...", file=sys.stderr)
    cold_s = timed(check, env)
    warm_s = statistics.median(timed(check, env) for _ in range(REPEATS))
    help_imports, help_names = imports(help_command, env)
    warm_imports, warm_names = imports(check, env)
    return Version(
        version.label,
        version.source,
        help_s,
        cold_s,
        warm_s,
        help_imports,
        warm_imports,
        heavy(help_names, HELP_HEAVY),
        heavy(warm_names, HEAVY),
    )


def rows(version: Version) -> list[Row]:
    warm_ratio = version.warm_s / version.cold_s
    label = version.label
    return [
        Row(f"{label}: --help, median of {REPEATS}", f"{version.help_s:.3f} s"),
        Row(f"{label}:   its imports (-X importtime)", f"{version.help_imports_s:.3f} s"),
        Row(f"{label}:   heavy stacks imported", ", ".join(version.help_heavy) or "none"),
        Row(f"{label}: cold run (fresh cache)", f"{version.cold_s:.2f} s"),
        Row(f"{label}: warm run, median of {REPEATS}", f"{version.warm_s:.3f} s"),
        Row(f"{label}:   its imports (-X importtime)", f"{version.warm_imports_s:.3f} s"),
        Row(f"{label}:   heavy stacks imported", ", ".join(version.warm_heavy) or "none"),
        Row(
            f"{label}: warm / cold",
            f"{warm_ratio:.1%}",
            f"<= {WARM_TARGET:.0%}",
            warm_ratio <= WARM_TARGET if version.source is None else None,
        ),
    ]


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=16, help="scanned pages (default 16)")
    parser.add_argument("--jobs", type=int, default=2, help="workers (default 2)")
    parser.add_argument("--before", type=Path, help="a checkout of an earlier version")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse(argv)
    workspace = args.keep or Path(tempfile.mkdtemp(prefix="mv-startup-"))
    try:
        package = build_package(workspace / "package", args.pages, 0, 0)
        versions = [Version("before", args.before.resolve())] if args.before else []
        versions.append(Version("now", None))
        measured = [measure(v, package.folder, workspace, args.jobs) for v in versions]
    finally:
        if args.keep is None:
            shutil.rmtree(workspace, ignore_errors=True)
    table = [row for version in measured for row in rows(version)]
    if len(measured) == 2:
        before, now = measured
        share = now.help_s / before.help_s
        table.append(Row("--help now / before", f"{share:.0%}", "< 25%", share < 1 / 4))
    print_table(
        f"material-validator start-up, {args.pages} scanned pages, --jobs {args.jobs}, "
        f"load average {os.getloadavg()[0]:.2f}",
        table,
    )
    return 0 if all(row.met is not False for row in table) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
