"""Lighthouse scores (mobile preset) of each page type in both languages, with the failing audits.

Lighthouse 12 (supports Node 20) comes from the npm registry, pinned by bench/package-lock.json and
installed with ``npm ci --prefix bench`` (done here when missing). No browser is downloaded: Lighthouse
drives Debian's chromium (``CHROME_PATH``). The site is served by bench/serve.py on 127.0.0.1 (gzip,
404 pages), i.e. like a production host.

For every page: the four category scores (performance, accessibility, best practices, SEO) and every
audit of those categories that scores below 1, with its id, title, weight and the first offending
items (element snippets, URLs, console messages), so the gaps can be fixed.

    .venv/bin/python bench/lighthouse.py SITE_DIR [--runs 1] [--reports-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import BENCH, CHROMIUM_FLAGS, FULL_CHROMIUM, PROJECT, median
from serve import running

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
RUN_TIMEOUT = 240.0  # seconds for one Lighthouse run (typically 15–30 s)


@dataclass(frozen=True)
class Target:
    name: str
    language: str
    path: str  # URL path without the leading slash


PAGES = tuple(
    Target(name, language, ("" if language == "en" else f"{language}/") + path)
    for language in ("en", "ru")
    for name, path in (("home", ""), ("chapter", "guide/prevention/"), ("template", "notification/"),
                       ("country profile", "countries/kazakhstan/"), ("countries map", "countries/"),
                       ("case study", "cases/kazakhstan-tailings-safety/"), ("glossary", "glossary/"),
                       ("self-assessment", "self-assessment/"))
)


class LighthouseError(RuntimeError):
    """Lighthouse could not be installed or could not produce a report."""


def ensure_installed(log: Any = print) -> str:
    """Install Lighthouse from bench/package-lock.json when it is missing; return its version."""
    if not LIGHTHOUSE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise LighthouseError("npm is not installed (Lighthouse needs Node >= 18.20 and npm)")
        log("  installing Lighthouse: npm ci --prefix bench")
        env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD="1")
        done = subprocess.run([npm, "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund"], cwd=PROJECT,
                              env=env, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0 or not LIGHTHOUSE.is_file():
            raise LighthouseError(f"npm ci --prefix bench failed:\n{done.stderr[-2000:]}")
    package = json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


def _run_lighthouse(url: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, the four categories) on ``url``; returns the JSON report."""
    if not FULL_CHROMIUM.exists():
        raise LighthouseError(f"{FULL_CHROMIUM} not found (make browser installs Debian's chromium)")
    command = [
        "node", str(LIGHTHOUSE), url,
        "--output=json", f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        "--quiet", "--disable-full-page-screenshot", "--max-wait-for-load=45000",
    ]
    env = dict(os.environ, CHROME_PATH=str(FULL_CHROMIUM))
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as process:
        try:
            _, stderr = process.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # Lighthouse and the chromium it started
            process.communicate()
            raise LighthouseError(f"{url}: no report after {RUN_TIMEOUT:.0f} s") from None
    if process.returncode != 0 or not output.is_file():
        raise LighthouseError(f"{url}: lighthouse exited with {process.returncode}: {stderr.strip()[-1500:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def _explanation(node: dict[str, Any]) -> str:
    """axe's explanation without its 'Fix any of the following:' lead-in, on one line."""
    lines = [line.strip() for line in (node.get("explanation") or "").splitlines()]
    return " ".join(line for line in lines if line and not line.startswith("Fix ")).strip()


def _flat_items(details: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of an audit's details; a 'list' of tables (insight audits) is flattened."""
    items = details.get("items") or []
    if details.get("type") == "list":
        return [row for sub in items if isinstance(sub, dict) for row in _flat_items(sub)]
    if details.get("type") in ("table", "opportunity"):
        return [item for item in items if isinstance(item, dict)]
    return []


def _item_summary(item: dict[str, Any]) -> str:
    """One line that identifies an offending item: element, URL or message."""
    for candidate in (item.get("node"), item.get("source"), item.get("relatedNode")):
        if isinstance(candidate, dict) and candidate.get("type") == "node":
            text = f"{candidate.get('selector') or ''} {candidate.get('snippet') or ''}".strip()
            explanation = _explanation(candidate)
            return (text + (f" — {explanation}" if explanation else ""))[:300]
    parts = []
    for key in ("url", "description", "source", "sourceLocation", "href", "hreflang", "text", "reason"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("value") or value.get("snippet")
        if value and isinstance(value, (str, int, float)):
            parts.append(str(value))
    return " — ".join(parts)[:300]


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0–100) and the failing audits (score < 1) of one Lighthouse report."""
    scores: dict[str, int | None] = {}
    failing: list[dict[str, Any]] = []
    audits = report.get("audits", {})
    for category in CATEGORIES:
        data = report.get("categories", {}).get(category)
        if data is None:
            scores[category] = None
            continue
        scores[category] = None if data.get("score") is None else round(data["score"] * 100)
        for ref in data.get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if score is None or score >= 1 or audit.get("scoreDisplayMode") in ("manual", "notApplicable", "informative"):
                continue
            items = [s for s in (_item_summary(i) for i in _flat_items(audit.get("details") or {})) if s]
            failing.append({
                "category": category, "id": ref["id"], "title": audit.get("title", ""),
                "score": score, "weight": ref.get("weight", 0), "display_value": audit.get("displayValue", ""),
                "items": list(dict.fromkeys(items))[:8], "items_total": len(items),
            })
    metrics = {key: audits.get(key, {}).get("numericValue") for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index")}
    return {
        "scores": scores, "failing_audits": failing,
        "metrics_ms": {k: (round(v, 3) if k == "cumulative-layout-shift" else round(v)) for k, v in metrics.items()
                       if isinstance(v, (int, float))},
        "run_warnings": report.get("runWarnings", []),
        "runtime_error": (report.get("runtimeError") or {}).get("message"),
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
    }


def measure(site: Path, runs: int = 1, reports_dir: Path | None = None, log: Any = print) -> dict[str, Any]:
    """Lighthouse on every page of PAGES; with ``runs`` > 1 the run with the median performance is kept."""
    version = ensure_installed(log)
    results: dict[str, Any] = {"lighthouse": version, "preset": "mobile (default form factor, simulated throttling)",
                               "categories": list(CATEGORIES), "runs": runs, "pages": []}
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp, running(site) as server:
        for target in PAGES:
            summaries = []
            for run in range(runs):
                output = (reports_dir or Path(tmp)) / f"{target.language}-{target.name.replace(' ', '-')}-{run + 1}.json"
                output.parent.mkdir(parents=True, exist_ok=True)
                try:
                    summaries.append(summarise(_run_lighthouse(server.base_url + target.path, output)))
                except LighthouseError as exc:
                    summaries.append({"error": str(exc), "scores": dict.fromkeys(CATEGORIES), "failing_audits": []})
            scored = [s for s in summaries if s["scores"].get("performance") is not None]
            if scored:
                middle = median([s["scores"]["performance"] for s in scored])
                chosen = min(scored, key=lambda s: abs(s["scores"]["performance"] - middle))
            else:
                chosen = summaries[-1]
            entry = {"page": target.name, "language": target.language, "url": "/" + target.path, **chosen}
            if runs > 1:
                entry["performance_runs"] = [s["scores"].get("performance") for s in summaries]
            results["pages"].append(entry)
            log(f"  lighthouse {target.language} {target.name}: "
                + " / ".join(str(entry["scores"].get(c)) for c in CATEGORIES)
                + (f" ({entry['error']})" if "error" in entry else ""))
        not_found = sorted({path for path, status in server.log if status == 404})
    results["server_404s"] = not_found
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse (mobile) on each page type, both languages.")
    parser.add_argument("site_dir", type=Path, help="a built site (e.g. site/ after make build)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median-performance run is kept")
    parser.add_argument("--reports-dir", type=Path, help="keep the full JSON reports here")
    args = parser.parse_args()
    result = measure(args.site_dir, args.runs, args.reports_dir, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
