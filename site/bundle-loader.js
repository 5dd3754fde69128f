// Loads scopelens' wasm bundles: the app's tools module (site/init.js) and
// the guide's widget bundles (book/widgets/loader.js) both go through here,
// so both retry the same way after a failed load and show the same failure.
//
// A bundle is wasm-bindgen glue plus its wasm. Each is fetched once per
// page; a failed load is forgotten, so the next call fetches it again (the
// glue under a new URL, since a browser may keep a failed module import).

const loads = new Map(); // glue URL -> Promise of the bundle's exports
const failures = new Map(); // glue URL -> failed attempts so far

/// `url` made unique per attempt after a failure, so nothing cached from
/// the failed attempt is reused.
function attemptUrl(url, failed) {
  if (!failed) return url;
  const retry = new URL(url, document.baseURI);
  retry.searchParams.set("attempt", String(failed));
  return retry.href;
}

/// Glue built as an ES module (wasm-bindgen's `web` target): its exports.
async function loadModuleGlue(glue, wasm) {
  const exports = await import(attemptUrl(glue, failures.get(glue) || 0));
  await exports.default({ module_or_path: wasm });
  return exports;
}

/// Glue built as a classic script (`no-modules` target) that declares a
/// global init function whose properties are the exports; `glueInit`
/// returns that function once declared (a script's `let` is not a property
/// of `self`, so only code naming it can reach it).
function loadScriptGlue(glue, wasm, glueInit) {
  const started = glueInit()
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = attemptUrl(glue, failures.get(glue) || 0);
        script.onload = resolve;
        script.onerror = () => {
          script.remove();
          reject(new Error("its script did not load"));
        };
        document.head.append(script);
      });
  return started.then(() => glueInit()({ module_or_path: wasm })).then(() => glueInit());
}

/**
 * The exports of the bundle whose glue is at `glue` and wasm at `wasm`
 * (absolute URLs), fetching and starting it on the first call. For a
 * classic-script glue, `glueInit` returns its init function once declared
 * (or nothing); without it the glue is imported as a module. After a
 * failure the next call tries again.
 */
export function loadBundle({ glue, wasm, glueInit }) {
  let load = loads.get(glue);
  if (!load) {
    load = (glueInit ? loadScriptGlue(glue, wasm, glueInit) : loadModuleGlue(glue, wasm)).catch((error) => {
      loads.delete(glue);
      failures.set(glue, (failures.get(glue) || 0) + 1);
      throw error;
    });
    loads.set(glue, load);
  }
  return load;
}

/**
 * Says in `element` (as an alert) that `what` could not load and why, with
 * a "Try again" button that empties the message and calls `retry`.
 * `after` ends the message (what the failure did not affect).
 */
export function showFailure(element, { what, error, retry, after = "" }) {
  const reason = error && error.message ? error.message : String(error);
  const message = document.createElement("span");
  message.textContent =
    `${what} could not load (${reason}). Reload the page if trying again does not help.` +
    (after ? ` ${after}` : "");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "retry";
  button.textContent = "Try again";
  button.addEventListener("click", () => {
    element.removeAttribute("role");
    element.replaceChildren();
    retry();
  });
  element.setAttribute("role", "alert");
  element.replaceChildren(message, " ", button);
}
