// Starts the wasm app. Loaded as an external module script because the
// page's Content-Security-Policy forbids inline scripts; Trunk writes the
// hashed file names into this tag's data attributes.
//
// If the app cannot start (the glue or the WebAssembly did not load, was
// damaged, or the browser cannot run WebAssembly), the page says so in plain
// HTML instead of showing "Loading…" for ever.

// The tool views (access path, error codes, endpoint check, triage), the
// live check's panel and the share preview are a second wasm module, a
// wasm-bindgen `no-modules` build that defines the global `wasm_bindgen`. The
// app calls scopelensTools.mount when a tool view is shown and mountPart when
// the live check or the share preview is first opened; the module is fetched
// once, then the view or part mounts in the element the app left empty for it.
let toolsGlue = null;
let toolsModule = null;
let toolsHost = null; // the element the latest mount asked for
const parts = {}; // the parts of the diagnose view shown ("live", "share"): element and props
let tools = null; // the module's exports, once it has started
function loadTools(script, wasm) {
  // The glue defines `wasm_bindgen` once: a failed wasm is retried without it.
  toolsGlue ??= new Promise((resolve, reject) => {
    const glue = document.createElement("script");
    glue.src = new URL(script, document.baseURI).href;
    glue.onload = resolve;
    glue.onerror = () => {
      glue.remove();
      toolsGlue = null;
      reject(new Error("its script did not load"));
    };
    document.head.append(glue);
  });
  toolsModule ??= toolsGlue
    .then(() => wasm_bindgen({ module_or_path: new URL(wasm, document.baseURI).href }))
    .then(() => wasm_bindgen)
    .catch((error) => {
      toolsModule = null; // let the next visit try again
      throw error;
    });
  return toolsModule;
}
function toolsFailed(element, error, what = "This view") {
  const reason = error && error.message ? error.message : String(error);
  element.setAttribute("role", "alert");
  element.textContent =
    what + " could not load (" + reason + "). Reload the page to try again. Nothing you pasted left this page.";
}
// Runs `show` with the module's exports now or once loaded, unless `current`
// says the element was given up meanwhile.
function withTools(element, script, wasm, what, current, show) {
  element.removeAttribute("role");
  const run = (exports) => {
    try {
      show(exports);
    } catch (error) {
      toolsFailed(element, error, what);
    }
  };
  if (tools) return run(tools);
  element.textContent = "Loading " + what[0].toLowerCase() + what.slice(1) + "…"; // "Loading this view…"
  loadTools(script, wasm).then(
    (exports) => {
      tools = exports;
      // The user may have moved on while it loaded.
      if (current() && element.isConnected) run(exports);
    },
    (error) => current() && toolsFailed(element, error, what),
  );
}
window.scopelensTools = {
  mount(element, view, extra, diagnosis, script, wasm) {
    toolsHost = element;
    withTools(element, script, wasm, "This view", () => toolsHost === element, (exports) =>
      exports.mount(element, view, extra, diagnosis));
  },
  // Synchronous, so the view's own nodes go before the app reuses its element.
  unmount() {
    toolsHost = null;
    tools?.unmount();
  },
  // A part of the diagnose view: `props` is JSON the modules agree on,
  // `listener` the first module's ear for what the part reports.
  mountPart(name, element, props, listener, what, script, wasm) {
    const shown = (parts[name] = { element, props });
    withTools(element, script, wasm, what, () => parts[name] === shown, (exports) =>
      exports.mount_part(name, element, shown.props, listener));
  },
  updatePart(name, props) {
    const part = parts[name];
    if (!part) return;
    part.props = props; // used if the module is still loading
    tools?.update_part(name, props);
  },
  // Calls the module's export `name` with the strings `args` (loading the
  // module first if need be); resolves to what it returns.
  run(name, args, script, wasm) {
    const ready = tools ? Promise.resolve(tools) : loadTools(script, wasm).then((exports) => (tools = exports));
    return ready.then((exports) => exports[name](...args));
  },
  unmountPart(name) {
    delete parts[name];
    tools?.unmount_part(name);
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
