/*
 * The guide's search engine, loaded by assets/search.js only when the reader starts searching
 * (after lunr, the Russian stemmer when needed, and search/<lang>.js). It builds the lunr index from
 * the compact index of hooks/guidekit/search.py and returns the function that runs a query and lists
 * the results. Kept out of search.js so that every page view does not download it.
 */
(function () {
  "use strict";

  window.__caSearchEngine = function (dialog, lang, base, t) {
    var input = dialog.querySelector(".md-search__input");
    var meta = dialog.querySelector(".md-search-result__meta");
    var list = dialog.querySelector(".md-search-result__list");
    var state = { index: null, docs: null, pages: null };

    var data = window.__caSearchIndex[lang];
    var words = expand(data);
    var pages = {};
    state.docs = {};
    data.docs.forEach(function (doc) {
      state.docs[doc.location] = doc;
      if (doc.location.indexOf("#") < 0) pages[doc.location] = doc.title;
    });
    state.pages = pages;
    state.index = lunr(function () {
      if (lang !== "en") this.use(lunr[lang]);
      // The text terms are already what this pipeline makes of the words (trimmed, stop words out,
      // stemmed — at build time, hooks/guidekit/stemmers.py): only titles go through it here.
      this.pipeline._stack = this.pipeline._stack.map(titlesOnly);
      this.ref("location");
      this.field("title", { boost: 10 });   // the page title, or the section's heading
      this.field("page", { boost: 3 });     // a section's page title: sections of the page about a term come next
      this.field("text");
      data.docs.forEach(function (doc, i) {
        var page = doc.location.indexOf("#") < 0 ? "" : pages[doc.location.split("#")[0]] || "";
        // "Related" and case lists weigh less than the pages they link to (boost set at build time).
        this.add({ location: doc.location, title: doc.title, page: page, text: words[i] },
                 { boost: doc.boost || 1 });
      }, this);
    });
    return run;

    function titlesOnly(step) {
      var label = "ca-titles-" + step.label;
      if (!lunr.Pipeline.registeredFunctions[label]) {
        var wrapped = function (token, i, tokens) {
          return token.metadata.fields.indexOf("text") >= 0 ? token : step(token, i, tokens);
        };
        lunr.Pipeline.registerFunction(wrapped, label);
      }
      return lunr.Pipeline.registeredFunctions[label];
    }

    // The index ships every term once (front-coded, sorted) with the documents that contain it
    // (base-36 differences); see hooks/guidekit/search.py. Rebuild each document's terms from it.
    function expand(data) {
      var vocabulary = [], previous = "";
      (data.words ? data.words.split(" ") : []).forEach(function (item) {
        previous = previous.slice(0, parseInt(item.charAt(0), 36)) + item.slice(1);
        vocabulary.push(previous);
      });
      var words = data.docs.map(function () { return []; });
      (data.postings ? data.postings.split(";") : []).forEach(function (list, w) {
        var n = 0;
        list.split(",").forEach(function (step) { n += parseInt(step, 36); words[n].push(vocabulary[w]); });
      });
      return words;
    }

    function terms(query) {
      return query.toLowerCase().split(/[\s\-–—,.;:!?«»"()]+/).filter(function (w) { return w.length > 0; });
    }

    function search(query) {
      var words = terms(query);
      if (!words.length) return [];
      return state.index.query(function (q) {
        words.forEach(function (word) {
          q.term(word, { usePipeline: true, boost: 10 });
          q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        });
      });
    }

    function count(n) {
      if (n === 0) return t["search.result.none"];
      if (n === 1) return t["search.result.one"];
      return t["search.result.other"].replace("#", n);
    }

    function run() {
      if (!state.index) return;
      var query = input.value.trim();
      list.textContent = "";
      if (!query) { meta.textContent = t["search.result.placeholder"]; return; }
      var results = search(query);
      meta.textContent = count(results.length);   // every match is listed: the count is the real count
      results.forEach(function (result) {
        var doc = state.docs[result.ref];
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = new URL(doc.location, base).href;
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var title = document.createElement("h2");
        title.textContent = doc.title;
        article.appendChild(title);
        var hash = doc.location.indexOf("#");
        if (hash >= 0 && state.pages[doc.location.slice(0, hash)]) {
          var page = document.createElement("p");
          page.className = "ca-search-page";
          page.textContent = state.pages[doc.location.slice(0, hash)];
          article.appendChild(page);
        }
        if (doc.text) {
          var text = document.createElement("p");
          text.textContent = doc.text;
          article.appendChild(text);
        }
        link.appendChild(article);
        item.appendChild(link);
        list.appendChild(item);
      });
    }

  };
})();
