"""Turn the results dictionary of bench/run.py into bench/results.md (tables for people).

Sizes are in kB (1 kB = 1,000 bytes); exact byte counts are in results.json.
"""

from __future__ import annotations

from typing import Any

KINDS = ("html", "css", "js", "font", "image", "data", "other")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FIRST_VIEW_TARGET = 60_000  # bytes, gzip, a chapter in either language (issue 14; was 80 kB in issue 6)


def kb(value: int | float | None) -> str:
    return "–" if value is None else f"{value / 1000:,.1f}"


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def ms(value: float) -> str:
    return f"{value * 1000:,.0f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def table(head: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    spec = align or "l" + "r" * (len(head) - 1)
    rule = ["---:" if a == "r" else "---" for a in spec]
    return ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _error(data: Any) -> list[str]:
    return [f"Not measured: `{data['error'].strip().splitlines()[0][:300]}`", ""] if isinstance(data, dict) and "error" in data else []


def header(results: dict[str, Any]) -> list[str]:
    m, git = results["machine"], results["git"]
    tree = " (working tree with uncommitted changes)" if git.get("modified") else ""
    return [
        "# Benchmarks",
        "",
        f"Measured {results['date']} on commit `{git.get('commit')}`{tree} by `make bench` "
        f"(`bench/run.py`, {results.get('duration_s', '?')} s). Regenerate after changing the site; "
        "timings vary with the machine and whatever else runs on it.",
        "",
        f"Machine: {m['cpu']}, nproc {m['nproc']}, {m['os']}. Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['mkdocs-material']}, mkdocs-static-i18n {m['mkdocs-static-i18n']}, "
        f"Playwright {m['playwright']}, {m['chromium']}, Node {m['node']}"
        + (f", Lighthouse {results['lighthouse']['lighthouse']}" if "lighthouse" in results.get("lighthouse", {}) else "")
        + ".",
        "",
    ]


def build_section(results: dict[str, Any]) -> list[str]:
    lines = ["## Build time", ""]
    hooks = results.get("build_time")
    if hooks is None:
        return []
    lines += _error(hooks)
    if "with_hooks" in hooks:
        pages = hooks["pages"]
        lines += [f"Full strict bilingual build (`mkdocs build --strict`, {pages['en']} + {pages['ru']} pages), "
                  f"wall clock of the subprocess, median of {hooks['runs']} interleaved runs after a warm-up:", ""]
        rows = [[name, seconds(hooks[key]["median_s"]), seconds(hooks[key]["min_s"]), seconds(hooks[key]["max_s"])]
                for name, key in (("with our hooks", "with_hooks"), ("without `hooks:`", "without_hooks"))]
        lines += table(["build", "median", "min", "max"], rows)
        lines += [f"Ratio {hooks['ratio']:.2f}: the hooks add **{hooks['hooks_add_percent']:.0f} %** "
                  f"(target ≤ {hooks['target_percent']} %: {verdict(hooks['hooks_add_percent'] <= hooks['target_percent'])}).", ""]
    breakdown = results.get("hook_breakdown")
    if breakdown is not None:
        lines += ["### Time spent in each hook", ""]
        lines += _error(breakdown)
        if "hooks" in breakdown:
            lines += [f"One in-process strict build ({seconds(breakdown['build_s'])}) with a stopwatch around each "
                      "hook function; direct time only (more Markdown to render or bigger templates caused by a "
                      "hook are not counted, nor importing the hook modules).", ""]
            rows = [[f"`{name}`", ms(hook["seconds"]),
                     ", ".join(f"{event} ×{e['calls']}: {ms(e['seconds'])}" for event, e in hook["events"].items())]
                    for name, hook in breakdown["hooks"].items()]
            total = sum(hook["seconds"] for hook in breakdown["hooks"].values())
            rows.append(["all hooks", f"**{ms(total)}**", ""])
            lines += table(["hook", "time", "events (calls: time)"], rows, "lrl")
    scaling = results.get("scaling")
    if scaling is not None:
        lines += ["### Scaling", ""]
        lines += _error(scaling)
        if "time_ratio" in scaling:
            n = scaling["copies"]
            x1, xn = scaling["pages"]["x1"], scaling["pages"][f"x{n}"]
            lines += [f"Every page under docs/{', docs/'.join(scaling['replicated_sections'])} copied into {n - 1} "
                      f"sibling folders, in a temporary copy of the project; the copies are added to `nav:` "
                      f"(\"Guide (2)\" …) and `not_in_nav:`, so both sides build with the real config and hooks. "
                      f"{'Strict builds' if scaling['strict'] else 'Non-strict builds: ' + scaling['note']}; "
                      f"median of {scaling['runs']} interleaved runs.", ""]
            rows = [["×1", f"{x1['en']} + {x1['ru']}", seconds(scaling["x1"]["median_s"]),
                     seconds(scaling["x1"]["min_s"]), seconds(scaling["x1"]["max_s"])],
                    [f"×{n}", f"{xn['en']} + {xn['ru']}", seconds(scaling[f"x{n}"]["median_s"]),
                     seconds(scaling[f"x{n}"]["min_s"]), seconds(scaling[f"x{n}"]["max_s"])]]
            lines += table(["content", "pages (en + ru)", "median", "min", "max"], rows)
            lines += [f"Time ×{n} / time ×1 = **{scaling['time_ratio']:.2f}** for {scaling['page_ratio']:.2f}× the pages "
                      f"(target ≤ {scaling['target_ratio']}: {verdict(scaling['time_ratio'] <= scaling['target_ratio'])}).", ""]
    return lines


def _weight_rows(pages: dict[str, Any], search_paths: set[str] | None = None) -> list[list[str]]:
    rows = []
    for name, page in pages.items():
        first, second = page["first_visit"], page["second_page"]
        cells = [f"{name} `{page['url']}`"]
        cells += [kb(first["by_kind"].get(kind, {}).get("gzip")) if kind in first["by_kind"] else "–" for kind in KINDS]
        cells += [f"**{kb(first['total']['gzip'])}**", kb(first["total"]["bytes"]), str(first["total"]["files"]),
                  f"{kb(second['total']['gzip'])} ({second['total']['files']})"]
        if search_paths is not None:   # the browser measurement: what the first interaction adds
            interaction = page.get("first_interaction", {}).get("total")
            cells.append(f"{kb(interaction['gzip'])} ({interaction['files']})" if interaction else "–")
        if search_paths is not None:
            fetched = sorted(r["path"] for r in page.get("responses", []) if r["path"] in search_paths)
            cells.append(", ".join(f"`{p}`" for p in fetched) or "no")
        rows.append(cells)
    return rows


def weight_section(results: dict[str, Any]) -> list[str]:
    weight = results.get("page_weight")
    if weight is None:
        return []
    lines = ["## Page weight", ""]
    lines += _error(weight)
    if "static" not in weight:
        return lines
    search_paths = {f["path"] for f in weight.get("search_index", {}).get("files", [])}
    head = ["page", *KINDS, "total gzip", "total raw", "files", "2nd page gzip (files)"]
    browser = weight.get("browser")
    if browser:
        lines += [
            "### First view in a browser (authoritative)",
            "",
            "Debian's chromium (Playwright, fresh profile, mobile viewport) loads the page from `bench/serve.py` "
            "(gzip level 6); every response until the network is idle, before any interaction, is counted with "
            "its transfer (encoded) body size. Columns by kind are kB transferred; *total raw* is decoded bytes. "
            "*2nd page*: the same page visited after the home page of its language (the home page after the "
            "chapter), counting only what the first page had not fetched. *1st interaction*: what the page "
            "fetches once the reader scrolls (Material's bundle, loaded only then by `assets/theme-init.js`); "
            "not part of the first view.",
            "",
        ]
        lines += table([*head, "1st interaction gzip (files)", "search index fetched"],
                       _weight_rows(browser, search_paths), "l" + "r" * 12 + "l")
        chapters = [(name, page["first_visit"]["total"]["gzip"]) for name, page in browser.items()
                    if "chapter" in name and page.get("first_visit")]
        if chapters:
            worst = max(size for _, size in chapters)
            lines += ["Chapter first view: " + ", ".join(f"{name} **{kb(size)} kB**" for name, size in chapters)
                      + f" gzipped (target ≤ {kb(FIRST_VIEW_TARGET)} kB in either language: "
                      f"{verdict(worst <= FIRST_VIEW_TARGET)}).", ""]
        problems = []
        for name, page in browser.items():
            for item in page.get("not_ok", []):
                problems.append(f"- {name}: HTTP {item}")
            for url in page.get("blocked_foreign_requests", []):
                problems.append(f"- {name}: request to another host blocked: `{url}`")
            for message in page.get("console_errors", []):
                problems.append(f"- {name}: console error: {message[:200]}")
        lines += (["Problems seen while loading:", "", *problems, ""] if problems
                  else ["No failed response, no request to another host and no console error on these pages.", ""])
        lines += ["<details><summary>Every response on first view and first interaction</summary>", ""]
        for name, page in browser.items():
            lines += [f"**{name}** `{page['url']}`", ""]
            lines += table(["path", "type", "status", "transfer", "decoded", "when"],
                           [[f"`{r['path']}`", r["type"], str(r["status"]), kb(r["transfer"]), kb(r["decoded"]),
                             "first interaction" if r.get("phase") == "interaction" else "first view"]
                            for r in page["responses"]], "llrrrl")
        lines += ["</details>", ""]
    elif "browser_skipped" in weight:
        lines += [f"Browser measurement skipped: {weight['browser_skipped']}.", ""]
    lines += [
        "### From the built files (static)",
        "",
        "What the HTML references (stylesheets, scripts, images, icons, preloads) and what those stylesheets "
        "reference (fonts, images), `gzip -9` of each file. Blind to script-initiated requests; counts every "
        "font/image a stylesheet names, used or not.",
        "",
    ]
    lines += table(head, _weight_rows(weight["static"]))
    missing = [f"- {name}: missing `{path}`" for name, page in weight["static"].items() for path in page["missing"]]
    missing += [f"- {name}: refers to another host: `{url}`" for name, page in weight["static"].items()
                for url in page["external"]]
    lines += [*missing, ""] if missing else []
    index = weight.get("search_index")
    if index:
        lines += ["### Search index", "", "Every file under a `search/` folder of the built site:", ""]
        rows = [[f"`{f['path']}`", f["language"], str(f["docs"]), kb(f["bytes"]), kb(f["gzip"])] for f in index["files"]]
        lines += table(["file", "language", "entries", "raw kB", "gzip kB"], rows, "llrrr")
        rows = [[language, str(v["files"]), str(v["docs"]), kb(v["bytes"]), kb(v["gzip"])]
                for language, v in index["per_language"].items()]
        lines += ["Per language (a merged index is split by the language of each entry):", ""]
        lines += table(["language", "files", "entries", "raw kB", "gzip kB"], rows)
    return lines


def lighthouse_section(results: dict[str, Any]) -> list[str]:
    data = results.get("lighthouse")
    if data is None:
        return ["## Lighthouse", "", "Not run (`--no-lighthouse`).", ""]
    lines = ["## Lighthouse", ""]
    lines += _error(data)
    if "pages" not in data:
        return lines
    runs = data.get("runs", 1)
    lines += [f"Lighthouse {data['lighthouse']}, {data['preset']}, Debian's chromium, against `bench/serve.py`"
              + (f"; {runs} runs per page, the run with the median performance score is reported (all "
                 "performance scores in brackets)" if runs > 1 else "")
              + ". Target: 100 on every page in both languages.", ""]
    rows = []
    for page in data["pages"]:
        scores = [str(page["scores"].get(c)) if page["scores"].get(c) is not None else "–" for c in CATEGORIES]
        if len(page.get("performance_runs", [])) > 1:
            scores[0] += " (" + ", ".join(str(s) for s in page["performance_runs"]) + ")"
        weighted = [a["id"] for a in page["failing_audits"] if a["weight"] > 0 and a["category"] != "performance"]
        rows.append([page["language"], f"{page['page']} `{page['url']}`", *scores,
                     ", ".join(f"`{i}`" for i in weighted) or ("error: " + page["error"][:120] if "error" in page else "–")])
    lines += table(["lang", "page", "perf.", "a11y", "best pr.", "SEO", "failing audits (a11y, best practices, SEO)"],
                   rows, "llrrrrl")
    all_100 = all(page["scores"].get(c) == 100 for page in data["pages"] for c in CATEGORIES)
    lines += [f"100 / 100 / 100 / 100 everywhere: {verdict(all_100)}.", ""]

    by_audit: dict[str, dict[str, Any]] = {}
    for page in data["pages"]:
        for audit in page["failing_audits"]:
            entry = by_audit.setdefault(audit["id"], {**audit, "pages": [], "values": []})
            entry["pages"].append(f"{page['language']} {page['page']}")
            entry["items"] = list(dict.fromkeys([*entry["items"], *audit["items"]]))
            if audit.get("display_value"):
                entry["values"].append(f"{page['language']} {page['page']}: {audit['display_value']}")
    weighted = [a for a in by_audit.values() if a["weight"] > 0]
    diagnostics = [a for a in by_audit.values() if a["weight"] == 0]
    if weighted:
        lines += ["### Audits that cost points", ""]
        rows = [[f"`{a['id']}`", a["category"], a["title"], ", ".join(a["pages"]),
                 "<br>".join(i.replace("|", "\\|") for i in a["items"][:4]) or "; ".join(a["values"])]
                for a in sorted(weighted, key=lambda a: (CATEGORIES.index(a["category"]), a["id"]))]
        lines += table(["audit", "category", "title", "pages", "examples"], rows, "lllll")
    if diagnostics:
        lines += ["Diagnostics below 1 that carry no weight in the score: "
                  + "; ".join(f"`{a['id']}` ({a['title']})" for a in sorted(diagnostics, key=lambda a: a["id"])) + ".", ""]
    if data.get("server_404s"):
        lines += ["Paths Lighthouse requested that the server answered with 404: "
                  + ", ".join(f"`{p}`" for p in data["server_404s"]) + ".", ""]
    return lines


def cpu_section(results: dict[str, Any]) -> list[str]:
    """Issue 14's CPU-time targets, from the last `bench/speed.py` run (bench/speed.json)."""
    speed = results.get("speed")
    if not isinstance(speed, dict) or "hooks_x1" not in speed:
        return ["## CPU time", "", "No `bench/speed.json` yet: run `.venv/bin/python bench/speed.py`.", ""]
    lines = ["## CPU time", "",
             f"From `bench/speed.json`: `bench/speed.py` on commit `{speed.get('commit', '?')}`, "
             f"{speed.get('measured', '?')}. CPU seconds (user + system) of the build and server processes, "
             "interleaved runs, medians. *Warm*: the build reuses `.cache/` as `make build` does; *cold*: "
             "`.cache/` and the hooks' compiled modules removed first, as in a clean clone. The baseline is "
             "the same content with what our hooks add to the Markdown pre-rendered, built without `hooks:`.", ""]
    rows = []
    for name in ("hooks_x1", *sorted(k for k in speed if k.startswith("hooks_x") and k != "hooks_x1")):
        h = speed[name]
        target = h["target_percent"]
        rows.append([f"hooks overhead ×{h['copies']}, warm", f"{h['with_hooks_cpu_s']:.2f} s vs {h['baseline_cpu_s']:.2f} s",
                     f"**{h['hooks_add_percent']:+.1f} %**", f"≤ +{target} %: {verdict(h['hooks_add_percent'] <= target)}"])
        rows.append([f"hooks overhead ×{h['copies']}, cold", f"{h['with_hooks_cold_cpu_s']:.2f} s vs {h['baseline_cpu_s']:.2f} s",
                     f"**{h['cold_hooks_add_percent']:+.1f} %**", f"≤ +{target} %: {verdict(h['cold_hooks_add_percent'] <= target)}"])
    for key, name in (("preview_ru_loop", "`make preview-ru`: save → reloaded page"), ("serve_loop", "`make serve`: save → reloaded page")):
        if key in speed:
            loop = speed[key]
            rows.append([name, f"{loop['wall_s_median']:.2f} s wall", f"**{loop['cpu_s_median']:.2f} s**",
                         f"≤ {loop['target_cpu_s']:.0f} s: {verdict(loop['cpu_s_median'] <= loop['target_cpu_s'])}"])
    bilingual = speed.get("bilingual")
    if bilingual:
        rows.append([f"bilingual ÷ English only, {bilingual['pages_per_language']} pages per language",
                     f"{bilingual['bilingual_cpu_s']:.2f} s ÷ {bilingual['english_only_cpu_s']:.2f} s",
                     f"**{bilingual['ratio']:.2f}**", f"≤ {bilingual['target_ratio']}: {verdict(bilingual['ratio'] <= bilingual['target_ratio'])}"])
    lines += table(["measure", "CPU", "result", "target"], rows, "lrrl")
    if bilingual and "split_cpu_s" in bilingual:
        split, floor = bilingual["split_cpu_s"], bilingual["floor_without_navigation"]
        lines += [f"Where the bilingual build's time goes (from a Russian-only build as well): "
                  f"{split['once_per_build']:.2f} s once per build, {split['english_pass']:.2f} s for the English "
                  f"pass, {split['russian_pass']:.2f} s for the Russian one. With no navigation rendered at all, "
                  f"the ratio is still **{floor['ratio']:.2f}** ({floor['bilingual_cpu_s']:.2f} s ÷ "
                  f"{floor['english_only_cpu_s']:.2f} s): the floor that no work on the navigation can go below.", ""]
    if speed.get("note"):
        lines += [f"Notes of that run: {speed['note']}", ""]
    return lines


def write_markdown(results: dict[str, Any]) -> str:
    lines = header(results)
    build = results.get("build")
    if isinstance(build, dict) and "error" in build:
        lines += ["## The site did not build", "", "```", build["error"][:3000], "```", ""]
    lines += build_section(results) + cpu_section(results) + weight_section(results) + lighthouse_section(results)
    return "\n".join(lines).rstrip() + "\n"
