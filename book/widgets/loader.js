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
// inline script: the glue is an ES module loaded with import(), through the
// loader the app uses too (bundle-loader.js), so a failed load offers
// "Try again" here as it does there.
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
  // The loader the app uses too (site/bundle-loader.js, copied beside this
  // file): it fetches each bundle once and, after a failure, again on retry.
  var shared = null;
  function bundles() {
    shared = shared || import(new URL("bundle-loader.js" + suffix, base).href).catch(function (error) {
      shared = null;
      throw error;
    });
    return shared;
  }

  function load(loader, module) {
    if (!/^[a-z]+$/.test(module)) {
      return Promise.reject(new Error("the placeholder names no widget bundle"));
    }
    var name = "scopelens_widgets_" + module;
    return loader.loadBundle({
      glue: new URL(name + ".js" + suffix, base).href,
      wasm: new URL(name + "_bg.wasm" + suffix, base).href,
    });
  }

  function fail(loader, el, error) {
    el.setAttribute("data-failed", "true");
    var note = document.createElement("p");
    note.className = "scopelens-widget-error";
    el.appendChild(note);
    var retry = function () {
      note.remove();
      el.removeAttribute("data-failed");
      mount(el);
    };
    var what = "This interactive example";
    var after = "The rest of the page is unaffected.";
    if (loader) {
      loader.showFailure(note, { what: what, error: error, retry: retry, after: after });
    } else {
      note.setAttribute("role", "alert");
      note.textContent = what + " could not load. Reload the page to try again. " + after;
    }
    console.error("scopelens widget:", error);
  }

  function mount(el) {
    if (el.hasAttribute("data-mounted") || el.hasAttribute("data-loading")) {
      return;
    }
    el.setAttribute("data-loading", "true");
    var loader = null;
    bundles()
      .then(function (shared) {
        loader = shared;
        return load(shared, el.getAttribute("data-module") || "");
      })
      .then(function (glue) {
        glue.mount(el, root);
      })
      .catch(function (error) {
        fail(loader, el, error);
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
