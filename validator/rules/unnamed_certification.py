"""unnamed-certification: the security officer's materials name no recognised certification.

Items with the ``certification`` check (``personnel.security_officer``) must
name a qualification from the manifest's ``certifications`` catalogue:
CISP (CISE, CISO …), CISSP, CCSP, CISA, CISM, CISAW, NISP, 软考信息安全工程师.
Names are matched as printed, case-insensitively, allowing the spaces OCR
puts between letters (C I S S P). Wording that claims a qualification
without naming one (相关认证, 等认证, 相关证书, 丰富经验 … from the manifest's
``vague_certification_phrases``) gets its own message, quoting it. All the
item's documents count together: the appointment letter and a certificate
copy in a second file satisfy it.

Options: none.

Passes: ``安全负责人任命书.pdf``: ``兹任命张伟为信息安全负责人，持有CISP证书``.

Fails: ``兹任命张伟为信息安全负责人，具备相关认证``::

    unnamed-certification  personnel.security_officer  安全负责人任命书.pdf
        只写了笼统的“相关认证”，未写明具体资质名称
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from validator.facts.certs import (
    DEFAULT_VAGUE_PHRASES,
    CertificationClaims,
    read_certification_claims,
)
from validator.model import Context, Finding, Manifest, Package, Severity
from validator.rules._reading import Reading, by_requirements, group_finding, readings
from validator.rules._validity import is_certification_item
from validator.rules.options import Options

ID = "unnamed-certification"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # the manifest's catalogue decides
    for group in by_requirements(readings(package, is_certification_item)):
        claims = [_claims(reading, package.manifest) for reading in group]
        if any(found.named for found in claims):
            continue
        yield _vague_or_none(group, claims)


def _claims(reading: Reading, manifest: Manifest) -> CertificationClaims:
    phrases = manifest.vague_certification_phrases or DEFAULT_VAGUE_PHRASES
    return read_certification_claims(reading.text, manifest.certifications, phrases)


def _vague_or_none(group: Sequence[Reading], claims: Sequence[CertificationClaims]) -> Finding:
    for reading, found in zip(group, claims, strict=True):
        if found.vague:
            vague = found.vague[0]
            return reading.finding(
                ID,
                f"{ID}.vague",
                (("phrase", vague.phrase),),
                offset=vague.offset,
                evidence=vague.evidence,
            )
    return group_finding(group, ID, f"{ID}.none")
