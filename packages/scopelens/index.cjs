// The package for `require()` (Node 18 and later). The glue is
// wasm-bindgen's CommonJS output for the very wasm the ES module entries
// load: it reads `wasm/scopelens_bg.wasm` (the one copy the package ships)
// and instantiates it synchronously when first required.
"use strict";

const {
  diagnose,
  explain,
  endpoint,
  redact,
  shareLink,
  openLink,
  LogTriage,
} = require("./wasm/scopelens.cjs");

// `triage()` as `triage.js` has it (an ES module, which Node 18 cannot
// require), over this glue's LogTriage.
async function triage(source, options) {
  const reader = new LogTriage(options);
  try {
    for await (const chunk of chunksOf(source)) {
      reader.push(chunk);
    }
    return reader.finish();
  } finally {
    reader.free();
  }
}

function chunksOf(source) {
  if (typeof source === "string" || source instanceof Uint8Array) {
    return [source];
  }
  if (source != null && typeof source[Symbol.asyncIterator] === "function") {
    return source;
  }
  if (source != null && typeof source.getReader === "function") {
    return readableChunks(source);
  }
  if (source != null && typeof source[Symbol.iterator] === "function") {
    return source;
  }
  throw new TypeError(
    "triage() reads a stream, an async iterable or an iterable of Uint8Array or string chunks",
  );
}

async function* readableChunks(stream) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

module.exports = { diagnose, explain, endpoint, redact, shareLink, openLink, LogTriage, triage };
