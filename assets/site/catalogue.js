// Filtering and sorting the catalogue's pages in the browser.
//
// Each page of the catalogue is static: one page of cards, the counts of the
// whole catalogue, links to the other pages. When a reader ticks a box,
// sorts, or opens an address that filters (`?theme=mobilite&status=ongoing`,
// a comma or a repeated name meaning "any of"), this script loads the data
// file (a <script>, so it works from a folder on disk too) and draws one
// page of the matching sheets, the counts, the active filters and the page
// links. Within a facet any ticked value may match; across facets all must.
//
// The script only looks up: the names a value may be given (codes, labels,
// aliases) come folded from pacte with the rules of the folding, so
// `?theme=Mobilité` reads as `pacte list --theme Mobilité` does. Every text
// reaches the page as text, never as markup.
(function () {
  "use strict";
  var FACETS = ["theme", "public", "status", "department", "reproducible"];
  var LEGENDS = {
    theme: "Thème",
    public: "Public",
    status: "Statut",
    department: "Département",
    reproducible: "Reproductible"
  };
  // What an unknown value is not, in a sentence.
  var KINDS = {
    theme: "un thème",
    public: "un public",
    status: "un statut",
    department: "un département",
    reproducible: "une valeur du filtre « Reproductible »"
  };
  var PAGE_SIZE = 50;
  var box = document.getElementById("filters");
  var form = document.getElementById("facets");
  var list = document.getElementById("cards");
  var summary = document.getElementById("summary");
  var tools = document.getElementById("tools");
  var sort = document.getElementById("sort");
  var chips = document.getElementById("chips");
  var notice = document.getElementById("notice");
  var barCount = document.getElementById("filters-count");
  var script = document.currentScript;
  if (!box || !form || !list || !summary || !script) {
    return;
  }
  // This page's place among the static pages (`index-3.html` is page 3).
  var fileMatch = /index-(\d+)\.html$/.exec(window.location.pathname);
  var staticPage = fileMatch ? Number(fileMatch[1]) : 1;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var data = null;
  var loading = null;

  // Loads the data file once; calls `then` when it is there.
  function load(then) {
    if (data) {
      then();
      return;
    }
    if (!loading) {
      loading = [];
      var element = document.createElement("script");
      element.src = script.src.replace(/catalogue\.js(\?.*)?$/, "catalogue-data.js");
      element.onload = function () {
        data = prepare(window.pacteCatalogue);
        loading.forEach(function (callback) {
          callback();
        });
      };
      element.onerror = function () {
        summary.textContent = "Le filtrage n’a pas pu se charger ; les pages ci-dessous restent complètes.";
      };
      document.head.appendChild(element);
      summary.textContent = "Chargement des fiches…";
    }
    loading.push(then);
  }

  // The data with each sheet's values per facet, and the folding's classes.
  function prepare(raw) {
    var sheets = raw.sheets.map(function (row) {
      return {
        row: row,
        values: {
          theme: row[6],
          public: row[7],
          status: [row[4]],
          department: row[8] >= 0 ? [row[8]] : [],
          reproducible: [row[5] ? 0 : 1]
        }
      };
    });
    return {
      raw: raw,
      sheets: sheets,
      byUpdate: null,
      drop: new RegExp("[" + raw.fold.drop + "\\p{M}]", "u"),
      space: new RegExp("[" + raw.fold.space + "]", "u")
    };
  }

  // The folded form of a name, as pacte folds it (see the data file).
  function fold(text) {
    var out = "";
    var pending = false;
    var chars = Array.from(text.normalize("NFKD"));
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (data.drop.test(c)) {
        continue;
      }
      if (data.space.test(c)) {
        pending = out.length > 0;
        continue;
      }
      if (pending) {
        out += "-";
        pending = false;
      }
      out += data.raw.fold.apostrophe.indexOf(c) >= 0 ? "'" : c.toLowerCase();
    }
    return out;
  }

  // The words of the address: raw values per facet, the sort, the page.
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var wanted = {};
    var any = false;
    FACETS.forEach(function (facet) {
      wanted[facet] = [];
      params.getAll(facet).forEach(function (value) {
        value.split(",").forEach(function (part) {
          part = part.trim();
          if (part && wanted[facet].indexOf(part) < 0) {
            wanted[facet].push(part);
            any = true;
          }
        });
      });
    });
    var page = Number(params.get("page"));
    return {
      wanted: wanted,
      sort: params.get("sort") === "updated" ? "updated" : "title",
      page: page >= 1 ? Math.floor(page) : 0,
      filtering: any
    };
  }

  // The position of a value among its facet's terms, or -1.
  function resolve(facet, value) {
    var terms = data.raw.facets[facet];
    var exact = terms.values.indexOf(value);
    if (exact >= 0) {
      return exact;
    }
    var named = terms.names[fold(value)];
    return named === undefined ? -1 : named;
  }

  function distance(a, b) {
    var previous = [];
    var current;
    for (var j = 0; j <= b.length; j++) {
      previous.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
      }
      previous = current;
    }
    return previous[b.length];
  }

  // The label of the term closest to an unknown value, or null: within a
  // few edits of its folded form, or starting with it.
  function suggest(facet, value) {
    var terms = data.raw.facets[facet];
    var folded = fold(value);
    var limit = Math.min(4, Math.max(1, Math.ceil(folded.length / 3)));
    var best = null;
    var bestDistance = Infinity;
    Object.keys(terms.names).forEach(function (name) {
      var d = distance(folded, name);
      if (folded.length >= 3 && name.indexOf(folded) === 0) {
        d = Math.min(d, limit);
      }
      if (d <= limit && d < bestDistance) {
        bestDistance = d;
        best = terms.names[name];
      }
    });
    return best === null ? null : best;
  }

  // The state the address asks for, with the values it names resolved.
  function state() {
    var address = readAddress();
    var selection = {};
    var unknown = [];
    FACETS.forEach(function (facet) {
      selection[facet] = [];
      address.wanted[facet].forEach(function (value) {
        var position = resolve(facet, value);
        if (position < 0) {
          unknown.push({ facet: facet, value: value, suggestion: suggest(facet, value) });
        } else if (selection[facet].indexOf(position) < 0) {
          selection[facet].push(position);
        }
      });
    });
    var page = address.page || (address.filtering || address.sort !== "title" ? 1 : staticPage);
    return { selection: selection, unknown: unknown, sort: address.sort, page: page };
  }

  // Whether a sheet passes every facet's selection (`wanted[i]` flags the
  // selected positions of facet i, or is null when nothing is selected);
  // which one it fails when it fails exactly one (for the counts), or -2
  // when more.
  function failing(sheet, wanted) {
    var failed = -1;
    for (var i = 0; i < FACETS.length; i++) {
      var flags = wanted[i];
      if (flags === null) {
        continue;
      }
      var values = sheet.values[FACETS[i]];
      var hit = false;
      for (var k = 0; k < values.length && !hit; k++) {
        hit = flags[values[k]] === 1;
      }
      if (!hit) {
        if (failed >= 0) {
          return -2;
        }
        failed = i;
      }
    }
    return failed;
  }

  function order(sortKey) {
    if (sortKey !== "updated") {
      return data.sheets;
    }
    if (!data.byUpdate) {
      // Most recently updated first; sheets without a date last; ties keep
      // the order by title.
      data.byUpdate = data.sheets
        .map(function (sheet, i) {
          return { sheet: sheet, i: i };
        })
        .sort(function (a, b) {
          var da = a.sheet.row[9];
          var db = b.sheet.row[9];
          if (da !== db) {
            return da < db ? 1 : -1;
          }
          return a.i - b.i;
        })
        .map(function (entry) {
          return entry.sheet;
        });
    }
    return data.byUpdate;
  }

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  }

  function countOf(n) {
    return n === 1 ? "1 fiche" : thousands(n) + " fiches";
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // A card, element for element as pacte writes it.
  function card(row) {
    var item = element("li", "card");
    var heading = element("h3");
    var link = element("a", "", row[1]);
    link.href = "fiches/" + row[0] + "/index.html";
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(element("p", "card-summary", row[2]));
    item.appendChild(element("p", "meta", row[3]));
    item.appendChild(element("p", "card-status", data.raw.statusText[row[4]][row[5]]));
    var tags = element("ul", "tags");
    tags.setAttribute("aria-label", "Thèmes");
    row[6].forEach(function (position) {
      tags.appendChild(element("li", "", data.raw.facets.theme.labels[position]));
    });
    item.appendChild(tags);
    return item;
  }

  // The address of the current state with some changes.
  function address(changes) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(changes).forEach(function (name) {
      params.delete(name);
      var value = changes[name];
      (Array.isArray(value) ? value : [value]).forEach(function (v) {
        if (v !== null && v !== "") {
          params.append(name, v);
        }
      });
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function go(changes) {
    window.history.pushState(null, "", address(changes));
    show();
  }

  function writePagination(page, pages) {
    var old = document.getElementById("pagination");
    if (old) {
      old.remove();
    }
    if (pages <= 1) {
      return;
    }
    var nav = element("nav", "pagination");
    nav.id = "pagination";
    nav.setAttribute("aria-label", "Pages");
    var items = element("ul");
    function add(number, text, className, rel) {
      var li = element("li", className);
      var a = element("a", "", text);
      a.href = address({ page: number > 1 ? String(number) : null }).replace(/^.*\//, "");
      if (rel) {
        a.rel = rel;
      } else {
        a.setAttribute("aria-label", "Page " + number);
      }
      if (number === page && !rel) {
        a.setAttribute("aria-current", "page");
      }
      a.addEventListener("click", function (event) {
        event.preventDefault();
        go({ page: number > 1 ? String(number) : null });
        list.focus();
      });
      li.appendChild(a);
      items.appendChild(li);
    }
    if (page > 1) {
      add(page - 1, "‹ Précédente", "previous", "prev");
    }
    var last = 0;
    for (var n = 1; n <= pages; n++) {
      if (n === 1 || n === pages || Math.abs(n - page) <= 1) {
        if (n > last + 1) {
          items.appendChild(element("li", "gap", "…"));
        }
        add(n, String(n), "", null);
        last = n;
      }
    }
    if (page < pages) {
      add(page + 1, "Suivante ›", "next", "next");
    }
    nav.appendChild(items);
    list.after(nav);
  }

  function writeChips(selection) {
    chips.replaceChildren();
    var active = FACETS.filter(function (facet) {
      return selection[facet].length > 0;
    });
    chips.hidden = active.length === 0;
    if (chips.hidden) {
      return;
    }
    chips.appendChild(element("p", "chips-title", "Filtres actifs :"));
    var items = element("ul");
    active.forEach(function (facet) {
      var terms = data.raw.facets[facet];
      selection[facet].forEach(function (position) {
        var label = terms.labels[position];
        var li = element("li");
        var button = element("button", "chip");
        button.type = "button";
        button.appendChild(element("span", "chip-facet", LEGENDS[facet] + " : "));
        button.appendChild(document.createTextNode(label));
        button.setAttribute("aria-label", "Retirer le filtre " + LEGENDS[facet] + " : " + label);
        button.addEventListener("click", function () {
          var remaining = selection[facet]
            .filter(function (p) {
              return p !== position;
            })
            .map(function (p) {
              return terms.values[p];
            });
          var changes = { page: null };
          changes[facet] = remaining;
          go(changes);
        });
        li.appendChild(button);
        items.appendChild(li);
      });
    });
    chips.appendChild(items);
    var clear = element("button", "link-button", "Tout effacer");
    clear.type = "button";
    clear.id = "clear-all";
    clear.addEventListener("click", clearAll);
    chips.appendChild(clear);
  }

  function clearAll() {
    var changes = { page: null };
    FACETS.forEach(function (facet) {
      changes[facet] = [];
    });
    go(changes);
  }

  function writeNotice(unknown) {
    notice.replaceChildren();
    notice.hidden = unknown.length === 0;
    unknown.forEach(function (entry) {
      var terms = data.raw.facets[entry.facet];
      var p = element(
        "p",
        "",
        "« " + entry.value + " » n’est pas " + KINDS[entry.facet] +
          " de ce catalogue ; ce filtre est ignoré."
      );
      if (entry.suggestion !== null) {
        p.appendChild(document.createTextNode(" Vouliez-vous dire "));
        var a = element("a", "", terms.labels[entry.suggestion]);
        var params = new URLSearchParams(window.location.search);
        var values = params.getAll(entry.facet).join(",").split(",").map(function (v) {
          return v.trim() === entry.value ? terms.values[entry.suggestion] : v.trim();
        });
        var changes = { page: null };
        changes[entry.facet] = values;
        a.href = address(changes).replace(/^.*\//, "");
        p.appendChild(a);
        p.appendChild(document.createTextNode(" ?"));
      }
      notice.appendChild(p);
    });
  }

  // Draws the state the address asks for.
  function render() {
    var current = state();
    var selection = current.selection;
    var counts = {};
    FACETS.forEach(function (facet) {
      counts[facet] = [];
    });
    var wanted = FACETS.map(function (facet) {
      if (selection[facet].length === 0) {
        return null;
      }
      var flags = new Uint8Array(data.raw.facets[facet].values.length);
      selection[facet].forEach(function (position) {
        flags[position] = 1;
      });
      return flags;
    });
    var matching = [];
    var sheets = order(current.sort);
    for (var i = 0; i < sheets.length; i++) {
      var sheet = sheets[i];
      var failed = failing(sheet, wanted);
      if (failed === -2) {
        continue;
      }
      if (failed === -1) {
        matching.push(sheet);
      }
      for (var f = 0; f < FACETS.length; f++) {
        if (failed === -1 || failed === f) {
          var values = sheet.values[FACETS[f]];
          var facetCounts = counts[FACETS[f]];
          for (var k = 0; k < values.length; k++) {
            facetCounts[values[k]] = (facetCounts[values[k]] || 0) + 1;
          }
        }
      }
    }
    inputs.forEach(function (input) {
      var position = data.raw.facets[input.name].values.indexOf(input.value);
      if (position < 0) {
        return;
      }
      input.checked = selection[input.name].indexOf(position) >= 0;
      var count = document.getElementById(input.id + "-count");
      if (count) {
        count.textContent = thousands(counts[input.name][position] || 0);
      }
    });
    var pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    var page = Math.min(current.page, pages);
    var fragment = document.createDocumentFragment();
    matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(function (sheet) {
      fragment.appendChild(card(sheet.row));
    });
    list.replaceChildren(fragment);
    var total = data.sheets.length;
    var text = matching.length === total ? countOf(total) : countOf(matching.length) + " sur " + thousands(total);
    summary.textContent = text;
    if (barCount) {
      barCount.textContent = text;
    }
    var note = document.getElementById("page-note");
    if (!note) {
      note = element("p", "page-note");
      note.id = "page-note";
      summary.after(note);
    }
    note.textContent = pages > 1 ? "Page " + page + " sur " + pages : "";
    note.hidden = pages <= 1;
    sort.value = current.sort;
    writePagination(page, pages);
    writeChips(selection);
    writeNotice(current.unknown);
  }

  function show() {
    load(render);
  }

  box.hidden = false;
  if (tools) {
    tools.hidden = false;
  }
  // Open on a wide screen, or when the address already filters; folded on
  // a phone so the sheets come first.
  var first = readAddress();
  box.open = first.filtering || window.matchMedia("(min-width: 62em)").matches;
  list.tabIndex = -1;
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "checkbox") {
      return;
    }
    var changes = { page: null };
    changes[input.name] = inputs
      .filter(function (other) {
        return other.name === input.name && other.checked;
      })
      .map(function (other) {
        return other.value;
      });
    if (data) {
      // Keep the values the boxes cannot show (a value without sheets).
      go(changes);
    } else {
      load(function () {
        go(changes);
      });
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  if (sort) {
    sort.addEventListener("change", function () {
      go({ sort: sort.value === "updated" ? "updated" : null, page: null });
    });
  }
  window.addEventListener("popstate", function () {
    if (data || window.location.search) {
      show();
    }
  });
  if (first.filtering || first.sort !== "title" || first.page) {
    show();
  }
})();
