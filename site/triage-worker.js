// Starts the triage view's Web Worker: the wasm-bindgen `no-modules` build
// of site/src/bin/triage_worker/ (Trunk `data-type="worker"`). The page
// creates this classic worker only when a log is read, so none of it loads
// with the app. Same-origin scripts and wasm only, as the CSP requires
// (`worker-src 'self'`; `script-src 'self' 'wasm-unsafe-eval'`). The query
// (`?v=<version>`) is passed on so caches never mix two releases.
const version = self.location.search;
importScripts("./triage_worker.js" + version);
wasm_bindgen({ module_or_path: "./triage_worker_bg.wasm" + version }).catch((e) => {
  self.postMessage(JSON.stringify({ type: "failed", message: `The triage worker could not start: ${e}` }));
});
