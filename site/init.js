// Starts the wasm app. Loaded as an external module script because the
// page's Content-Security-Policy forbids inline scripts; Trunk writes the
// hashed file names into this tag's data attributes.
//
// If the app cannot start (the glue or the WebAssembly did not load, was
// damaged, or the browser cannot run WebAssembly), the page says so in plain
// HTML instead of showing "Loading…" for ever.
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
