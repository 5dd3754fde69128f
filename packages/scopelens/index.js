// The package in Node (18 and later): the WebAssembly module is read from
// disk and instantiated synchronously, so every function is ready as soon as
// the import resolves, with no bundler and no `await init()`.
import { readFileSync } from "node:fs";
import { initSync } from "./wasm/scopelens.js";

initSync({ module: readFileSync(new URL("./wasm/scopelens_bg.wasm", import.meta.url)) });

export {
  diagnose,
  explain,
  endpoint,
  redact,
  shareLink,
  openLink,
  LogTriage,
} from "./wasm/scopelens.js";
export { triage } from "./triage.js";
