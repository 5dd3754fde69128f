// Starts the wasm app. Loaded as an external module script because the
// page's Content-Security-Policy forbids inline scripts; Trunk writes the
// hashed file names into this tag's data attributes.
//
// If the app cannot start (the glue or the WebAssembly did not load, was
// damaged, or the browser cannot run WebAssembly), the page says so in plain
// HTML instead of showing "Loading…" for ever.

// The tool views, the live check and the share link encoder are a second wasm
// module (a `no-modules` build). The first module reaches it through
// `scopelensTools.ask` with one typed request (the `bridge` in
// site/src/lib.rs): this file loads the module through bundle-loader.js,
// shows it loading or failed, and passes the request on.
let source = null; // glue and wasm URLs, from `start`
let tools = null; // the module's exports, once it has started
let viewHost = null; // the element the latest showView asked for
const parts = {}; // the parts shown, by name: { request }
const loader = () => import("./bundle-loader.js");

function loadTools() {
  // The glue's `let wasm_bindgen` is no property of self: named here.
  const glueInit = () => (typeof wasm_bindgen === "function" ? wasm_bindgen : null);
  return loader()
    .then(({ loadBundle }) => loadBundle({ ...source, glueInit }))
    .then((exports) => {
      document.documentElement.dataset.tools = "ready";
      return (tools = exports);
    });
}

// Runs `show` with the module's exports, loading them first unless
// `current` says the element was given up meanwhile; a failure offers
// "Try again".
function withTools(element, what, current, show) {
  const fail = (error) =>
    loader().then(
      ({ showFailure }) => showFailure(element, { what, error, retry: attempt, after: "Nothing you pasted left this page." }),
      () => (element.textContent = what + " could not load. Reload the page to try again."),
    );
  const run = (exports) => {
    try {
      show(exports);
    } catch (error) {
      fail(error);
    }
  };
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

const whenLoaded = () => (tools ? Promise.resolve(tools) : loadTools());

// What each request asks (its `ask`, the `Ask` enum in site/src/lib.rs).
const asks = {
  // Fetched once the page is idle, unless the user saves data.
  start({ glue, wasm }) {
    source = { glue: new URL(glue, document.baseURI).href, wasm: new URL(wasm, document.baseURI).href };
    const idle = self.requestIdleCallback || ((task) => setTimeout(task, 1500));
    if (!navigator.connection?.saveData) idle(() => loadTools().catch(() => {}), { timeout: 4000 });
  },
  showView(request, element) {
    viewHost = element;
    withTools(element, "This view", () => viewHost === element, (exports) => exports.mount_view(element, request));
  },
  // Synchronous, so the view's nodes go before the app reuses its element.
  hideView() {
    viewHost = null;
    tools?.unmount_view();
  },
  showPart(request, element, listener) {
    const shown = (parts[request.part] = { request });
    withTools(element, request.label, () => parts[request.part] === shown, (exports) =>
      exports.mount_part(element, shown.request, listener));
  },
  updatePart(request) {
    const part = parts[request.part];
    if (!part) return;
    part.request = request; // used if the module is still loading
    tools?.update_part(request);
  },
  hidePart({ part }) {
    delete parts[part];
    tools?.unmount_part(part);
  },
  shareFragment: ({ state }) => whenLoaded().then((exports) => exports.share_fragment(state)),
  ticketMarkdown: (request) => whenLoaded().then((exports) => exports.ticket_markdown(request)),
};
window.scopelensTools = { ask: (request, element, listener) => asks[request.ask](request, element, listener) };

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
