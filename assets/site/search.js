// The search page: reads `?q=`, asks the Pagefind index written beside the
// site, and lists the matching sheets with a snippet. Only text and <mark>
// from the snippets reach the page.
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const results = document.getElementById("results");
const MAX_RESULTS = 50;

function safeExcerpt(html) {
  const parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
  const paragraph = document.createElement("p");
  parsed.body.firstChild.childNodes.forEach((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.appendChild(mark);
    } else {
      paragraph.appendChild(document.createTextNode(node.textContent));
    }
  });
  return paragraph;
}

async function run() {
  if (!form || !input || !status || !results) {
    return;
  }
  form.hidden = false;
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!query) {
    status.textContent = "Tapez un ou plusieurs mots, avec ou sans accents.";
    return;
  }
  status.textContent = "Recherche en cours…";
  const pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
  // Result addresses are made relative to where the site is served.
  await pagefind.options({ baseUrl: new URL("../", window.location.href).pathname });
  // The index holds lower-case words; capitals with accents would miss.
  const search = await pagefind.search(query.toLowerCase());
  const found = search.results.length;
  const shown = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  results.replaceChildren();
  shown.forEach((data) => {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(safeExcerpt(data.excerpt || ""));
    results.appendChild(item);
  });
  const words = found === 1 ? "1 fiche trouvée" : found + " fiches trouvées";
  status.textContent =
    (found === 0 ? "Aucune fiche trouvée" : words) +
    " pour « " + query + " »" +
    (found > MAX_RESULTS ? " ; les " + MAX_RESULTS + " premières sont affichées." : ".");
}

run().catch(() => {
  if (status) {
    status.textContent = "La recherche n'a pas pu se charger. Parcourez les fiches par thème depuis l'accueil.";
  }
});
