// Starts the wasm app. Loaded as an external module script because the
// page's Content-Security-Policy forbids inline scripts; Trunk writes the
// hashed file names into this tag's data attributes.
//
// If the app cannot start (the glue or the WebAssembly did not load, was
// damaged, or the browser cannot run WebAssembly), the page says so in plain
// HTML instead of showing "Loading…" for ever.

import { loadBundle, showFailure, savesData, whenIdle } from "./bundle-loader.js";

// The tool views (access path, error codes, endpoint check, triage), the
// live check's panel and the share preview are a second wasm module, a
// wasm-bindgen `no-modules` build that defines the global `wasm_bindgen`.
// `window.scopelensTools` is how the first module reaches it: each entry
// takes the element to fill and one request object whose shape both modules
// declare in Rust (site/src/lib.rs, `bridge`); this file only loads the
// module, says when it is loading or failed, and passes the request on.
let source = null; // { glue, wasm }: absolute URLs, from `start`
let tools = null; // the module's exports, once it has started
let viewHost = null; // the element the latest showView asked for
const parts = {}; // the parts shown ("live", "share"): { element, request, listener }

function loadTools() {
  if (!source) return Promise.reject(new Error("the page did not say where it is"));
  // The glue's `let wasm_bindgen`, once its script has run.
  const glueInit = () => (typeof wasm_bindgen === "function" ? wasm_bindgen : null);
  return loadBundle({ ...source, glueInit }).then((exports) => {
    tools = exports;
    document.documentElement.dataset.tools = "ready";
    return exports;
  });
}

// Runs `show` with the module's exports now, or once loaded unless
// `current` says the element was given up meanwhile; "Try again" after a
// failure loads it again.
function withTools(element, what, current, show) {
  const run = (exports) => {
    try {
      show(exports);
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error) =>
    showFailure(element, { what, error, retry: attempt, after: "Nothing you pasted left this page." });
  function attempt() {
    if (tools) return run(tools);
    element.textContent = "Loading " + what[0].toLowerCase() + what.slice(1) + "…"; // "Loading this view…"
    loadTools().then(
      (exports) => current() && element.isConnected && run(exports),
      (error) => current() && fail(error),
    );
  }
  element.removeAttribute("role");
  attempt();
}

window.scopelensTools = {
  // Where the module is; fetched once the page is idle (not with Save-Data
  // on), so that opening a tool view does not wait for it.
  start(glue, wasm) {
    source = { glue: new URL(glue, document.baseURI).href, wasm: new URL(wasm, document.baseURI).href };
    if (!savesData()) whenIdle(() => loadTools().catch(() => {})); // a view opened later tries again
  },
  showView(element, request) {
    viewHost = element;
    withTools(element, "This view", () => viewHost === element, (exports) => exports.mount_view(element, request));
  },
  // Synchronous, so the view's own nodes go before the app reuses its element.
  hideView() {
    viewHost = null;
    tools?.unmount_view();
  },
  showPart(element, request, listener) {
    const shown = (parts[request.part] = { element, request });
    withTools(element, request.label, () => parts[request.part] === shown, (exports) =>
      exports.mount_part(element, shown.request, listener));
  },
  updatePart(request) {
    const part = parts[request.part];
    if (!part) return;
    part.request = request; // used if the module is still loading
    tools?.update_part(request);
  },
  hidePart(name) {
    delete parts[name];
    tools?.unmount_part(name);
  },
  // The share link's fragment for a share state, and the Markdown for a
  // ticket: made by the module, loaded first if need be.
  shareFragment(state) {
    return (tools ? Promise.resolve(tools) : loadTools()).then((exports) => exports.share_fragment(state));
  },
  ticketMarkdown(request) {
    return (tools ? Promise.resolve(tools) : loadTools()).then((exports) => exports.ticket_markdown(request));
  },
};

const tag = document.querySelector("script[data-wasm]");
try {
  if (typeof WebAssembly !== "object") throw new Error("this browser does not run WebAssembly");
  const glue = await import(new URL(tag.dataset.js, document.baseURI).href);
  await glue.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI).href });
} catch (error) {
  const fatal = document.getElementById("sl-fatal");
  // A panic while starting has already written its own message there.
  if (fatal && fatal.hidden) {
    const reason = error && error.message ? error.message : String(error);
    fatal.textContent =
      "scopelens could not start: its WebAssembly module did not load or could not run (" + reason + "). " +
      "Reload the page to try again; if it keeps failing, this browser or a network filter may block WebAssembly. " +
      "Nothing you pasted left this page.";
    fatal.hidden = false;
  }
  document.getElementById("app")?.replaceChildren();
}
