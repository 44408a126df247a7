/* Self-assessment and action plan (marker assessment:tool; README "Markers").
 * No framework, no request: data from #sa-data and the page, so it works from file:// too. Drafts are
 * kept in localStorage per country, keyed by language-independent indicator ids, in the export format.
 * Rules as hooks/guidekit/benchmarks.py: met = highest level; each assessed lower level = one plan row. */
(function () {
  "use strict";

  var dataNode = document.getElementById("sa-data");
  var select = document.getElementById("sa-country");
  if (!dataNode || !select) return;

  var D = JSON.parse(dataNode.textContent);
  var M = D.messages;
  var PREFIX = "ca-guide:self-assessment:v" + D.version + ":";
  var LAST = PREFIX + "country";
  var statusNode = document.getElementById("sa-status");
  var planRows = document.getElementById("sa-plan-rows");
  var datalist = document.getElementById("sa-authorities");
  var indicators = [];
  var byId = {};
  var levelLabel = {};
  var statusLabel = {};
  // The areas and indicators are read from the page itself (the checklist rendered from the data).
  D.areas = Array.prototype.map.call(document.querySelectorAll(".ca-sa-area[data-area]"), function (node) {
    var area = { id: node.getAttribute("data-area"), indicators: [] };
    area.name = document.querySelector('#sa-summary-table tr[data-area="' + area.id + '"] th').textContent;
    Array.prototype.forEach.call(node.querySelectorAll("[data-indicator]"), function (box) {
      var i = { id: box.getAttribute("data-indicator"), area: area,
        number: box.querySelector(".ca-sa-number").textContent, text: box.querySelector(".ca-sa-text").textContent };
      area.indicators.push(i);
      indicators.push(i);
      byId[i.id] = i;
    });
    return area;
  });
  Array.prototype.forEach.call(document.querySelectorAll("#sa-intro .ca-sa-scale tbody tr"), function (row) {
    levelLabel[row.cells[0].textContent] = row.querySelector("strong").textContent;   // the scale table
  });
  D.statuses.forEach(function (s) { statusLabel[s.value] = s.label; });

  var country = "";
  var state = empty();

  function empty() { return { indicators: {}, plan: {} }; }
  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? values[key] : m; });
  }
  function say(text) { if (statusNode.textContent !== text) statusNode.textContent = text; }   // announce changes only
  function nameOf(code) { return D.countries[code] ? D.countries[code].name : "—"; }
  function levelText(level) { return level + " (" + levelLabel[level] + ")"; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // Returns {country, state} or {error: message}. Entries for ids this page does not know (a draft
  // made with other data) are dropped; anything malformed rejects the whole file.
  function check(doc) {
    if (!isObject(doc) || doc.format !== D.format || typeof doc.version !== "number") return { error: M.import_foreign };
    if (doc.version > D.version) return { error: fmt(M.import_version, { version: doc.version }) };
    var bad = function (where) { return { error: fmt(M.import_invalid, { detail: where }) }; };
    if (doc.version !== D.version) return bad("version");
    if (typeof doc.country !== "string" || (doc.country !== "" && !D.countries[doc.country])) return bad("country");
    if (!isObject(doc.indicators)) return bad("indicators");
    if (doc.plan !== undefined && !isObject(doc.plan)) return bad("plan");
    var result = empty();
    var ids = Object.keys(doc.indicators);
    for (var n = 0; n < ids.length; n++) {
      var id = ids[n], entry = doc.indicators[id], where = "indicators." + id;
      if (!byId[id]) continue;
      if (!isObject(entry)) return bad(where);
      if (entry.level != null && !(typeof entry.level === "number" && levelLabel[entry.level] !== undefined)) return bad(where + ".level");
      if (entry.notes != null && typeof entry.notes !== "string") return bad(where + ".notes");
      result.indicators[id] = { level: entry.level == null ? null : entry.level, notes: entry.notes || "" };
    }
    var plan = doc.plan || {};
    ids = Object.keys(plan);
    for (n = 0; n < ids.length; n++) {
      id = ids[n]; entry = plan[id]; where = "plan." + id;
      if (!byId[id]) continue;
      if (!isObject(entry)) return bad(where);
      var row = {};
      var fields = ["action", "authority", "deadline", "status"];
      for (var f = 0; f < fields.length; f++) {
        var value = entry[fields[f]];
        if (value == null) continue;
        if (typeof value !== "string") return bad(where + "." + fields[f]);
        row[fields[f]] = value;
      }
      if (row.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(row.deadline)) return bad(where + ".deadline");
      if (row.status && !statusLabel[row.status]) return bad(where + ".status");
      if (entry.authority_ref != null) {
        if (typeof entry.authority_ref !== "number" || entry.authority_ref % 1 !== 0 || entry.authority_ref < 0) return bad(where + ".authority_ref");
        row.authority_ref = entry.authority_ref;
      }
      result.plan[id] = row;
    }
    return { country: doc.country, state: result };
  }

  function serialize() {
    return { format: D.format, version: D.version, country: country, saved: new Date().toISOString(),
      indicators: state.indicators, plan: state.plan };
  }

  function storageGet(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function storageSet(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
      return true;
    } catch (e) { return false; }
  }
  function keyOf(code) { return PREFIX + (code || "-"); }
  function load(code) {
    var raw = storageGet(keyOf(code));
    if (!raw) return null;
    try { var checked = check(JSON.parse(raw)); return checked.error ? null : checked.state; } catch (e) { return null; }
  }
  function save() {
    if (storageSet(keyOf(country), JSON.stringify(serialize()))) say(M.saved);
  }
  function hasContent(s) { return Object.keys(s.indicators).length > 0 || Object.keys(s.plan).length > 0; }

  function entryOf(id) {
    if (!state.indicators[id]) state.indicators[id] = { level: null, notes: "" };
    return state.indicators[id];
  }
  function applyIndicators() {
    indicators.forEach(function (i) {
      var entry = state.indicators[i.id] || { level: null, notes: "" };
      Array.prototype.forEach.call(document.getElementsByName("sa-level-" + i.id), function (radio) {
        radio.checked = entry.level !== null && String(entry.level) === radio.value;
      });
      document.getElementById("sa-" + i.id + "-notes").value = entry.notes;
    });
  }

  function authorities() { return D.countries[country] ? D.countries[country].authorities : []; }
  function defaultAction(i) { return fmt(M.plan_default, { level: levelLabel[D.max], text: i.text }); }
  function gaps() {
    return indicators.filter(function (i) {
      var entry = state.indicators[i.id];
      return entry && entry.level !== null && entry.level < D.max;
    });
  }
  function planEntry(id) { return state.plan[id] || {}; }
  function actionOf(i) { var p = planEntry(i.id); return p.action != null ? p.action : defaultAction(i); }
  // The body proposed for an area's rows (a confirmed responsibility in the country profile), if any.
  function defaultAuthority(id) {
    var c = D.countries[country], index = c ? c.defaults[byId[id].area.id] : undefined;
    return index === undefined ? "" : c.authorities[index];
  }
  function authorityOf(id) {
    var p = planEntry(id), list = authorities();
    if (p.authority_ref != null && list[p.authority_ref] !== undefined) return list[p.authority_ref];
    return p.authority != null ? p.authority : defaultAuthority(id);
  }

  function field(row, id, labelText, control) {
    var wrap = el("div");
    wrap.appendChild(el("label", { "for": id }, labelText));
    control.id = id;
    wrap.appendChild(control);
    row.appendChild(wrap);
  }

  function planRow(i) {
    var entry = planEntry(i.id);
    var level = state.indicators[i.id].level;
    var box = el("fieldset", { "class": "ca-sa-plan-row", "data-plan": i.id });
    box.appendChild(el("legend", {}, fmt(M.row_legend, { number: i.number, text: i.text, level: levelText(level) })));
    var fields = el("div", { "class": "ca-sa-plan-row__fields" });
    var base = "sa-plan-" + i.id + "-";
    var action = el("textarea", { rows: "3", "data-field": "action" });
    action.value = actionOf(i);
    field(fields, base + "action", M.action, action);
    var authority = el("input", { type: "text", list: "sa-authorities", "data-field": "authority",
      "aria-describedby": "sa-authority-hint", autocomplete: "off" });
    authority.value = authorityOf(i.id);
    field(fields, base + "authority", M.authority, authority);
    var deadline = el("input", { type: "date", "data-field": "deadline" });
    deadline.value = entry.deadline || "";
    field(fields, base + "deadline", M.deadline, deadline);
    var status = el("select", { "data-field": "status" });
    D.statuses.forEach(function (s) { status.appendChild(el("option", { value: s.value }, s.label)); });
    status.value = entry.status || D.statuses[0].value;
    field(fields, base + "status", M.status, status);
    box.appendChild(fields);
    return box;
  }

  function renderPlan() {
    planRows.textContent = "";
    var list = gaps();
    if (!list.length) { planRows.appendChild(el("p", { "class": "ca-sa-no-gaps" }, M.no_gaps)); return; }
    list.forEach(function (i) { planRows.appendChild(planRow(i)); });
  }

  function renderAuthorities() {
    datalist.textContent = "";
    authorities().forEach(function (name) { datalist.appendChild(el("option", { value: name })); });
  }

  function onPlanInput(target) {
    var box = target.closest("[data-plan]");
    var id = box.getAttribute("data-plan");
    var p = state.plan[id] || (state.plan[id] = {});
    var name = target.getAttribute("data-field");
    var value = target.value;
    if (name === "action") {
      if (value === defaultAction(byId[id])) delete p.action; else p.action = value;
    } else if (name === "authority") {
      // stored by its place in the list when chosen from it, so it shows in the page's language
      var index = authorities().indexOf(value);
      delete p.authority; delete p.authority_ref;
      if (value === defaultAuthority(id)) { /* the proposal: nothing to store */ } else if (index >= 0) p.authority_ref = index; else p.authority = value;
    } else {
      p[name] = value;
    }
    save();
  }

  var percentSuffix = D.lang === "ru" ? "\u00a0%" : "%";
  function progress() {
    return D.areas.map(function (area) {
      var r = { area: area.id, total: area.indicators.length, met: 0, partly: 0, absent: 0, not_assessed: 0, score: 0 };
      area.indicators.forEach(function (i) {
        var entry = state.indicators[i.id];
        if (!entry || entry.level === null) { r.not_assessed++; return; }
        r.score += entry.level;
        if (entry.level === D.max) r.met++; else if (entry.level === 0) r.absent++; else r.partly++;
      });
      r.percent = r.total ? Math.round(100 * r.score / (r.total * D.max)) : 0;
      return r;
    });
  }
  function setText(node, text) { if (node && node.textContent !== String(text)) node.textContent = text; }

  var KINDS = ["met", "partly", "absent", "unassessed"];
  function drawChart() {
    var chart = document.getElementById("sa-chart");
    var svg = function (tag, attrs, text) {
      var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text != null) node.textContent = text;
      return node;
    };
    D.areas.forEach(function (area, index) {
      var g = svg("g", { "data-area": area.id, transform: "translate(0 " + index * 44 + ")" });
      g.appendChild(svg("text", { "class": "ca-sa-chart__label", x: 0, y: 13 }, area.name));
      g.appendChild(svg("rect", { "class": "ca-sa-chart__track", x: 0, y: 18, width: 300, height: 18 }));
      KINDS.forEach(function (kind) {
        g.appendChild(svg("rect", { "class": "ca-sa-bar ca-sa-bar--" + kind, "data-kind": kind, x: 0, y: 18, width: 0, height: 18 }));
      });
      g.appendChild(svg("text", { "class": "ca-sa-chart__value", "data-value": "", x: 306, y: 32 }));
      chart.appendChild(g);
    });
  }

  function renderSummary() {
    progress().forEach(function (r) {
      var row = document.querySelector('#sa-summary-table tr[data-area="' + r.area + '"]');
      ["total", "met", "partly", "absent", "not_assessed"].forEach(function (col) {
        setText(row.querySelector('[data-col="' + col + '"]'), r[col]);
      });
      setText(row.querySelector('[data-col="score"]'), r.percent);
      var group = document.querySelector('#sa-chart g[data-area="' + r.area + '"]');
      var x = 0;
      [r.met, r.partly, r.absent, r.not_assessed].forEach(function (count, k) {
        var bar = group.querySelector('[data-kind="' + KINDS[k] + '"]');
        var width = r.total ? 300 * count / r.total : 0;
        bar.setAttribute("x", x.toFixed(2));
        bar.setAttribute("width", width.toFixed(2));
        x += width;
      });
      setText(group.querySelector("[data-value]"), r.percent + percentSuffix);
    });
  }

  var dateFormat = new Intl.DateTimeFormat(D.lang === "ru" ? "ru-RU" : "en-GB", { day: "numeric", month: "long", year: "numeric" });
  function renderHeader() {
    var header = document.getElementById("sa-print-header");
    header.textContent = fmt(M.print_title, { country: nameOf(country), date: dateFormat.format(new Date()) });
  }

  function today() { return new Date().toISOString().slice(0, 10); }
  function download(name, type, text) {
    var link = el("a", { download: name });
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }
  function fileName(ext) { return "self-assessment-" + (country || "draft") + "-" + today() + "." + ext; }

  // CSV for Excel: UTF-8 with a byte-order mark (without it Excel shows Cyrillic as mojibake) and
  // ";" between columns, the list separator of Russian and other Central Asian regional settings.
  // A cell starting with = + - @ is prefixed with ' so that Excel never runs it as a formula.
  function csvCell(value) {
    var text = String(value == null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function csv() {
    var lines = [[M.number, M.area, M.indicator, M.current_level, M.action, M.authority, M.deadline, M.status]];
    gaps().forEach(function (i) {
      var p = planEntry(i.id);
      lines.push([i.number, i.area.name, i.text, levelText(state.indicators[i.id].level), actionOf(i),
        authorityOf(i.id), p.deadline || "", statusLabel[p.status || D.statuses[0].value]]);
    });
    return "\ufeff" + lines.map(function (cells) { return cells.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
  }

  function importFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var doc;
      try { doc = JSON.parse(reader.result); } catch (e) { say(M.import_failed); return; }
      var checked = check(doc);
      if (checked.error) { say(checked.error); return; }
      country = checked.country || country;
      select.value = country;
      storageSet(LAST, country);
      state = checked.state;
      applyAll();
      save();
      say(fmt(M.imported, { country: nameOf(country) }));
    };
    reader.onerror = function () { say(M.import_failed); };
    reader.readAsText(file);
  }

  function applyAll() {
    applyIndicators();
    renderAuthorities();
    renderPlan();
    renderSummary();
    renderHeader();
  }

  function setCountry(code) {
    var stored = load(code);
    if (country === "" && !stored && hasContent(state)) {
      storageSet(keyOf(""), null);   // the reader started before choosing: the draft becomes this country's
      country = code;
      save();
    } else {
      country = code;
      state = stored || empty();
    }
    storageSet(LAST, code);
    applyAll();
    say(stored ? fmt(M.restored, { country: nameOf(code) }) : code ? fmt(M.country_changed, { country: nameOf(code) }) : M.no_country);
  }

  document.documentElement.classList.add("ca-sa-js");
  drawChart();
  Array.prototype.forEach.call(document.querySelectorAll("#sa-intro .ca-js-only, #sa-plan .ca-js-only"),
    function (node) { node.hidden = false; });
  document.getElementById("sa-plan-blank").hidden = true;
  var printHeader = document.getElementById("sa-print-header");
  var article = printHeader.closest("article");
  if (article) article.insertBefore(printHeader, article.firstChild);   // on paper it heads the page
  var hint = el("p", { id: "sa-authority-hint", "class": "ca-visually-hidden" }, M.authority_hint);
  planRows.parentNode.insertBefore(hint, planRows);

  var wanted = (/[?&]country=([A-Z]{2})\b/.exec(location.search) || [])[1];
  var initial = wanted && D.countries[wanted] ? wanted : storageGet(LAST) || "";
  if (!D.countries[initial]) initial = "";
  select.value = initial;
  country = initial;
  var restored = load(initial);
  state = restored || empty();
  applyAll();
  say(restored && hasContent(restored) ? fmt(M.restored, { country: nameOf(initial) }) : initial ? "" : M.no_country);

  select.addEventListener("change", function () { setCountry(select.value); });

  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t.type === "radio" && t.name.indexOf("sa-level-") === 0) {
      entryOf(t.name.slice(9)).level = Number(t.value);
      save();
      renderPlan();
      renderSummary();
    }
  });
  document.addEventListener("input", function (event) {
    var t = event.target;
    if (t.tagName === "TEXTAREA" && t.closest(".ca-sa-indicator")) {
      entryOf(t.id.slice(3, -6)).notes = t.value;
      save();
    } else if (t.closest && t.closest("[data-plan]")) {
      onPlanInput(t);
    }
  });
  document.getElementById("sa-intro").addEventListener("click", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-sa-action");
    if (action === "print") { renderHeader(); window.print(); }
    if (action === "export") download(fileName("json"), "application/json", JSON.stringify(serialize(), null, 2));
    if (action === "csv") { download(fileName("csv"), "text/csv;charset=utf-8", csv()); say(M.csv_done); }
    if (action === "clear" && window.confirm(fmt(M.confirm_clear, { country: nameOf(country) }))) {
      state = empty();
      storageSet(keyOf(country), null);
      applyAll();
      say(fmt(M.cleared, { country: nameOf(country) }));
    }
  });
  document.getElementById("sa-import").addEventListener("change", function (event) {
    if (event.target.files.length) importFile(event.target.files[0]);
    event.target.value = "";
  });
  window.addEventListener("beforeprint", renderHeader);
})();
