"""The benchmarks' static server is the project's one: deploy/devserver.py (gzip, 404 page per language).

    .venv/bin/python bench/serve.py site/ --port 8001
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.devserver import SiteServer, main, running  # noqa: E402

__all__ = ["SiteServer", "main", "running"]

if __name__ == "__main__":
    main()
