"""Errors a user can cause, each with the exit code the CLI returns for it.

One top-level handler in :mod:`validator.cli` prints ``message`` and ``hint``;
a user mistake never ends in a traceback.
"""

from __future__ import annotations

# Exit codes of SPEC §2.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_DEPENDENCY = 3


class ValidatorError(Exception):
    """Base class: a problem the user can fix, reported in one line."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ValidatorError):
    """Bad command-line arguments (an output path inside the checked folder…)."""


class ManifestError(ValidatorError):
    """A manifest that does not load or does not validate against the schema."""


class ConfigError(ValidatorError):
    """A config file that does not load or has unknown keys."""


class DependencyError(ValidatorError):
    """A program or data file the tool needs is not installed."""

    exit_code = EXIT_DEPENDENCY


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so that every clean-up on the way runs."""

    # The shell's code for a process ended by SIGTERM (128 + 15).
    exit_code = 143
