"""``python -m validator``: the same command line as the ``material-validator`` script."""

from __future__ import annotations

from validator.cli import main

if __name__ == "__main__":
    main()
