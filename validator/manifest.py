"""Load manifests: parse YAML, validate against the schema, resolve ``extends``.

A manifest is looked up by built-in id (``icp``) or by path. Every file in an
``extends`` chain is validated on its own against ``manifest.schema.json``
before the chain is merged, so an error names the file and the YAML path of
the problem (``categories[2].items[0].validity.max_age_days: 'x' is not of
type 'integer'``). The merged result must then be complete: every item has a
title, a ``required`` value and a way to be matched.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from validator.errors import ManifestError
from validator.folding import fold
from validator.model import (
    Alternative,
    Category,
    Certification,
    Condition,
    Item,
    Keyword,
    Manifest,
    MatchSpec,
    Provenance,
    Required,
    Requirements,
    SealKind,
    SealWords,
    Text,
    Topic,
    Validity,
)

SCHEMA_NAME = "manifest.schema.json"
DEFAULT_MANIFEST = "icp"
# Settings every manifest has, whatever its file says.
DEFAULT_SETTINGS: Mapping[str, object] = {
    "expiring_soon_days": 60,
    "capital_min_yuan": {"provincial": 1_000_000, "cross_regional": 10_000_000},
    "default_scope": "provincial",
    "near_tie_ratio": 0.1,
    "min_match_score": 1.0,
    "business_scope_keywords": [],
}
# The fields an item inherits one by one from its parent when a child overrides it.
# libyaml's loader is ten times faster when PyYAML was built with it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where an item is declared: the manifest file and the 1-based line.
Lines = tuple[str, int]


def manifests_dir() -> Path:
    """Where the built-in manifests are: inside the wheel, or in the source tree."""
    packaged = Path(__file__).parent / "manifests"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "manifests"


def builtin_manifests() -> dict[str, Path]:
    """Built-in manifest ids and their files."""
    return {path.stem: path for path in sorted(manifests_dir().glob("*.yaml"))}


@functools.cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((manifests_dir() / SCHEMA_NAME).read_text("utf-8"))
    return loaded


def load_manifest(
    name_or_path: str | Path = DEFAULT_MANIFEST, base: Path | None = None
) -> Manifest:
    """Load a built-in manifest by id, or a manifest file by path (relative to ``base``)."""
    path = _resolve(str(name_or_path), base=base or Path.cwd())
    raw, lines = _merged(path, chain=())
    _check_complete(raw, path)
    return _build(raw, path, lines)


def _resolve(name: str, base: Path) -> Path:
    builtin = builtin_manifests()
    if name in builtin:
        return builtin[name]
    candidate = (base / name).expanduser()
    if candidate.is_file():
        return candidate
    known = ", ".join(builtin) or "none"
    raise ManifestError(
        f"manifest {name!r} not found",
        hint=f"give a built-in manifest id ({known}) or the path of a YAML file",
    )


def _merged(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, Lines]]:
    """The manifest at ``path`` with its ``extends`` chain merged in, and item lines."""
    if path.resolve() in chain:
        names = " -> ".join(str(p) for p in (*chain, path.resolve()))
        raise ManifestError(f"manifest extends itself: {names}")
    raw, lines = _read(path)
    _validate(raw, path)
    parent_name = raw.get("extends")
    if not parent_name:
        return raw, lines
    parent, parent_lines = _merged(
        _resolve(parent_name, base=path.parent), (*chain, path.resolve())
    )
    return merge(parent, raw), {**parent_lines, **lines}


def _read(path: Path) -> tuple[dict[str, Any], dict[str, Lines]]:
    try:
        text = path.read_text("utf-8")
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read manifest: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ManifestError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: a manifest is a YAML mapping with id, version and title")
    lines = {item: (str(path), line) for item, line in _item_lines(node)} if node else {}
    return data, lines


def _item_lines(node: yaml.Node) -> Iterator[tuple[str, int]]:
    """(item id, 1-based line) for every item mapping under categories[*].items."""
    for category in _mapping_value(node, "categories") or []:
        for item in _mapping_value(category, "items") or []:
            item_id = _mapping_value(item, "id")
            if isinstance(item_id, str):
                yield item_id, item.start_mark.line + 1


def _mapping_value(node: yaml.Node, key: str) -> Any:
    """The child node (or the scalar) under ``key`` of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if key_node.value == key:
            if isinstance(value_node, yaml.ScalarNode):
                return value_node.value
            return value_node.value if isinstance(value_node, yaml.SequenceNode) else value_node
    return None


def _validate(raw: Mapping[str, Any], path: Path) -> None:
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(raw), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    error = jsonschema.exceptions.best_match(errors) or errors[0]
    where = yaml_path(error.absolute_path)
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise ManifestError(
        f"{path}: {where}: {error.message}{more}",
        hint="the built-in manifests show the format: `material-validator manifests --show icp`",
    )


def yaml_path(parts: Iterator[object] | Any) -> str:
    """``['categories', 2, 'items', 0]`` -> ``categories[2].items[0]``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Merge a child manifest into its parent, by id, field by field."""
    result = copy.deepcopy(dict(parent))
    for key in ("id", "version", "title", "provenance", "vague_certification_phrases"):
        if key in child:
            result[key] = copy.deepcopy(child[key])
    for key in ("settings", "seal_kinds"):
        result[key] = {**result.get(key, {}), **copy.deepcopy(child.get(key, {}))}
    result["seal_words"] = _merge_words(result.get("seal_words", {}), child.get("seal_words", {}))
    result["certifications"] = _merge_by_id(
        result.get("certifications", []), child.get("certifications", []), replace=True
    )
    result["categories"] = _merge_by_id(result.get("categories", []), child.get("categories", []))
    removed = set(child.get("remove", []))
    result["categories"] = [
        {**cat, "items": [i for i in cat.get("items", []) if i["id"] not in removed]}
        for cat in result["categories"]
        if cat["id"] not in removed
    ]
    result["extends"] = None
    result.pop("remove", None)
    return result


def _merge_words(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """``seal_words`` of both: a child adds words (a provincial authority's name), in order.

    Lists are joined without repeats, at any depth (``centre.finance``); a
    child cannot take a parent's word away, since a word that names a bank
    somewhere names one everywhere.
    """
    merged = copy.deepcopy(dict(parent))
    for key, value in child.items():
        if isinstance(value, Mapping):
            merged[key] = _merge_words(merged.get(key, {}), value)
        else:
            merged[key] = list(dict.fromkeys([*merged.get(key, []), *value]))
    return merged


def _merge_by_id(
    parents: list[dict[str, Any]], children: list[dict[str, Any]], *, replace: bool = False
) -> list[dict[str, Any]]:
    """Entries merged by ``id``; fields of a child entry replace the parent's one by one.

    Categories merge their ``items`` the same way, recursively.
    """
    merged = [copy.deepcopy(p) for p in parents]
    index = {entry["id"]: n for n, entry in enumerate(merged)}
    for entry in children:
        child = copy.deepcopy(entry)
        if child["id"] not in index:
            merged.append(child)
            index[child["id"]] = len(merged) - 1
            continue
        target = merged[index[child["id"]]]
        if replace:
            merged[index[child["id"]]] = child
            continue
        for key, value in child.items():
            target[key] = _merge_by_id(target.get(key, []), value) if key == "items" else value
    return merged


def _check_complete(raw: Mapping[str, Any], path: Path) -> None:
    """After merging, every item must say what it is, whether it is required, how to match."""
    seal_kinds = raw.get("seal_kinds", {})
    for c, category in enumerate(raw.get("categories", [])):
        if "title" not in category:
            raise ManifestError(f"{path}: categories[{c}] ({category['id']}): no title")
        for i, item in enumerate(category.get("items", [])):
            where = f"{path}: categories[{c}].items[{i}] ({item['id']})"
            for key in ("title", "required"):
                if key not in item:
                    raise ManifestError(f"{where}: '{key}' is a required property")
            if "match" not in item and "any_of" not in item:
                raise ManifestError(f"{where}: needs 'match' or 'any_of'")
            for kind in _seal_kinds_used(item):
                if kind not in seal_kinds:
                    raise ManifestError(f"{where}: seal kind {kind!r} is not in seal_kinds")


def _seal_kinds_used(item: Mapping[str, Any]) -> Iterator[str]:
    yield from item.get("seal", [])
    for alternative in item.get("any_of", []):
        yield from alternative.get("seal", [])


# ------------------------------------------------------------------ to records


def _build(raw: Mapping[str, Any], path: Path, lines: Mapping[str, Lines]) -> Manifest:
    provenance = raw.get("provenance", {})
    return Manifest(
        id=raw["id"],
        version=raw["version"],
        title=_text(raw["title"]),
        provenance=Provenance(
            source=provenance.get("source", ""),
            date=provenance.get("date", ""),
            province=provenance.get("province", ""),
        ),
        path=str(path.resolve()),
        categories=tuple(_category(c, lines) for c in raw.get("categories", [])),
        settings={**DEFAULT_SETTINGS, **raw.get("settings", {})},
        seal_kinds={k: _seal_kind(v) for k, v in sorted(raw.get("seal_kinds", {}).items())},
        seal_words=_seal_words(raw.get("seal_words", {})),
        certifications=tuple(_certification(c) for c in raw.get("certifications", [])),
        vague_certification_phrases=_folded(raw.get("vague_certification_phrases", [])),
    )


def _text(raw: Mapping[str, str]) -> Text:
    return Text(zh=raw["zh"], en=raw["en"])


def _category(raw: Mapping[str, Any], lines: Mapping[str, Lines]) -> Category:
    return Category(
        id=raw["id"],
        title=_text(raw["title"]),
        items=tuple(_item(i, raw["id"], lines) for i in raw.get("items", [])),
    )


def _required(value: bool | str) -> Required:
    """YAML's true/false, or the word conditional (the schema allows nothing else)."""
    if value is True or value == "true":
        return "true"
    if value is False or value == "false":
        return "false"
    if value == "conditional":
        return "conditional"
    raise ManifestError(f"required: {value!r} is not true, false or conditional")


def _item(raw: Mapping[str, Any], category: str, lines: Mapping[str, Lines]) -> Item:
    condition = raw.get("condition")
    return Item(
        id=raw["id"],
        category=category,
        title=_text(raw["title"]),
        required=_required(raw["required"]),
        requirements=_requirements(raw),
        condition=Condition(condition["fact"], _text(condition["text"])) if condition else None,
        any_of=tuple(
            Alternative(a["id"], _text(a["title"]), _requirements(a)) for a in raw.get("any_of", [])
        ),
        source=lines.get(raw["id"], ("", 0))[0],
        line=lines.get(raw["id"], ("", 0))[1],
    )


def _requirements(raw: Mapping[str, Any]) -> Requirements:
    match = raw.get("match", {})
    validity = raw.get("validity")
    return Requirements(
        match=MatchSpec(
            filename=tuple(match.get("filename", [])),
            content=tuple(_keyword(k) for k in match.get("content", [])),
            exclude=_folded(match.get("exclude", [])),
        ),
        seal=tuple(raw.get("seal", [])),
        validity=_validity(validity) if validity else None,
        topics=tuple(_topic(t) for t in raw.get("topics", [])),
        identifiers=tuple(raw.get("identifiers", [])),
        applicant_labels=_folded(raw.get("applicant_labels", [])),
        checks=tuple(raw.get("checks", [])),
    )


def _folded(words: Iterable[str]) -> tuple[str, ...]:
    """Words compared with document text are NFKC-folded like the text (（章） -> (章))."""
    return tuple(fold(word) for word in words)


def _keyword(raw: str | Mapping[str, Any]) -> Keyword:
    if isinstance(raw, str):
        return Keyword(_folded([raw])[0])
    return Keyword(_folded([raw["text"]])[0], float(raw.get("weight", 1.0)))


def _topic(raw: str | Mapping[str, Any]) -> Topic:
    if isinstance(raw, str):
        return Topic(_folded([raw])[0])
    return Topic(_folded([raw["name"]])[0], _folded(raw.get("synonyms", [])))


def _validity(raw: Mapping[str, Any]) -> Validity:
    return Validity(
        end_labels=_folded(raw.get("end_labels", [])),
        issue_labels=_folded(raw.get("issue_labels", [])),
        allow_indefinite=bool(raw.get("allow_indefinite", False)),
        max_age_days=raw.get("max_age_days"),
        max_period_months=raw.get("max_period_months"),
    )


def _seal_kind(raw: Mapping[str, Any]) -> SealKind:
    owner = raw.get("owner", [])
    return SealKind(
        owner=(owner,) if isinstance(owner, str) else tuple(owner),
        owner_text=_folded(raw.get("owner_text", [])),
        text_evidence=_folded(raw.get("text_evidence", [])),
        refused_kinds=tuple(raw.get("refused_kinds", [])),
    )


def _seal_words(raw: Mapping[str, Any]) -> SealWords:
    return SealWords(
        authority=_folded(raw.get("authority", [])),
        bank=_folded(raw.get("bank", [])),
        archive=_folded(raw.get("archive", [])),
        centre={kind: _folded(words) for kind, words in raw.get("centre", {}).items()},
    )


def _certification(raw: Mapping[str, Any]) -> Certification:
    return Certification(
        id=raw["id"],
        names=_folded(raw["names"]),
        issuer=raw.get("issuer", ""),
        validity_years=raw.get("validity_years"),
        number_patterns=tuple(raw.get("number_patterns", [])),
    )
