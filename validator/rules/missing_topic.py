"""missing-topic: a document lacks a topic its item requires.

Items list the content topics a reviewer looks for (``topics`` in the
manifest): 网络安全防护方案 must cover 防火墙, 入侵检测 and 数据加密, 用户数据
保护方案 数据备份, 访问控制 and 数据加密, and so on. A topic is covered when
its name or one of its synonyms appears anywhere in the item's documents
(防火墙 or Firewall, 入侵检测 or IDS …), ignoring spaces OCR put between
characters, width and Latin case. One finding per missing topic, naming it.

Options: none.

Passes: ``网络安全防护方案.pdf`` with sections 防火墙部署, 入侵检测, 数据加密.

Fails: the same plan without a word on intrusion detection::

    missing-topic  security.protection_plan  网络安全防护方案.pdf  缺少必需内容“入侵检测”
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Requirements, Severity, Topic
from validator.rules._reading import by_requirements, comparable, group_finding, readings
from validator.rules.options import Options

ID = "missing-topic"
SEVERITY = Severity.WARNING
OPTIONS: Options = {}
# How the words that would count for a topic are listed in a message.
WORD_SEPARATOR = "、"


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # topics do not depend on the date
    for group in by_requirements(readings(package, _has_topics)):
        text = comparable("\n".join(reading.text for reading in group))
        for topic in group[0].requirements.topics:
            if not any(comparable(word) in text for word in (topic.name, *topic.synonyms)):
                yield group_finding(
                    group,
                    ID,
                    f"{ID}.absent",
                    (("topic", topic.name), ("words", _words(topic))),
                    # No line shows an absence; the topic keeps each finding's fingerprint apart.
                    key=topic.name,
                )


def _has_topics(requirements: Requirements) -> bool:
    return bool(requirements.topics)


def _words(topic: Topic) -> str:
    return WORD_SEPARATOR.join((topic.name, *topic.synonyms))
