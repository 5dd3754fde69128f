// Starts the wasm app. Loaded as an external module script because the
// page's Content-Security-Policy forbids inline scripts; Trunk writes the
// hashed file names into this tag's data attributes.
const tag = document.querySelector("script[data-wasm]");
const glue = await import(new URL(tag.dataset.js, document.baseURI).href);
await glue.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI).href });
