// Mounts the guide's interactive widgets (crates/scopelens-widgets).
//
// mdBook loads this as a classic script at the end of every page. It finds
// the placeholders the `mdbook-scopelens` preprocessor wrote
// (`<div class="scopelens-widget" data-widget="…">`), and only once one of
// them comes near the viewport does it import the wasm-bindgen glue and
// instantiate the wasm, once per page, then mount each widget as it
// approaches. Nothing is fetched on pages without widgets. No eval, no
// inline script: the glue is an ES module loaded with import().
(function () {
  "use strict";
  var placeholders = document.querySelectorAll(".scopelens-widget[data-widget]");
  if (placeholders.length === 0) {
    return;
  }
  // mdBook 0.5 declares `const path_to_root` in an inline classic script: a
  // global lexical binding, visible here by name but not as window.path_to_root.
  var root = typeof path_to_root === "string" ? path_to_root : "";
  var version = placeholders[0].getAttribute("data-bundle");
  var suffix = version ? "?v=" + encodeURIComponent(version) : "";
  var base = new URL(root + "widgets/", document.baseURI);
  var glueUrl = new URL("scopelens_widgets.js" + suffix, base).href;
  var wasmUrl = new URL("scopelens_widgets_bg.wasm" + suffix, base).href;
  var loading = null;

  function load() {
    if (loading === null) {
      loading = import(glueUrl).then(function (glue) {
        return glue.default({ module_or_path: wasmUrl }).then(function () {
          return glue;
        });
      });
    }
    return loading;
  }

  function fail(el, error) {
    el.setAttribute("data-failed", "true");
    var note = document.createElement("p");
    note.className = "scopelens-widget-error";
    note.setAttribute("role", "alert");
    note.textContent =
      "This interactive example could not start (" + String(error && error.message ? error.message : error) +
      "). The rest of the page is unaffected.";
    el.appendChild(note);
    console.error("scopelens widget:", error);
  }

  function mount(el) {
    if (el.hasAttribute("data-mounted") || el.hasAttribute("data-loading")) {
      return;
    }
    el.setAttribute("data-loading", "true");
    load()
      .then(function (glue) {
        glue.mount(el, root);
      })
      .catch(function (error) {
        fail(el, error);
      })
      .then(function () {
        el.removeAttribute("data-loading");
      });
  }

  if (!("IntersectionObserver" in window)) {
    placeholders.forEach(mount);
    return;
  }
  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          mount(entry.target);
        }
      });
    },
    { rootMargin: "300px 0px" }
  );
  placeholders.forEach(function (el) {
    observer.observe(el);
  });
})();
