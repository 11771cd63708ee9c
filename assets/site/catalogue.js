// Live filtering of the catalogue page. The selection lives in the URL
// (`?theme=mobilite&status=ongoing`, a comma or a repeated name meaning "any
// of"), so a filtered view can be shared; every click updates the URL.
// Within a facet any checked value may match; across facets all must.
// Without JavaScript the page lists every sheet and the theme and public
// pages stay reachable by their links.
(function () {
  "use strict";
  var box = document.getElementById("filters");
  var form = document.getElementById("facets");
  var list = document.getElementById("cards");
  var summary = document.getElementById("summary");
  if (!box || !form || !list || !summary) {
    return;
  }
  var FACETS = ["theme", "public", "status", "department", "reproducible"];
  var cards = Array.prototype.slice.call(list.children);
  var cardValues = cards.map(function (card) {
    var values = {};
    FACETS.forEach(function (facet) {
      var text = card.getAttribute("data-" + facet) || "";
      values[facet] = text ? text.split(" ") : [];
    });
    return values;
  });
  var inputs = {};
  FACETS.forEach(function (facet) {
    inputs[facet] = Array.prototype.slice.call(
      form.querySelectorAll('input[name="' + facet + '"]')
    );
  });

  function selectionFromUrl() {
    var params = new URLSearchParams(window.location.search);
    var selection = {};
    FACETS.forEach(function (facet) {
      var wanted = [];
      params.getAll(facet).forEach(function (value) {
        value.split(",").forEach(function (part) {
          part = part.trim();
          if (part && wanted.indexOf(part) < 0) {
            wanted.push(part);
          }
        });
      });
      selection[facet] = wanted;
    });
    return selection;
  }

  // Whether a card passes every facet's selection but `skipped`'s.
  function passes(values, selection, skipped) {
    for (var i = 0; i < FACETS.length; i++) {
      var facet = FACETS[i];
      var wanted = selection[facet];
      if (facet === skipped || wanted.length === 0) {
        continue;
      }
      var hit = wanted.some(function (value) {
        return values[facet].indexOf(value) >= 0;
      });
      if (!hit) {
        return false;
      }
    }
    return true;
  }

  function apply(selection) {
    var shown = 0;
    cards.forEach(function (card, i) {
      var visible = passes(cardValues[i], selection, null);
      card.hidden = !visible;
      if (visible) {
        shown++;
      }
    });
    // Each count says how many sheets checking that box would show.
    FACETS.forEach(function (facet) {
      var counts = {};
      cardValues.forEach(function (values) {
        if (passes(values, selection, facet)) {
          values[facet].forEach(function (value) {
            counts[value] = (counts[value] || 0) + 1;
          });
        }
      });
      inputs[facet].forEach(function (input) {
        input.checked = selection[facet].indexOf(input.value) >= 0;
        var count = document.getElementById(input.id + "-count");
        if (count) {
          count.textContent = String(counts[input.value] || 0);
        }
      });
    });
    var total = cards.length;
    summary.textContent =
      shown === total
        ? total + (total === 1 ? " fiche" : " fiches")
        : shown + (shown === 1 ? " fiche affichée" : " fiches affichées") + " sur " + total;
  }

  function selectionFromForm() {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      inputs[facet].forEach(function (input) {
        if (input.checked) {
          params.append(facet, input.value);
        }
      });
    });
    return params.toString();
  }

  box.hidden = false;
  // Open on a wide screen, or when the address already filters; folded on
  // a phone so the sheets come first.
  var filtering = FACETS.some(function (facet) {
    return new URLSearchParams(window.location.search).has(facet);
  });
  box.open = filtering || window.matchMedia("(min-width: 45rem)").matches;
  form.addEventListener("change", function () {
    var query = selectionFromForm();
    var url = window.location.pathname + (query ? "?" + query : "");
    window.history.pushState(null, "", url);
    apply(selectionFromUrl());
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  var reset = document.getElementById("facets-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      window.history.pushState(null, "", window.location.pathname);
      apply(selectionFromUrl());
    });
  }
  window.addEventListener("popstate", function () {
    apply(selectionFromUrl());
  });
  apply(selectionFromUrl());
})();
