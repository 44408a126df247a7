/* What Material for MkDocs runs as inline scripts, as a file: the published Content-Security-Policy
   allows scripts only from the site itself (`script-src 'self'`), never inline code. The inline
   originals are replaced by empty partials (overrides/partials/javascripts/); kept in step with
   Material's partials/javascripts/{base,palette,content}.html (Material 9.x).

   Deferred, in the head (overrides/main.html, block libs). It also loads Material's bundle, which
   needs the functions below — not with the page but on the reader's first interaction: a key, a
   touch, the pointer moving, a scroll, focus, printing. Nothing the first screen shows depends on it
   (the navigation drawer, the language menu and the search are HTML, CSS and the guide's own
   search.js); what it adds (the title in the header while scrolling, the table of contents following
   the text, tooltips, back-to-top, keyboard shortcuts) is needed only once the reader does something.
   A reader on a slow link gets the page with half the bytes, and no 114 kB script to run while it
   paints. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = document.documentElement;
  // What the bundle does first, done now: the page is scripted (Material's CSS shows the search
  // button, the search box and the sidebars' scripted layout only then).
  root.classList.remove("no-js");
  root.classList.add("js");
  // partials/javascripts/base.html: storage scoped to the site. Material computes the scope from the
  // page's base_url; this file lives in <site>/assets/, so its parent is the same directory, on
  // http(s) and in the offline copy (file://) alike.
  window.__md_scope = new URL("..", script ? script.src : location.href);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, ch) { return (hash << 5) - hash + ch.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
  };

  // partials/javascripts/palette.html: the colour scheme the reader chose last time.
  var palette = null;
  try { palette = window.__md_get("__palette"); } catch (e) { palette = null; }
  if (palette && palette.color) {
    if (palette.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(light ? "[data-md-color-media='(prefers-color-scheme: light)']"
                                               : "[data-md-color-media='(prefers-color-scheme: dark)']");
      if (input) {
        palette.color.media = input.getAttribute("data-md-color-media");
        palette.color.scheme = input.getAttribute("data-md-color-scheme");
        palette.color.primary = input.getAttribute("data-md-color-primary");
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
    }
    Object.keys(palette.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, palette.color[key]);
    });
  }

  // partials/javascripts/content.html: with content.tabs.link, open the tabs the reader chose last time
  var config = document.getElementById("__config");
  var features = [];
  try { features = JSON.parse(config.textContent).features || []; } catch (e) { features = []; }
  if (features.indexOf("content.tabs.link") !== -1) {
    var tabs = null;
    try { tabs = window.__md_get("__tabs"); } catch (e) { tabs = null; }
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        if (!labels) return;
        var chosen = null;
        for (var i = 0; i < tabs.length && !chosen; i++) {   // the most recent choice first
          chosen = Array.prototype.filter.call(labels.getElementsByTagName("label"), function (label) {
            return label.innerText.trim() === tabs[i];
          })[0] || null;
        }
        if (chosen) document.getElementById(chosen.htmlFor).checked = true;
      });
    }
  }
  // … and a link to a tab (#__tabbed_1_2) opens that tab.
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;

  // Material's bundle, on the first interaction (or at once when the reader already did something).
  var bundle = script && script.getAttribute("data-ca-bundle");
  var events = ["keydown", "pointerdown", "pointermove", "touchstart", "wheel", "scroll", "focusin", "beforeprint"];
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    events.forEach(function (name) { window.removeEventListener(name, load, true); });
    var tag = document.createElement("script");
    tag.src = bundle;
    // The bundle starts on DOMContentLoaded, which has long fired: tell it again, once it has run
    // (no other script of the guide listens for it).
    tag.onload = function () { document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true })); };
    document.body.appendChild(tag);
  }
  if (bundle) {
    events.forEach(function (name) { window.addEventListener(name, load, { capture: true, passive: true }); });
  }
})();
