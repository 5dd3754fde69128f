// Mounts the guide's interactive widgets (crates/scopelens-widgets).
//
// mdBook loads this as a classic script at the end of every page. It finds
// the placeholders the `mdbook-scopelens` preprocessor wrote
// (`<div class="scopelens-widget" data-widget="…" data-module="…">`), and
// only once one of them comes near the viewport does it import the glue of
// the bundle it names (`diagnose`: decoder and endpoint check; `tools`: the
// wizard, checklist and explainer) and instantiate its wasm, once per page,
// then mount each widget as it approaches. A page fetches only the bundles
// its widgets need, and nothing without widgets. No eval, no
// inline script: the glue is an ES module loaded with import().
(function () {
  "use strict";
  var placeholders = document.querySelectorAll(".scopelens-widget[data-widget]");
  if (placeholders.length === 0) {
    return;
  }
  // mdBook's print page (every chapter at once) opens the print dialog as it
  // loads, and paper cannot run a widget: there the placeholders keep their
  // static content and no bundle is fetched.
  if (/(^|\/)print\.html$/.test(location.pathname)) {
    placeholders.forEach(function (el) {
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
  var version = placeholders[0].getAttribute("data-bundle");
  var suffix = version ? "?v=" + encodeURIComponent(version) : "";
  var base = new URL(root + "widgets/", document.baseURI);
  var loading = {};

  function load(module) {
    if (!/^[a-z]+$/.test(module)) {
      return Promise.reject(new Error("the placeholder names no widget bundle"));
    }
    if (!loading[module]) {
      var name = "scopelens_widgets_" + module;
      loading[module] = import(new URL(name + ".js" + suffix, base).href).then(function (glue) {
        return glue.default({ module_or_path: new URL(name + "_bg.wasm" + suffix, base).href }).then(function () {
          return glue;
        });
      });
    }
    return loading[module];
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
    load(el.getAttribute("data-module") || "")
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
