/*
 * Notification template (Annex III): turns the blank template into a fillable form.
 * Plain JavaScript, no framework, no network request. Drafts stay in this browser (localStorage)
 * and can be exported/imported as JSON. All texts come from the page (#notification-data), so the
 * same script serves every language.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "ca-guide:notification-draft:v1";
  var FORMAT = "ca-guide-notification";
  var root = document.getElementById("notification");
  var dataNode = document.getElementById("notification-data");
  if (!root || !dataNode) return;

  var data = JSON.parse(dataNode.textContent);
  var msg = data.messages;
  var form = document.getElementById("notification-form");
  var output = document.getElementById("notification-output");
  var statusNode = root.querySelector(".ca-form__status");
  var summary = root.querySelector(".ca-form__summary");
  var fields = [];
  data.sections.forEach(function (section) {
    section.fields.forEach(function (field) { fields.push(field); });
  });

  function control(id) { return form.elements.namedItem(id); }
  function say(text) { statusNode.textContent = text; }

  function values() {
    var result = {};
    fields.forEach(function (field) { result[field.id] = control(field.id).value; });
    return result;
  }

  function fill(saved) {
    fields.forEach(function (field) {
      if (typeof saved[field.id] === "string") control(field.id).value = saved[field.id];
    });
  }

  // --- storage ---------------------------------------------------------------------------------
  function save() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(values()));
      say(msg.saved);
    } catch (e) { /* storage disabled: the form still works, the draft is just not kept */ }
  }

  function restore() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      if (saved && typeof saved === "object") { fill(saved); say(msg.restored); }
    } catch (e) { /* ignore an unreadable draft */ }
  }

  // --- autofill from the country data ------------------------------------------------------------
  function autofill(target, value) {
    var input = form.querySelector('[data-autofill="' + target + '"]');
    if (!input) return;
    // Overwrite only what we filled before, never what the reader typed.
    if (input.value === "" || input.value === input.getAttribute("data-filled")) {
      input.value = value;
      input.setAttribute("data-filled", value);
    }
  }

  function onCountryChange() {
    var origin = data.countries[form.querySelector('[data-role="origin"]').value];
    var affected = data.countries[form.querySelector('[data-role="affected"]').value];
    autofill("origin_authorities", origin ? origin.authorities : "");
    autofill("origin_ian", origin ? origin.ian : "");
    autofill("affected_authorities", affected ? affected.authorities : "");
  }

  // --- validation --------------------------------------------------------------------------------
  function problemOf(field, value, all) {
    if (value.trim() === "") return field.required ? msg.required : null;
    if (field.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return msg.date;
    if (field.type === "date" && isNaN(new Date(value + "T00:00:00Z").getTime())) return msg.date;
    if (field.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return msg.email;
    if (field.type === "number" && !(Number(value.replace(",", ".")) >= 0)) return msg.number;
    if (field.after && all[field.after] && value <= all[field.after]) return msg.after;
    if (field.id === "affected_party" && value === all.party_of_origin) return msg.same_country;
    return null;
  }

  function validate() {
    var all = values();
    var problems = [];
    fields.forEach(function (field) {
      var input = control(field.id);
      var error = document.getElementById("e-" + field.id);
      var problem = problemOf(field, all[field.id], all);
      error.textContent = problem || "";
      error.hidden = !problem;
      if (problem) {
        input.setAttribute("aria-invalid", "true");
        problems.push({ field: field, text: problem });
      } else {
        input.removeAttribute("aria-invalid");
      }
    });
    summary.textContent = "";
    summary.hidden = problems.length === 0;
    if (problems.length) {
      var intro = document.createElement("p");
      intro.textContent = msg.summary;
      var list = document.createElement("ul");
      problems.forEach(function (p) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#f-" + p.field.id;
        link.textContent = p.field.label + " — " + p.text;
        item.appendChild(link);
        list.appendChild(item);
      });
      summary.appendChild(intro);
      summary.appendChild(list);
      summary.scrollIntoView({ block: "start" });
      control(problems[0].field.id).focus({ preventScroll: true });
    }
    return problems.length === 0;
  }

  // --- the print-ready notification ---------------------------------------------------------------
  var dateFormat = new Intl.DateTimeFormat(data.lang === "ru" ? "ru-RU" : "en-GB",
    { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  function shown(field, value) {
    if (value === "") return msg.empty;
    if (field.type === "date") return dateFormat.format(new Date(value + "T00:00:00Z"));
    if (field.type === "country") return (data.countries[value] || { name: value }).name;
    if (field.type === "choice") {
      var option = field.options.filter(function (o) { return o.value === value; })[0];
      return option ? option.label : value;
    }
    if (field.type === "number") return value.replace(".", data.lang === "ru" ? "," : ".") + (field.unit ? "\u00a0" + field.unit : "");
    return value;
  }

  function renderOutput() {
    var all = values();
    output.textContent = "";
    var title = document.createElement("h2");
    title.id = "notification-output-title";
    title.textContent = msg.title;
    output.appendChild(title);
    var intro = document.createElement("p");
    intro.textContent = msg.intro;
    output.appendChild(intro);
    data.sections.forEach(function (section) {
      var heading = document.createElement("h3");
      heading.textContent = section.title;
      output.appendChild(heading);
      var list = document.createElement("dl");
      section.fields.forEach(function (field) {
        var term = document.createElement("dt");
        term.textContent = field.label;
        var value = document.createElement("dd");
        value.setAttribute("data-field", field.id);
        value.textContent = shown(field, all[field.id]);
        list.appendChild(term);
        list.appendChild(value);
      });
      output.appendChild(list);
    });
    var footer = document.createElement("p");
    footer.className = "ca-output__footer";
    footer.textContent = msg.generated;
    output.appendChild(footer);
    output.hidden = false;
  }

  function printWith(className) {
    document.documentElement.classList.add(className);
    var done = function () {
      document.documentElement.classList.remove(className);
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  // --- export / import ---------------------------------------------------------------------------
  function exportDraft() {
    var blob = new Blob([JSON.stringify({ format: FORMAT, version: 1, fields: values() }, null, 2)],
      { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "notification-draft.json";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function importDraft(file) {
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var parsed = JSON.parse(reader.result);
        if (!parsed || parsed.format !== FORMAT || typeof parsed.fields !== "object") throw new Error("format");
        form.reset();
        fill(parsed.fields);
        save();
        say(msg.imported);
      } catch (e) {
        say(msg.import_failed);
      }
    };
    reader.readAsText(file);
  }

  // --- wiring ------------------------------------------------------------------------------------
  Array.prototype.forEach.call(root.querySelectorAll(".ca-js-only"), function (node) { node.hidden = false; });
  restore();

  form.addEventListener("input", save);
  form.addEventListener("change", function (event) {
    if (event.target.getAttribute("data-role")) onCountryChange();
    save();
  });
  root.addEventListener("click", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-action");
    if (action === "preview" && validate()) { renderOutput(); output.scrollIntoView(); }
    if (action === "print" && validate()) { renderOutput(); printWith("ca-print-notification"); }
    if (action === "blank") printWith("ca-print-blank");
    if (action === "export") exportDraft();
    if (action === "clear" && window.confirm(msg.confirm_clear)) {
      form.reset();
      Array.prototype.forEach.call(form.querySelectorAll("[data-filled]"), function (n) { n.removeAttribute("data-filled"); });
      try { localStorage.removeItem(STORAGE_KEY); } catch (e) { /* nothing stored */ }
      output.hidden = true;
      summary.hidden = true;
      say(msg.cleared);
    }
  });
  root.querySelector('[data-action="import"]').addEventListener("change", function (event) {
    if (event.target.files.length) importDraft(event.target.files[0]);
    event.target.value = "";
  });
})();
