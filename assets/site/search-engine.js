// The search of `pacte search`, run in the page on the index that `pacte
// site` writes: the same analysis of words, query language, thesaurus
// expansion, typo correction, any-word fallback and bm25 ranking, in the
// same order. Every rule and table comes from the index (written by the
// Rust code); this script only computes what data cannot: the analysis of
// words no sheet holds, edit distances and the ranking formula.
//
// `pacteEngine(index)` takes an object that loads the index's parts:
// `meta` (the rules, sizes, thesaurus), and promises `forms(keys)`,
// `words(keys)`, `postings(file)`, `positions(file)`, `french(key)`, `card(doc)` of its
// files.
"use strict";

window.pacteEngine = function (index) {
  const meta = index.meta;
  const rules = meta.rules;
  const planner = rules.planner;

  // ---- Numbers written by the index (see src/site/search_encode.rs).
  const LAST = "0123456789abcdefghijklmnopqrstuv";
  const MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/";
  function numbers(text) {
    const out = [];
    let value = 0;
    for (const c of text) {
      const last = LAST.indexOf(c);
      if (last >= 0) {
        out.push(value * 32 + last);
        value = 0;
      } else {
        value = value * 32 + MORE.indexOf(c);
      }
    }
    return out;
  }
  const lengths = numbers(meta.lengths);

  // ---- Words and folding, as src/search/analyze.rs and src/sheet/fold.rs.
  const invisible = (code) => rules.invisible.some(([from, to]) => code >= from && code <= to);
  const isMark = (c) => /\p{M}/u.test(c);
  const isWordChar = (c) => /[\p{Alphabetic}\p{N}]/u.test(c) || isMark(c) || invisible(c.codePointAt(0));
  const isSpace = (c) => /\p{White_Space}/u.test(c);

  // The words of `text` with their offsets.
  function words(text) {
    const out = [];
    let start = -1;
    let at = 0;
    for (const c of text) {
      if (isWordChar(c)) {
        if (start < 0) start = at;
      } else if (start >= 0) {
        out.push([start, text.slice(start, at)]);
        start = -1;
      }
      at += c.length;
    }
    if (start >= 0) out.push([start, text.slice(start)]);
    return out;
  }

  function fold(text) {
    let out = "";
    let pending = false;
    for (const c of text.normalize("NFKD")) {
      if (isMark(c) || invisible(c.codePointAt(0))) continue;
      if (isSpace(c) || c === "-" || c === "_" || c === "\u2010" || c === "\u2011") {
        pending = out.length > 0;
        continue;
      }
      if (pending) {
        out += "-";
        pending = false;
      }
      out += "\u2019\u2018\u02bc`\u00b4".includes(c) ? "'" : c.toLowerCase();
    }
    return out;
  }

  const utf8Length = (text) => new TextEncoder().encode(text).length;
  const stopWords = new Set(rules.stop_words);
  const isStopWord = (word) => utf8Length(word) <= rules.stop_word_max_bytes && stopWords.has(fold(word));

  function masculine(folded) {
    if (utf8Length(folded) >= rules.feminine_min_bytes) {
      for (const [feminine, masc] of rules.feminine) {
        if (folded.endsWith(feminine)) return folded.slice(0, -feminine.length) + masc;
      }
    }
    return folded;
  }

  // A word the stemmer left whole loses a plural `s` or `x` after a vowel
  // (as `singular` in src/search/analyze.rs).
  function singular(word) {
    const last = word.slice(-1);
    const before = word.slice(-2, -1);
    const plural =
      utf8Length(word) >= planner.plural_min_bytes &&
      last !== "" &&
      planner.plural_endings.includes(last) &&
      before !== "" &&
      planner.plural_after.includes(before);
    return plural ? word.slice(0, -1) : word;
  }

  // Stems of the word forms the index holds (loaded by `prepare`).
  const forms = new Map();
  const stems = new Map();
  function stem(word) {
    let found = stems.get(word);
    if (found === undefined) {
      const folded = fold(word);
      if (forms.has(folded)) {
        found = forms.get(folded);
      } else {
        const masc = masculine(folded);
        const stemmed = window.pacteStem(masc);
        found = stemmed === masc ? singular(masc) : stemmed;
      }
      stems.set(word, found);
    }
    return found;
  }
  const terms = (text) => words(text).filter(([, w]) => !isStopWord(w)).map(([, w]) => stem(w));
  // The index's tokenizer splits on ASCII other than letters and digits.
  const tokens = (analysed) => analysed.split(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/).filter((t) => t);

  // Loads the stems of the word forms of `text` from the index.
  async function prepare(text) {
    const keys = new Set(words(text).map(([, w]) => bucket(fold(w))));
    for (const list of await index.forms([...keys])) {
      for (let k = 0; k < list.length; k += 2) forms.set(list[k], list[k + 1]);
    }
    stems.clear();
  }
  function bucket(text) {
    let hash = 0x811c9dc5;
    for (const c of text) hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
    return hash % Math.max(1, meta.form_files);
  }

  // ---- The query language, as src/search/query.rs. An item is
  // {phrase: [stems]} or {prefix: text}; a query is groups that must all
  // match (each when one of its items does) and excluded items.
  function parse(text) {
    const toks = [];
    let rest = trimStart(text);
    while (rest) {
      const negated = rest.startsWith("-");
      if (negated) rest = rest.slice(1);
      if (rest.startsWith('"')) {
        const end = rest.indexOf('"', 1);
        if (end < 0) throw queryError("Un guillemet ouvre une expression qui n'est jamais fermée.");
        const found = terms(rest.slice(1, end));
        if (found.length) toks.push({ negated, item: { phrase: found } });
        rest = trimStart(rest.slice(end + 1));
        continue;
      }
      let end = [...rest].findIndex(isSpace);
      end = end < 0 ? rest.length : [...rest].slice(0, end).join("").length;
      const word = rest.slice(0, end);
      rest = trimStart(rest.slice(end));
      if (word === "OR" && !negated) {
        toks.push("OR");
      } else if (word.endsWith("*")) {
        const folded = words(word.slice(0, -1)).map(([, w]) => fold(w)).join(" ");
        if (!folded || folded.includes(" ")) throw queryError("« " + word + " » : une recherche par début de mot est un mot suivi de *.");
        const stemmed = stem(folded);
        toks.push({ negated, item: { prefix: folded.startsWith(stemmed) ? stemmed : folded } });
      } else {
        const found = terms(word);
        if (found.length) toks.push({ negated, item: { phrase: found } });
      }
    }
    const groups = [];
    const excluded = [];
    let joining = false;
    toks.forEach((tok, at) => {
      if (tok === "OR") {
        if (at === 0 || joining) throw queryError("« OR » demande un mot de chaque côté.");
        joining = true;
      } else if (tok.negated) {
        if (joining) throw queryError("« OR » ne peut pas joindre un mot exclu.");
        excluded.push(tok.item);
      } else {
        if (joining && groups.length) groups[groups.length - 1].push(tok.item);
        else groups.push([tok.item]);
        joining = false;
      }
    });
    if (joining) throw queryError("« OR » demande un mot de chaque côté.");
    if (!groups.length) {
      throw queryError(excluded.length
        ? "Il faut au moins un mot à trouver, en plus des mots exclus."
        : "La recherche ne contient aucun mot à chercher (les mots très courants comme « de » ou « la » ne sont pas cherchés).");
    }
    return { groups, excluded };
  }
  function trimStart(text) {
    let at = 0;
    for (const c of text) {
      if (!isSpace(c)) break;
      at += c.length;
    }
    return text.slice(at);
  }
  // An error in the query, said to the reader.
  function queryError(message) {
    return Object.assign(new Error(message), { inQuery: true });
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  // The stems the query looks for, each once.
  function queryStems(query) {
    const out = [];
    for (const item of query.groups.flat()) {
      for (const s of item.phrase || []) if (!out.includes(s)) out.push(s);
    }
    return out;
  }

  // ---- The thesaurus, as src/search/expand.rs: a name belongs to the
  // first entry that has it.
  const names = new Map();
  let longest = 0;
  const known = new Set();
  meta.thesaurus.forEach((entry, position) => {
    for (const name of entry) {
      longest = Math.max(longest, name.length);
      const key = JSON.stringify(name);
      if (!names.has(key)) names.set(key, position);
      name.forEach((s) => known.add(s));
    }
  });

  function expand(query) {
    const plain = query.groups.map((g) => (g.length === 1 && g[0].phrase ? g[0].phrase : null));
    const out = [];
    let changed = false;
    let at = 0;
    while (at < plain.length) {
      let best = null;
      const run = [];
      for (let end = at; end < plain.length; end++) {
        // A group that is not one plain word or phrase ends the look-up
        // with no name found, as in the Rust code.
        if (!plain[end]) {
          best = null;
          break;
        }
        run.push(...plain[end]);
        if (run.length > longest) break;
        const position = names.get(JSON.stringify(run));
        if (position !== undefined) best = [end + 1, position];
      }
      if (best) {
        const literal = plain.slice(at, best[0]).flat();
        const group = [{ phrase: literal }];
        for (const name of meta.thesaurus[best[1]]) {
          if (!same(name, literal)) group.push({ phrase: name });
        }
        out.push(group);
        changed = true;
        at = best[0];
      } else {
        out.push(query.groups[at]);
        at += 1;
      }
    }
    return changed ? { groups: out, excluded: query.excluded } : null;
  }

  // ---- Typo correction, as src/search/correct.rs.
  function allowedEdits(word) {
    const letters = [...word].length;
    return letters <= 3 ? 0 : letters < rules.long_word ? 1 : 2;
  }
  // Optimal string alignment distance (edits, adjacent swaps), on characters.
  function osa(a, b) {
    a = [...a];
    b = [...b];
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], before[j - 2] + 1);
        }
      }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }
  const lessTuple = (a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
    return false;
  };
  // The index word that `word` most likely meant among `candidates`
  // ([word, sheets] pairs), or null.
  function correction(word, candidates) {
    const folded = fold(word);
    const edits = allowedEdits(folded);
    if (edits === 0) return null;
    const stemmed = stem(word);
    const stemEdits = allowedEdits(stemmed);
    const letters = [...folded];
    const first = letters[0];
    const cuts = edits > 1 ? rules.ending : 0;
    const prefixes = [];
    for (let cut = 0; cut <= cuts; cut++) prefixes.push([cut, letters.slice(0, letters.length - cut).join("")]);
    let best = null;
    for (const [term, sheets] of candidates) {
      if (term === stemmed) continue;
      let choice = null;
      for (const [cut, prefix] of prefixes) {
        const distance = osa(prefix, term) + (cut > 0 ? 1 : 0);
        if (distance <= edits && (!choice || lessTuple([distance, cut], choice))) choice = [distance, cut];
      }
      const fromStem = osa(stemmed, term);
      if (fromStem <= stemEdits && (!choice || lessTuple([fromStem, 0], choice))) choice = [fromStem, 0];
      if (!choice) continue;
      // Ties prefer a word with the typed first letter.
      const tuple = [choice[0], [...term][0] !== first ? 1 : 0, choice[1], -sheets, term];
      if (!best || lessTuple(tuple, best)) best = tuple;
    }
    return best ? best[4] : null;
  }

  // ---- The index's words: [sheets, postings file, positions file].
  const wordFile = (word) => [...word].slice(0, 2).map((c) => c.codePointAt(0).toString(16)).join("-");
  async function wordsStarting(first) {
    const hex = first.codePointAt(0).toString(16);
    const keys = meta.word_files.filter((k) => k === hex || k.startsWith(hex + "-"));
    return (await index.words(keys)).flat();
  }
  async function lookUp(word) {
    const [list] = await index.words([wordFile(word)].filter((k) => meta.word_files.includes(k)));
    for (let k = 0; list && k < list.length; k += 4) {
      if (list[k] === word) return list.slice(k + 1, k + 4);
    }
    return null;
  }
  const pairs = (flat, width) => {
    const out = [];
    for (let k = 0; k < flat.length; k += width) out.push(flat.slice(k, k + width));
    return out;
  };

  // Documents holding a word, a name of the thesaurus or a phrase: a map
  // from document to twice its weighted count (column weights are halves).
  async function postingsOf(key, file) {
    const list = await index.postings(file);
    const out = new Map();
    for (let k = 0; k < list.length; k += 2) {
      if (list[k] !== key) continue;
      const values = numbers(list[k + 1]);
      let doc = 0;
      for (let v = 0; v < values.length; v += 2) {
        doc += values[v];
        out.set(doc, values[v + 1]);
      }
    }
    return out;
  }
  async function positionsOf(word) {
    const info = await lookUp(word);
    const out = new Map();
    if (!info) return out;
    const list = await index.positions(info[2]);
    for (let k = 0; k < list.length; k += 2) {
      if (list[k] !== word) continue;
      const values = numbers(list[k + 1]);
      let doc = 0;
      for (let v = 0; v < values.length; ) {
        doc += values[v];
        const count = values[v + 1];
        const places = new Set();
        let place = 0;
        for (let p = 0; p < count; p++) {
          place += values[v + 2 + p];
          places.add(place);
        }
        out.set(doc, places);
        v += 2 + count;
      }
    }
    return out;
  }
  const COLUMN = 2 ** 20;
  const doubled = meta.weights.map((w) => Math.round(w * 2));
  const phraseInfo = new Map(meta.phrases.map(([key, sheets, file]) => [key, [sheets, file]]));

  async function occurrences(item) {
    if (item.prefix !== undefined) {
      const [prefix] = tokens(item.prefix);
      if (!prefix) return new Map();
      const out = new Map();
      const list = [...prefix].length >= 2 ? (await index.words([wordFile(prefix)].filter((k) => meta.word_files.includes(k)))).flat() : await wordsStarting(prefix);
      for (const [word, , file] of pairs(list, 4)) {
        if (!word.startsWith(prefix)) continue;
        for (const [doc, count] of await postingsOf(word, file)) out.set(doc, (out.get(doc) || 0) + count);
      }
      return out;
    }
    const words = item.phrase.flatMap(tokens);
    if (words.length === 0) return new Map();
    if (words.length === 1) {
      const info = await lookUp(words[0]);
      return info ? postingsOf(words[0], info[1]) : new Map();
    }
    const key = words.join(" ");
    if (phraseInfo.has(key)) {
      const [sheets, file] = phraseInfo.get(key);
      return sheets ? postingsOf(key, file) : new Map();
    }
    // Any other phrase: where its words follow each other in a column.
    const places = await Promise.all(words.map(positionsOf));
    const out = new Map();
    for (const [doc, starts] of places[0]) {
      if (!places.every((p) => p.has(doc))) continue;
      for (const start of starts) {
        if (places.every((p, k) => p.get(doc).has(start + k))) {
          out.set(doc, (out.get(doc) || 0) + doubled[Math.floor(start / COLUMN)]);
        }
      }
    }
    return out;
  }

  // ---- Ranking: SQLite FTS5's bm25, the sum over the query's phrases.
  // Documents not in `seen`, best first, ties by id (document order).
  async function run(query, seen) {
    const found = [];
    for (const group of query.groups) {
      for (const item of group) found.push(await occurrences(item));
    }
    const excluded = [];
    for (const item of query.excluded) excluded.push(await occurrences(item));
    let docs = null;
    let at = 0;
    for (const group of query.groups) {
      const union = new Set();
      for (let k = 0; k < group.length; k++) for (const doc of found[at + k].keys()) union.add(doc);
      at += group.length;
      docs = docs === null ? union : new Set([...docs].filter((d) => union.has(d)));
    }
    const rows = meta.docs;
    const average = meta.words / rows;
    const idf = [...found, ...excluded].map((m) => {
      const value = Math.log((rows - m.size + 0.5) / (m.size + 0.5));
      return value <= 0 ? 1e-6 : value;
    });
    const k1 = 1.2;
    const b = 0.75;
    const hits = [];
    for (const doc of docs) {
      if (seen.has(doc) || excluded.some((m) => m.has(doc))) continue;
      let score = 0;
      found.forEach((m, k) => {
        const freq = (m.get(doc) || 0) / 2;
        score += idf[k] * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + (b * lengths[doc]) / average)));
      });
      hits.push({ doc, score: -(-1.0 * score) });
    }
    hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
    return hits;
  }

  // ---- The French word set (shards of front-coded stems, see
  // src/site/search_french.rs): a French word is never corrected.
  const frenchShards = new Map();
  async function isFrench(s) {
    const key = wordFile(s);
    if (!meta.french_files.includes(key)) return false;
    if (!frenchShards.has(key)) {
      const set = new Set();
      let previous = "";
      for (const line of (await index.french(key)).split("\n")) {
        if (!line) continue;
        // The first character: how many leading characters (base 36) the
        // stem shares with the one before; stems are mostly ASCII, and
        // the count is of UTF-8 bytes, so decode through bytes.
        const shared = parseInt(line[0], 36);
        const bytes = new TextEncoder().encode(previous).slice(0, shared);
        previous = new TextDecoder().decode(bytes) + line.slice(1);
        set.add(previous);
      }
      frenchShards.set(key, set);
    }
    return frenchShards.get(key).has(s);
  }

  // ---- The planner, as `Store::search` (src/store/search.rs).
  const queryStop = new Set(planner.query_stop_stems);
  // The query without its groups of a single question or linking word,
  // unless nothing else is left (as `Query::without`).
  function without(query) {
    const stop = (g) => g.length === 1 && g[0].phrase && g[0].phrase.length === 1 && queryStop.has(g[0].phrase[0]);
    const kept = query.groups.filter((g) => !stop(g));
    return kept.length ? { groups: kept, excluded: query.excluded } : query;
  }
  // Words to correct: [stem, correction, typed] (as src/store/typos.rs).
  async function corrections(text, query) {
    const out = [];
    let all = null;
    let doubtful = 0;
    for (const s of queryStems(query)) {
      if (doubtful === planner.max_corrected) break;
      if (known.has(s)) continue;
      const info = await lookUp(s);
      const sheets = info ? info[0] : 0;
      if (sheets > planner.rare) continue;
      const typed = words(text).map(([, w]) => w).find((w) => stem(w) === s);
      if (typed === undefined || (await isFrench(s))) continue;
      doubtful += 1;
      // A rare word is only doubled by a far more frequent one.
      const least = sheets === 0 ? 0 : sheets * planner.rare_doubled_by;
      const first = [...s][0];
      if (first === undefined) continue;
      const enough = (list) => list.filter(([, n]) => n >= least);
      let best = correction(typed, enough(pairs(await wordsStarting(first), 4)));
      if (best === null) {
        if (all === null) all = pairs((await index.words(meta.word_files)).flat(), 4);
        best = correction(typed, enough(all));
      }
      if (best !== null) out.push([s, best, typed]);
    }
    return out;
  }
  // Each corrected word's correction added beside it (as
  // `Query::with_alternatives`).
  function withAlternatives(query, swaps) {
    const groups = query.groups.map((group) => {
      const out = [...group];
      for (const item of group) {
        if (!item.phrase) continue;
        for (const [from, to] of swaps) {
          if (!item.phrase.includes(from)) continue;
          const swapped = { phrase: item.phrase.map((w) => (w === from ? to : w)) };
          if (!out.some((i) => same(i, swapped))) out.push(swapped);
        }
      }
      return out;
    });
    return { groups, excluded: query.excluded };
  }
  // The any-word ranking of src/search/weigh.rs: each group's hits count
  // by the group's rarity (capped at `weight_cap` times the mean of the
  // groups that matched), half for any hit, half by its bm25 share.
  function weighted(groups) {
    const n = meta.docs;
    const rarity = (m) => Math.log1p((Math.max(n, m) - m + 0.5) / (m + 0.5));
    const rarities = groups.map((g) => rarity(g.length));
    const matched = rarities.filter((_, k) => groups[k].length);
    const mean = matched.length ? matched.reduce((a, b) => a + b, 0) / matched.length : 0;
    const scores = new Map();
    groups.forEach((group, k) => {
      const weight = matched.length ? Math.min(rarities[k], planner.weight_cap * mean) : 0;
      const best = group.reduce((m, h) => Math.max(m, h.score), 0);
      for (const hit of group) {
        const strength = best > 0 ? 0.5 + 0.5 * Math.min(1, Math.max(0, hit.score / best)) : 1;
        scores.set(hit.doc, (scores.get(hit.doc) || 0) + weight * strength);
      }
    });
    return [...scores].map(([doc, score]) => ({ doc, score })).sort((x, y) => y.score - x.score || x.doc - y.doc);
  }

  // Words the first hits share, rare in the catalogue (as `associated` in
  // src/search/associate.rs); each seed is its analysed words.
  async function associated(seeds, queryWords) {
    const shared = new Map();
    for (const words of seeds) for (const word of new Set(words)) shared.set(word, (shared.get(word) || 0) + 1);
    // With several seeds, a word must be shared by two of them at least.
    const least = seeds.length > 1 ? 2 : 1;
    const scored = [];
    for (const [word, count] of shared) {
      if (count < least || [...word].length < 3 || /^[0-9]+$/.test(word)) continue;
      if (queryWords.includes(word) || queryStop.has(word)) continue;
      const info = await lookUp(word);
      const holding = info ? info[0] : 0;
      if (holding > Math.min(count, seeds.length) && holding * 2 <= meta.docs) {
        const rarity = Math.log1p((Math.max(meta.docs, holding) - holding + 0.5) / (holding + 0.5));
        scored.push([count * rarity, word]);
      }
    }
    scored.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return scored.slice(0, planner.association_words).map(([, w]) => w);
  }

  // Runs a search as typed: {hits: [{doc, score, query, anyWord}],
  // queries, corrections: [[typed, used]]}. Throws on a malformed query.
  async function search(text) {
    await prepare(text);
    const query = parse(text);
    const planned = { hits: [], queries: [], corrections: [] };
    const seen = new Set();
    const keep = (found, q, anyWord) => {
      found.forEach((hit) => {
        seen.add(hit.doc);
        planned.hits.push({ ...hit, query: planned.queries.length, anyWord });
      });
      if (found.length) planned.queries.push(q);
    };
    const add = async (q) => keep(await run(q, seen), q, false);
    // Each group on its own, weighed; whether some group matched nothing.
    const addWeighted = async (q) => {
      const groups = [];
      for (const group of q.groups) groups.push(await run({ groups: [group], excluded: q.excluded }, new Set()));
      keep(weighted(groups).filter((hit) => !seen.has(hit.doc)), q, true);
      return groups.some((g) => g.length === 0);
    };
    const content = without(query);
    await add(content);
    let widest = content;
    const expanded = expand(query);
    if (expanded) {
      widest = without(expanded);
      await add(widest);
    }
    if (planned.hits.length < rules.handful) {
      const swaps = await corrections(text, content);
      if (swaps.length) {
        widest = withAlternatives(widest, swaps);
        planned.corrections = swaps.map(([, used, typed]) => [typed, used]);
        await add(widest);
      }
    }
    let unmatched = false;
    if (planned.hits.length < rules.handful && widest.groups.length > 1) unmatched = await addWeighted(widest);
    // A word no sheet holds may still mean what the sheets found by the
    // other words are about.
    if (unmatched && planned.hits.length < rules.handful && planned.hits.length > 0) {
      const seeds = [];
      for (const hit of planned.hits.slice(0, planner.association_seeds)) {
        seeds.push((await index.card(hit.doc))[4].split(" "));
      }
      const found = await associated(seeds, queryStems(widest));
      if (found.length) await addWeighted({ groups: found.map((w) => [{ phrase: [w] }]), excluded: [] });
    }
    return planned;
  }

  // ---- Snippets, as src/search/snippet.rs: the first text holding a
  // matching word, eight words each side, matches marked. `fields` are
  // [label, text, ...]; returns {label, parts: [[text, marked]]} or null.
  const CONTEXT = 8;
  function matchesWord(query, word) {
    const stemmed = stem(word);
    return query.groups.flat().some((item) =>
      item.phrase ? item.phrase.includes(stemmed) : stemmed.startsWith(item.prefix) || fold(word).startsWith(item.prefix)
    );
  }
  function snippet(query, fields) {
    for (let k = 0; k < fields.length; k += 2) {
      const text = fields[k + 1];
      const found = words(text);
      const first = found.findIndex(([, w]) => matchesWord(query, w));
      if (first < 0) continue;
      const from = Math.max(0, first - CONTEXT);
      const to = Math.min(found.length, first + CONTEXT + 1);
      const parts = [];
      let cursor = found[from][0];
      for (const [offset, word] of found.slice(from, to)) {
        parts.push([text.slice(cursor, offset), false]);
        parts.push([word, matchesWord(query, word)]);
        cursor = offset + word.length;
      }
      if (from > 0) parts.unshift(["…", false]);
      if (to < found.length) parts.push(["…", false]);
      // One line, whatever the source layout.
      const line = parts.map(([t, marked]) => [marked ? t : t.replace(/\s+/g, " "), marked]);
      return { label: meta.labels[fields[k]], parts: line };
    }
    return null;
  }

  return { search, snippet, stem, words };
};
