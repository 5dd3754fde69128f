// Loads scopelens' custom elements for the guide's pages.
//
// The `mdbook-scopelens` preprocessor writes the guide's interactive
// examples as the same elements any site can use (`<scopelens-decoder>`,
// `<scopelens-explain>`…). mdBook loads this file as a classic script at the
// end of every page; on a page with elements it imports their script
// (`elements/`, beside the guide), which loads each element's wasm only as
// it comes near the viewport. No eval, no inline script.
(function () {
  "use strict";
  var elements = document.querySelectorAll(".scopelens-widget");
  if (elements.length === 0) {
    return;
  }
  // mdBook's print page (every chapter at once) opens the print dialog as it
  // loads, and paper cannot run an element: there they keep their static
  // content and nothing is fetched.
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
  // mdBook 0.5 declares `const path_to_root` in an inline classic script: a
  // global lexical binding, visible here by name but not as window.path_to_root.
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
