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

// `triage.cjs` is made from `triage.js` by `cargo xtask npm`.
const { triage } = require("./triage.cjs");

module.exports = { diagnose, explain, endpoint, redact, shareLink, openLink, LogTriage, triage };
