// Bytes a search downloads from a site built by `pacte site`, counted the
// way the search page loads them: its scripts and the index's meta file
// (first search only), then the parts of the index the query needs, the
// cards of the first 50 results and the texts of the first VISIBLE results
// (snippets are loaded for the results in view). Runs the page's own
// scripts in Node.
//
//   node bench/search-bytes.js SITE "query one" "query two" …
"use strict";
const fs = require("fs");
const path = require("path");

const site = process.argv[2];
const VISIBLE = Number(process.env.VISIBLE || 8);
global.window = global;
const scripts = ["search-stem.js", "search-engine.js", "search.js"];
const scriptBytes = scripts.reduce((n, s) => n + fs.statSync(path.join(site, "assets", s)).size, 0);
const page = fs.statSync(path.join(site, "recherche/index.html")).size;
for (const s of scripts.slice(0, 2)) eval(fs.readFileSync(path.join(site, "assets", s), "utf8"));

const cache = new Map();
let bytes = 0;
let files = 0;
function load(p) {
  if (!cache.has(p)) {
    const text = fs.readFileSync(path.join(site, "search", p + ".js"), "utf8");
    bytes += Buffer.byteLength(text);
    files += 1;
    let data;
    global.pacteSearchData = (key, d) => { data = d; };
    eval(text);
    cache.set(p, data);
  }
  return Promise.resolve(cache.get(p));
}
const all = (prefix, keys) => Promise.all(keys.map((k) => load(prefix + k)));
const kb = (n) => (n / 1024).toFixed(1) + " KB";

(async () => {
  const meta = await load("meta");
  const metaBytes = bytes;
  // A new engine per query: the French word shards it keeps are counted
  // for each query.
  const newEngine = () =>
    window.pacteEngine({
      meta,
      forms: (k) => all("f/", k),
      words: (k) => all("t/", k),
      postings: (f) => load("p/" + f),
      positions: (f) => load("x/" + f),
      french: (k) => load("s/" + k),
      card: (d) => load("c/" + d),
    });
  console.log(`page ${kb(page)}, scripts ${kb(scriptBytes)}, meta ${kb(metaBytes)}`);
  for (const query of process.argv.slice(3)) {
    // Each query as if it were the page's second search: the parts it
    // shares with an earlier query are counted again.
    for (const key of [...cache.keys()]) if (key !== "meta") cache.delete(key);
    bytes = 0;
    files = 0;
    const started = Date.now();
    const planned = await newEngine().search(query);
    const ms = Date.now() - started;
    const index = bytes;
    for (const hit of planned.hits.slice(0, 50)) await load("c/" + hit.doc);
    const cards = bytes - index;
    for (const hit of planned.hits.slice(0, VISIBLE)) await load("d/" + hit.doc);
    const texts = bytes - index - cards;
    const first = page + scriptBytes + metaBytes + bytes;
    console.log(
      `"${query}": ${planned.hits.length} hits in ${ms} ms; index ${kb(index)} + cards ${kb(cards)} + ` +
        `texts of ${VISIBLE} ${kb(texts)} = ${kb(bytes)} in ${files} files; as the first search ${kb(first)}`
    );
  }
})();
