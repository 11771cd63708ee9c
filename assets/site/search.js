// The search page: reads `?q=`, runs the search of `pacte search` on the
// index written beside the site (`search-engine.js`) and lists the sheets
// found, best first, 50 at a time. The index's parts are script files that
// hand their data to `pacteSearchData`, so the page works from a folder on
// disk too, where browsers refuse `fetch`. Only text and <mark> elements
// reach the page.
"use strict";

(function () {
  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const status = document.getElementById("search-status");
  const note = document.getElementById("search-note");
  const results = document.getElementById("results");
  const more = document.getElementById("more");
  const PAGE = 50;
  // The index and the pages are found from where this script is.
  const ROOT = new URL("../", document.currentScript.src);
  const INDEX = new URL("search/", ROOT);

  // ---- Loading the index's parts, each once.
  const parts = new Map();
  window.pacteSearchData = (path, data) => {
    const part = parts.get(path);
    if (part) part.resolve(data);
  };
  function load(path) {
    if (!parts.has(path)) {
      const part = {};
      part.promise = new Promise((resolve, reject) => {
        part.resolve = resolve;
        const script = document.createElement("script");
        script.src = new URL(path + ".js", INDEX).href;
        script.onload = () => script.remove();
        script.onerror = () => reject(new Error("cannot load " + path));
        document.head.appendChild(script);
      });
      parts.set(path, part);
    }
    return parts.get(path).promise;
  }
  const all = (prefix, keys) => Promise.all(keys.map((k) => load(prefix + k)));

  // ---- Showing the results.
  function element(name, text, className) {
    const node = document.createElement(name);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // A result: the title linked to the sheet's page, where the action runs,
  // and (once its text is loaded) the passage that matched.
  async function showHit(engine, planned, hit) {
    const [path, title, structure, territory] = await load("c/" + hit.doc);
    const item = element("li");
    const heading = element("h2");
    const link = element("a", title);
    link.href = new URL(path, ROOT).href;
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(element("p", territory ? structure + " — " + territory : structure, "where"));
    const passage = element("p", "", "snippet");
    item.appendChild(passage);
    const fill = async () => {
      const cut = engine.snippet(planned.queries[hit.query], await load("d/" + hit.doc));
      if (!cut) return;
      passage.appendChild(element("span", cut.label + " : ", "label"));
      for (const [text, marked] of cut.parts) {
        passage.appendChild(marked ? element("mark", text) : document.createTextNode(text));
      }
    };
    whenVisible(item, fill);
    return item;
  }

  // Snippets are loaded for the results a reader can see.
  const watcher = "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => {
        entries.filter((e) => e.isIntersecting).forEach((e) => {
          watcher.unobserve(e.target);
          e.target.pacteFill().catch(() => {});
        });
      }, { rootMargin: "200px" })
    : null;
  function whenVisible(item, fill) {
    if (watcher) {
      item.pacteFill = fill;
      watcher.observe(item);
    } else {
      fill().catch(() => {});
    }
  }

  async function showFrom(engine, planned, start) {
    const hits = planned.hits.slice(start, start + PAGE);
    const items = await Promise.all(hits.map((hit) => showHit(engine, planned, hit)));
    items.forEach((item) => results.appendChild(item));
    const shown = start + hits.length;
    if (more) {
      more.hidden = shown >= planned.hits.length;
      more.onclick = () => showFrom(engine, planned, shown).then(() => say(planned, shown + PAGE)).catch(failed);
    }
  }

  // How many sheets were found, and how many are shown.
  function say(planned, shown) {
    const found = planned.hits.length;
    const count = found === 1 ? "1 fiche trouvée" : found + " fiches trouvées";
    status.textContent =
      (found === 0 ? "Aucune fiche trouvée" : count) +
      " pour « " + planned.text + " »" +
      (found > shown ? " ; les " + shown + " premières sont affichées." : ".");
  }

  // The query with its corrected words as the first sheet spells them.
  async function correctedText(engine, text, planned) {
    if (!planned.corrections.length || !planned.hits.length) return null;
    const fields = await load("d/" + planned.hits[0].doc);
    let out = text;
    for (const [typed, used] of planned.corrections) {
      let spelled = used;
      for (let k = 1; k < fields.length && spelled === used; k += 2) {
        const word = engine.words(fields[k]).find(([, w]) => engine.stem(w) === used);
        if (word) spelled = word[1].toLowerCase();
      }
      out = out.replace(typed, spelled);
    }
    return out;
  }

  async function run() {
    if (!form || !input || !status || !results) return;
    form.hidden = false;
    const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    input.value = query;
    if (!query) {
      status.textContent = "Tapez un ou plusieurs mots, avec ou sans accents.";
      return;
    }
    status.textContent = "Recherche en cours…";
    const meta = await load("meta");
    const engine = window.pacteEngine({
      meta,
      forms: (keys) => all("f/", keys),
      words: (keys) => all("t/", keys),
      postings: (file) => load("p/" + file),
      positions: (file) => load("x/" + file),
      french: (key) => load("s/" + key),
      card: (doc) => load("c/" + doc),
    });
    let planned;
    try {
      planned = await engine.search(query);
    } catch (err) {
      if (!err.inQuery) throw err;
      status.textContent = err.message;
      return;
    }
    results.replaceChildren();
    await showFrom(engine, planned, 0);
    const notes = [];
    const corrected = await correctedText(engine, query, planned);
    if (corrected) notes.push("Résultats pour « " + corrected + " ».");
    if (planned.hits.some((h) => h.anyWord)) {
      notes.push("Peu de fiches contiennent tous les mots : suivent celles qui en contiennent une partie.");
    }
    if (note) note.textContent = notes.join(" ");
    planned.text = query;
    say(planned, PAGE);
  }

  function failed() {
    if (status) {
      status.textContent = "La recherche n'a pas pu se charger. Parcourez les fiches par thème depuis l'accueil.";
    }
  }

  run().catch(failed);
})();
