"""Find, validate and layer ``.material-validator.yaml`` (SPEC §7).

The config is looked up in the checked folder, then its parents up to the
git top-level (only the folder itself outside git); a
``[tool.material-validator]`` table in a ``pyproject.toml`` on the way counts
too. Command-line options override the file. Unknown keys are errors that
name the key, like a typo in a manifest. Limits have hard ceilings in the
schema: a package's own config cannot lift them. ``Config.info()`` says which
file was used and what it switched off, for the report.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from validator.errors import ConfigError
from validator.manifest import yaml_path
from validator.model import ConfigInfo, Severity

CONFIG_NAME = ".material-validator.yaml"
# What marks a git work tree's top level (a folder, or a file in a linked worktree).
GIT_MARKER = ".git"
PYPROJECT_TABLE = "material-validator"
# Where an installed tool shows what a config may hold (no docs/ folder ships with it).
CONFIG_HINT = "`material-validator config-help` shows every key with a comment"


@dataclass(frozen=True)
class RuleSetting:
    """A per-rule override: a severity, ``off``, and the rule's options."""

    severity: Severity | None = None
    off: bool = False
    options: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Waiver:
    """A documented exception: matching findings stay in the report as waived."""

    rule: str
    reason: str
    item: str | None = None
    path: str | None = None  # a glob over the package-relative path
    expires: dt.date | None = None

    def covers(self, rule: str, item: str | None, path: str | None) -> bool:
        if rule != self.rule or (self.item is not None and item != self.item):
            return False
        return self.path is None or (path is not None and self.covers_path(path))

    def covers_path(self, path: str) -> bool:
        return self.path is None or fnmatch.fnmatch(path, self.path)

    def expired(self, as_of: dt.date) -> bool:
        return self.expires is not None and self.expires < as_of


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    manifest: str | None = None
    as_of: dt.date | None = None
    lang: str | None = None
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()  # globs over package-relative paths that are not materials
    select: tuple[str, ...] = ()  # rule ids to run (empty: all)
    ignore: tuple[str, ...] = ()  # rule ids not to run
    baseline: Path | None = None  # a baseline file, relative to the config's folder
    deprecations: tuple[str, ...] = ()  # message ids of keys still read under an old meaning
    facts: Mapping[str, object] = field(default_factory=dict)
    ocr: Mapping[str, object] = field(default_factory=dict)
    limits: Mapping[str, object] = field(default_factory=dict)
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()

    def info(self, root: Path, *, isolated: bool = False) -> ConfigInfo:
        """Which file this is (relative to ``root`` when inside it) and what it switched off."""
        return ConfigInfo(
            path=_shown_path(self.path, root) if self.path else None,
            isolated=isolated,
            rules_off=self._rules_off(),
            severities=tuple(
                sorted((rule, s.severity.value) for rule, s in self.rules.items() if s.severity)
            ),
            exclude=self.exclude,
            fail_on=self.fail_on,
            waivers=len(self.waivers),
        )

    def _rules_off(self) -> tuple[str, ...]:
        """Rules set ``off``, ignored, or left out of a ``select``."""
        off = {rule for rule, setting in self.rules.items() if setting.off} | set(self.ignore)
        if self.select:
            from validator.rules import RULES  # noqa: PLC0415 - the rule registry, only when needed

            off |= set(RULES) - set(self.select)
        return tuple(sorted(off))


class _TextDatesLoader(yaml.SafeLoader):
    """A SafeLoader that leaves ``2026-13-01`` as text for the schema to judge.

    PyYAML turns date-like scalars into dates and raises on impossible ones;
    keeping them as text gives one validation path and one error message.
    """


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@functools.cache
def schema() -> dict[str, Any]:
    text = (resources.files("validator") / "config.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def find_config(folder: Path) -> Path | None:
    """The nearest config for ``folder``: its own, else a parent's inside the same git work tree.

    The search stops at the git top-level, as pre-commit's does; outside a
    git repository only the folder's own config counts. A folder someone
    handed over cannot be switched off by whatever lies above it (a shared
    upload folder, a home directory).
    """
    for directory in searched_folders(folder):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def searched_folders(folder: Path) -> tuple[Path, ...]:
    """``folder``, then its parents up to the git top-level holding it (if any)."""
    chain = (folder, *folder.parents)
    for depth, directory in enumerate(chain):
        if (directory / GIT_MARKER).exists():
            return chain[: depth + 1]
    return (folder,)


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    raw = _pyproject_table(path) if path.name == "pyproject.toml" else _read_yaml(path)
    data = raw if raw is not None else {}
    _validate(data, path)
    return _build(data, path)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text("utf-8"), Loader=_TextDatesLoader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read pyproject.toml: {exc}") from exc
    table = data.get("tool", {}).get(PYPROJECT_TABLE)
    return _dates_as_text(table) if isinstance(table, dict) else None


def _dates_as_text(value: Any) -> Any:
    """TOML's native dates (``as_of = 2026-06-01``) as the ISO text the schema validates."""
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, dt.date | dt.time):  # a datetime too: the schema then names it
        return value.isoformat()
    return value


def _validate(data: Any, path: Path) -> None:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config is a YAML mapping of settings")
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise ConfigError(
            f"{path}: {yaml_path(error.absolute_path)}: {error.message}",
            hint=CONFIG_HINT,
        )


def _build(data: Mapping[str, Any], path: Path) -> Config:
    return Config(
        path=path,
        manifest=data.get("manifest"),
        as_of=dt.date.fromisoformat(data["as_of"]) if "as_of" in data else None,
        lang=data.get("lang"),
        fail_on=data.get("fail_on"),
        **_selection(data, path),
        baseline=(path.parent / data["baseline"]) if "baseline" in data else None,
        facts=dict(data.get("facts", {})),
        ocr=dict(data.get("ocr", {})),
        limits=dict(data.get("limits", {})),
        rules={rule: _rule_setting(value) for rule, value in data.get("rules", {}).items()},
        waivers=tuple(_waiver(w) for w in data.get("waivers", [])),
    )


def _selection(data: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """``exclude`` (file globs), ``select`` and ``ignore`` (rule ids).

    ``ignore`` used to hold file globs. A list that names no rule id and whose
    entries all look like paths (``草稿/**``, ``*.bak``) is still read that way,
    with a deprecation note that says to rename it. Any other list is rule ids:
    a mistyped one is an error that names it, never a silent switch to globs
    that would run every rule the list meant to turn off.
    """
    from validator.rules import RULES  # noqa: PLC0415 - the rule registry, only when needed

    exclude = list(data.get("exclude", []))
    ignore = list(data.get("ignore", []))
    notes: list[str] = []
    if (
        ignore
        and not any(entry in RULES for entry in ignore)
        and all(map(_looks_like_glob, ignore))
    ):
        exclude += ignore
        ignore = []
        notes.append("config.ignore-globs")
    return {
        "exclude": tuple(exclude),
        "select": tuple(data.get("select", [])),
        "ignore": tuple(ignore),
        "deprecations": tuple(notes),
    }


def _looks_like_glob(entry: str) -> bool:
    """A file glob or path, not a rule id (rule ids are kebab-case words)."""
    return any(mark in entry for mark in "/*?.[")


def _rule_setting(value: str | bool | Mapping[str, Any]) -> RuleSetting:
    if value is False:  # YAML 1.1 reads a bare `off` as false
        value = "off"
    if isinstance(value, str | bool):
        value = {"severity": value}
    severity = value.get("severity")
    severity = "off" if severity is False else severity
    return RuleSetting(
        severity=Severity(severity) if severity not in (None, "off") else None,
        off=severity == "off",
        options=dict(value.get("options", {})),
    )


def _waiver(raw: Mapping[str, Any]) -> Waiver:
    expires = raw.get("expires")
    return Waiver(
        rule=raw["rule"],
        reason=raw["reason"],
        item=raw.get("item"),
        path=raw.get("path"),
        expires=dt.date.fromisoformat(expires) if expires else None,
    )


def _shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)
