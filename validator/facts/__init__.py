"""What rules read from document text: pure functions over normalised text.

Each finder takes text (and manifest data such as labels or the
certification catalogue) and returns frozen records that carry the value,
the line it came from (``evidence``) and its character ``offset`` in the
text passed in. Full-width ASCII is read as half-width, one character for
one, so offsets hold in the original text while evidence is quoted in the
folded form (签发日期:2020年1月1日). Nothing here opens files, reads the clock or decides a
finding: that is the rules' job.

- :mod:`~validator.facts.dates`: dates labelled end / issue / start, ranges, 长期.
- :mod:`~validator.facts.money`: amounts and the registered capital, in yuan.
- :mod:`~validator.facts.identifiers`: USCC and ID-card numbers, checksums,
  OCR repairs, masking.
- :mod:`~validator.facts.licences`: telecom licence and ICP filing numbers.
- :mod:`~validator.facts.certs`: named certifications and vague claims.
- :mod:`~validator.facts.parties`: labelled values, company names, legal
  representatives, and name comparison.

Helpers they share: :mod:`~validator.facts.numerals` (Chinese numerals,
OCR digits, width folding), :mod:`~validator.facts.evidence` (the quoted
line), :mod:`~validator.facts.dateforms` (one printed date) and
:mod:`~validator.facts.idrepair` (checksums and repair suggestions).
"""
