// Loads scopelens' custom elements (../elements/, beside the guide) on the
// guide's pages that hold them; each element fetches its wasm as it nears
// the viewport. The print page keeps their static content.
(function () {
  "use strict";
  var elements = document.querySelectorAll(".scopelens-widget");
  if (elements.length === 0) {
    return;
  }
  if (/(^|\/)print\.html$/.test(location.pathname)) {
    elements.forEach(function (el) {
      el.setAttribute("data-print", "true");
      var note = el.querySelector(".scopelens-widget-loading");
      if (note) {
        note.textContent = "This chapter's page on the web has an interactive example here.";
      }
    });
    return;
  }
  // mdBook's `const path_to_root` is a global lexical binding, not a window property.
  var root = typeof path_to_root === "string" ? path_to_root : "";
  var version = elements[0].getAttribute("data-bundle");
  var script = new URL(root + "../elements/scopelens-elements.js", document.baseURI);
  if (version) {
    script.searchParams.set("v", version);
  }
  import(script.href).catch(function (error) {
    elements.forEach(function (el) {
      el.setAttribute("data-failed", "true");
      var note = el.querySelector(".scopelens-widget-loading");
      if (note) {
        note.setAttribute("role", "alert");
        note.textContent =
          "This interactive example could not load (" + error.message + "). Reload the page to try again. The rest of the page is unaffected.";
      }
    });
    console.error("scopelens elements:", error);
  });
})();
