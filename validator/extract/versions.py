"""Versions that are part of the extraction cache's key (see ``cache``).

They live apart from the code they describe so that a warm run can compute
the key without loading that code (numpy, the image libraries).
"""

from __future__ import annotations

# The seal detector (``seals``): bump when detection or reading changes what is found.
DETECTOR_VERSION = "9"  # 9: the bottom arc read left to right (its words normalised as the ring's)
