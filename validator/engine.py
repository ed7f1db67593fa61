"""Chain the stages: discover -> extract -> match -> attribute seals -> check, into a Result.

This is the one module that knows every stage. It also does what belongs to
no single rule: stamping each finding's severity (config over rule default),
its fingerprint, and its waived state; deciding each item's status; and
masking ID-card numbers in the finished result, once, for every renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import validator
from validator.baseline import read_baseline
from validator.config import Config, RuleSetting, Waiver, find_config, load_config
from validator.discover import discover
from validator.errors import ConfigError, UsageError
from validator.extract import ExtractSettings, default_cache_dir, extract_documents
from validator.folding import fold
from validator.manifest import DEFAULT_MANIFEST, load_manifest, yaml_path
from validator.match import match_package
from validator.model import (
    Context,
    Document,
    Finding,
    ItemState,
    ItemStatus,
    Manifest,
    Note,
    Package,
    PackageResult,
    ReportedFinding,
    Result,
    Severity,
    SourceFile,
)
from validator.pii import redact_result
from validator.rules import RULES
from validator.rules.missing_item import UNDECIDED_MESSAGE
from validator.rules.options import OptionError, defaults, resolve
from validator.seal_owners import attribute_seals

# China's time zone: the regulator's "today", whatever the machine's clock says.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
# Fingerprints are this many hex digits of a SHA-256.
FINGERPRINT_LENGTH = 16


@dataclass(frozen=True)
class RunOptions:
    """What the command line says; None means "ask the config, then the default"."""

    manifest: str | None = None
    config: Path | None = None
    as_of: dt.date | None = None
    jobs: int | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    ocr_mode: str | None = None
    ocr_engine: str | None = None
    baseline: frozenset[str] | None = None  # fingerprints of --baseline; None: the config's
    select: tuple[str, ...] = ()  # --select: rule ids to run (empty: the config's, else all)
    ignore: tuple[str, ...] = ()  # --ignore: rule ids not to run, besides the config's
    show_pii: bool = False  # --show-pii: leave ID-card numbers unmasked in the result
    isolated: bool = False  # --isolated: no config file at all, whatever the folders hold
    progress: Callable[[str, int, int], None] | None = None


@dataclass(frozen=True)
class PackagePlan:
    """One folder's config, manifest and files, before extraction."""

    root: Path
    label: str
    config: Config
    manifest: Manifest
    files: tuple[SourceFile, ...] = ()


def today_in_china(now: dt.datetime | None = None) -> dt.date:
    return (now or dt.datetime.now(tz=CHINA_TZ)).astimezone(CHINA_TZ).date()


def run(folders: Sequence[str], options: RunOptions) -> Result:
    """Check each folder as one package; extraction of all files shares one pool."""
    return run_plans(prepare(folders, options), options)


def prepare(folders: Sequence[str], options: RunOptions) -> tuple[PackagePlan, ...]:
    """Each folder's config, manifest and files.

    Every mistake in a config or manifest (a rule option included) is raised
    here, before any file is read.
    """
    return tuple(_plan(folder, options) for folder in folders)


def run_plans(plans: Sequence[PackagePlan], options: RunOptions) -> Result:
    """Extract, match and check prepared packages; extraction of all files shares one pool."""
    as_of = options.as_of or _config_as_of(plans) or today_in_china()
    settings = _extract_settings(plans[0].config, options)
    all_files = [f for plan in plans for f in plan.files]
    documents = extract_documents(
        all_files,
        settings,
        jobs=options.jobs or os.cpu_count() or 1,
        cache_dir=(options.cache_dir or default_cache_dir()) if options.use_cache else None,
        progress=options.progress,
    )
    results = []
    start = 0
    for plan in plans:
        own = documents[start : start + len(plan.files)]
        start += len(plan.files)
        results.append(_check_package(plan, own, as_of, options))
    result = Result(tool_version=validator.__version__, as_of=as_of, packages=tuple(results))
    # Masked once, here: every renderer receives the masked result.
    return redact_result(result, options.show_pii)


def package_config(root: Path, explicit: Path | None, isolated: bool) -> Config:
    """``--config``, else the folder's own (see ``find_config``); none at all when isolated."""
    if isolated:
        return Config()
    return load_config(explicit or find_config(root.resolve()))


def _plan(folder: str, options: RunOptions) -> PackagePlan:
    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"not a folder: {folder}", hint="give the package folder to check")
    config = _with_rule_options(package_config(root, options.config, options.isolated))
    manifest = _manifest(config, options)
    # A custom manifest kept in the package folder is the checklist, not a material.
    files = [f for f in discover(root, ignore=config.exclude) if not _is_manifest(f, manifest)]
    return PackagePlan(root, folder, config, manifest, tuple(files))


def _is_manifest(source: SourceFile, manifest: Manifest) -> bool:
    """Whether ``source`` is the run's own manifest file, kept in the package folder."""
    try:
        return source.location.resolve() == Path(manifest.path)
    except (OSError, RuntimeError):  # a looping link: discover reports it; it is no manifest
        return False


def _manifest(config: Config, options: RunOptions) -> Manifest:
    """--manifest is relative to the working directory; the config's to the config's folder."""
    if options.manifest:
        return load_manifest(options.manifest)
    base = config.path.parent if config.path else None
    return load_manifest(config.manifest or DEFAULT_MANIFEST, base=base)


def _config_as_of(plans: Sequence[PackagePlan]) -> dt.date | None:
    dates = {plan.config.as_of for plan in plans if plan.config.as_of is not None}
    if len(dates) > 1:
        raise ConfigError(
            "the packages' configs pin different as_of dates",
            hint="check them separately, or give --as-of",
        )
    return dates.pop() if dates else None


def _extract_settings(config: Config, options: RunOptions) -> ExtractSettings:
    ocr = dict(config.ocr)
    if options.ocr_mode is not None:
        ocr["mode"] = options.ocr_mode
    if options.ocr_engine is not None:
        ocr["engine"] = options.ocr_engine
    return ExtractSettings.from_config(ocr=ocr, limits=config.limits)


def _check_package(
    plan: PackagePlan, documents: Sequence[Document], as_of: dt.date, options: RunOptions
) -> PackageResult:
    manifest = plan.manifest
    config = plan.config
    # Whose each seal is, decided once the applicant's name is known; every rule reads it.
    package = attribute_seals(match_package(plan.label, documents, manifest, config.facts))
    findings = stamp(
        run_rules(package, as_of, config.rules, selected_rules(config, options)),
        config.rules,
        config.waivers,
        as_of,
        _baseline(config, options),
    )
    return PackageResult(
        root=plan.label,
        manifest=manifest.info(),
        facts=package.facts,
        items=item_statuses(package, findings),
        documents=package.documents,
        matches=package.scores,
        findings=findings,
        config=_shown_config(plan),
        notes=_config_notes(config) + waiver_notes(config.waivers, package, findings, as_of),
        config_info=plan.config.info(plan.root, isolated=options.isolated),
        seal_owners=package.seal_owners,
    )


def _baseline(config: Config, options: RunOptions) -> frozenset[str]:
    """--baseline, else the config's ``baseline:`` (the pre-commit hook reads it there)."""
    if options.baseline is not None:
        return options.baseline
    return read_baseline(config.baseline) if config.baseline is not None else frozenset()


def _shown_config(plan: PackagePlan) -> str | None:
    """The package's config file, as a path beside the root the user gave (for annotations)."""
    path = plan.config.path
    if path is None:
        return None
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _config_notes(config: Config) -> tuple[Note, ...]:
    return tuple(Note(note, (("path", str(config.path)),)) for note in config.deprecations)


def waiver_notes(
    waivers: Sequence[Waiver],
    package: Package,
    findings: Sequence[ReportedFinding],
    as_of: dt.date,
) -> tuple[Note, ...]:
    """Waivers that cannot apply (an item or path that matches nothing) or waived nothing."""
    items = [item.id for item in package.manifest.items]
    paths = [document.path for document in package.documents]
    notes = []
    for number, waiver in enumerate(waivers, start=1):
        args: tuple[tuple[str, str], ...] = (("number", str(number)), ("rule", waiver.rule))
        if waiver.item is not None and waiver.item not in items:
            close = difflib.get_close_matches(waiver.item, items, n=1, cutoff=0.6)
            suggestion = close[0] if close else ""
            notes.append(
                Note("waiver.no-item", (*args, ("item", waiver.item), ("suggestion", suggestion)))
            )
        elif waiver.path is not None and not any(waiver.covers_path(p) for p in paths):
            notes.append(Note("waiver.no-path", (*args, ("path", waiver.path))))
        elif not waiver.expired(as_of) and not any(_waived_by(waiver, f) for f in findings):
            notes.append(Note("waiver.unused", args))
    return tuple(notes)


def _waived_by(waiver: Waiver, reported: ReportedFinding) -> bool:
    finding = reported.finding
    return reported.waived and waiver.covers(finding.rule, finding.item, finding.path)


def _with_rule_options(config: Config) -> Config:
    """The config with each rule's options checked against the rule's declaration and typed."""
    names = [*config.rules, *(w.rule for w in config.waivers), *config.select, *config.ignore]
    unknown = sorted({name for name in names if name not in RULES})
    if unknown:
        raise ConfigError(
            f"{config.path}: unknown rule id(s): {', '.join(unknown)}",
            hint=rule_hint(unknown[0]),
        )
    rules = {
        rule_id: dataclasses.replace(setting, options=_rule_options(config, rule_id, setting))
        for rule_id, setting in config.rules.items()
    }
    return dataclasses.replace(config, rules=rules)


def _rule_options(config: Config, rule_id: str, setting: RuleSetting) -> dict[str, object]:
    try:
        return resolve(RULES[rule_id].OPTIONS, setting.options)
    except OptionError as error:
        where = yaml_path(["rules", rule_id, "options", error.name])
        raise ConfigError(
            f"{config.path}: {where}: {error.problem}",
            hint=f"`material-validator explain {rule_id}` describes its options",
        ) from None


def rule_hint(name: str) -> str:
    """``did you mean 'missing-seal'?`` for a mistyped rule id, else where the ids are listed."""
    close = difflib.get_close_matches(name, list(RULES), n=1, cutoff=0.6)
    listing = "`material-validator explain` lists the rule ids"
    return f"did you mean {close[0]!r}? ({listing})" if close else listing


def check_rule_ids(names: Iterable[str], option: str) -> None:
    """Refuse an unknown rule id given on the command line, with a suggestion."""
    for name in names:
        if name not in RULES:
            raise UsageError(f"{option}: unknown rule id {name!r}", hint=rule_hint(name))


def selected_rules(config: Config, options: RunOptions) -> frozenset[str]:
    """The rules to run: ``--select``, else the config's ``select``, else all; minus ignores."""
    chosen = options.select or config.select or tuple(RULES)
    return frozenset(chosen) - set(options.ignore) - set(config.ignore)


def run_rules(
    package: Package,
    as_of: dt.date,
    settings: Mapping[str, RuleSetting],
    selected: frozenset[str] | None = None,
) -> list[Finding]:
    """Every selected rule that is not off, with its options merged over the defaults."""
    findings: list[Finding] = []
    for rule_id, rule in RULES.items():
        setting = settings.get(rule_id, RuleSetting())
        if setting.off or (selected is not None and rule_id not in selected):
            continue
        ctx = Context(
            as_of=as_of,
            settings=package.manifest.settings,
            options={**defaults(rule.OPTIONS), **setting.options},
        )
        findings += rule.check(package, ctx)
    return findings


def stamp(
    findings: Iterable[Finding],
    settings: Mapping[str, RuleSetting],
    waivers: Sequence[Waiver],
    as_of: dt.date,
    baseline: frozenset[str] = frozenset(),
) -> tuple[ReportedFinding, ...]:
    """Severity, fingerprint and waiver state for each finding, sorted for reports."""
    stamped = []
    for finding in findings:
        fingerprint = fingerprint_of(finding)
        waived, reason = _waiver_state(finding, fingerprint, waivers, as_of, baseline)
        stamped.append(
            ReportedFinding(
                finding=finding,
                severity=_severity(finding, settings),
                fingerprint=fingerprint,
                waived=waived,
                waiver_reason=reason,
            )
        )
    return tuple(sorted(stamped, key=lambda reported: reported.sort_key))


def _severity(finding: Finding, settings: Mapping[str, RuleSetting]) -> Severity:
    configured = settings.get(finding.rule, RuleSetting()).severity
    if configured is not None:
        return configured
    return finding.severity or RULES[finding.rule].SEVERITY


def _waiver_state(
    finding: Finding,
    fingerprint: str,
    waivers: Sequence[Waiver],
    as_of: dt.date,
    baseline: frozenset[str],
) -> tuple[bool, str]:
    """(waived, reason). A lapsed waiver waives nothing but says that it lapsed.

    Its reason then reads ``<expiry date>: <reason>``, so reports can tell the
    user why a finding they had waived is back.
    """
    covering = [w for w in waivers if w.covers(finding.rule, finding.item, finding.path)]
    live = next((w for w in covering if not w.expired(as_of)), None)
    if live is not None:
        return True, live.reason
    if fingerprint in baseline:
        return True, "baseline"
    lapsed = next((w for w in covering if w.expired(as_of)), None)
    return False, f"{lapsed.expires}: {lapsed.reason}" if lapsed else ""


def fingerprint_of(finding: Finding) -> str:
    """Stable across rescans: rule + item + path + evidence with whitespace and width folded."""
    evidence = fold(finding.key or finding.evidence, spaces=" ")
    key = "\x1f".join((finding.rule, finding.item or "", finding.path or "", evidence))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def item_statuses(package: Package, findings: Sequence[ReportedFinding]) -> tuple[ItemStatus, ...]:
    """present / missing / defective / not_applicable for every item, in manifest order."""
    defective = {
        f.finding.item
        for f in findings
        if f.severity is Severity.ERROR and not f.waived and f.finding.item
    }
    # The rule decides whether a missing conditional item is only a question.
    undecided = {f.finding.item for f in findings if f.finding.message_id == UNDECIDED_MESSAGE}
    statuses = []
    for item in package.manifest.items:
        assigned = package.assigned(item.id)
        status: ItemState
        if assigned:
            status = "defective" if item.id in defective else "present"
        else:
            status = "not_applicable" if item.expected(package.known_facts) is False else "missing"
        statuses.append(
            ItemStatus(
                item=item.id,
                category=item.category,
                title=item.title,
                status=status,
                required=item.required,
                documents=assigned,
                undecided=status == "missing" and item.id in undecided,
            )
        )
    return tuple(statuses)
