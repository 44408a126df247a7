/*
 * Search for the guide, one language at a time and only on demand.
 *
 * This small script is on every page. Nothing else is fetched until the reader opens the search box
 * or starts typing. Then it loads lunr (vendored), the Russian stemmer when needed (Material's copy),
 * the index of the page's language only (search/<lang>.js, written at build time) and the engine
 * (assets/search-engine.js), which builds the index in the page. Query words are matched both
 * through the language's stemmer («уведомления» finds «уведомление») and as prefixes (search as you
 * type). Script files, not fetch(), so it also works from file://.
 */
(function () {
  "use strict";

  var dialog = document.querySelector(".ca-search");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;

  var input = dialog.querySelector(".md-search__input");
  var meta = dialog.querySelector(".md-search-result__meta");
  var output = dialog.querySelector(".md-search__output");
  var lang = dialog.getAttribute("data-ca-search-lang") || "en";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var t = config.translations;
  var ready = null;   // a promise of the engine's run()

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(src, base).href;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function prepare() {
    if (ready) return ready;
    meta.textContent = dialog.getAttribute("data-ca-loading") || "";
    var steps = ["assets/vendor/lunr.min.js"];
    if (lang !== "en") {
      steps.push("assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                 "assets/javascripts/lunr/min/lunr." + lang + ".min.js");
    }
    steps.push("search/" + lang + ".js", "assets/search-engine.js");
    ready = steps.reduce(function (chain, src) {
      return chain.then(function () { return load(src); });
    }, Promise.resolve()).then(function () {
      var run = window.__caSearchEngine(dialog, lang, base, t);
      run();
      return run;
    });
    return ready;
  }

  function open() {
    return prepare().catch(function () { meta.textContent = t["search.result.none"]; });
  }

  // The results pane is part of the page only while the search is open: closed, it is neither a
  // Tab stop nor read out (it is `inert` in the markup, for readers without JavaScript too).
  function sync() { output.inert = !toggle.checked; }

  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("focus", function () { toggle.checked = true; sync(); open(); });
  input.addEventListener("input", function () { open().then(function (run) { if (run) run(); }); });
  toggle.addEventListener("change", function () { sync(); if (toggle.checked) { open(); input.focus(); } });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      sync();
      input.blur();
    } else if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      toggle.checked = true;
      sync();
      open();
      input.focus();
    }
  });
  sync();
})();
