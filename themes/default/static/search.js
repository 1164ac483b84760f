// The search page: starts Pagefind's UI on #search. Paths are worked out from the page's own
// location (`data-root` is the relative way back to the site root), so search works under any
// sub-path. A `?q=` from the header's search box runs at once. From file://, where the index
// cannot load, it says that search needs the site to be served.
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el) {
    return;
  }
  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    // Opened from files, Pagefind cannot load its index: say so instead of "Searching…" forever.
    var p = document.createElement("p");
    p.className = "search-unavailable";
    p.textContent = el.getAttribute("data-served") || "";
    el.appendChild(p);
    return;
  }
  var root = new URL(el.getAttribute("data-root"), document.baseURI).pathname;
  // A large site's index is in shards: the first in pagefind/, the others merged into it.
  var merge = (el.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (dir) {
    return { bundlePath: root + dir };
  });
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: root + "pagefind/",
    mergeIndex: merge,
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
  }
})();
