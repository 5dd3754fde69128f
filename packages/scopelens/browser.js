// The package in browsers and bundlers: the WebAssembly module is fetched
// from beside this file (bundlers rewrite the URL) before the exports are
// handed out, so importers never see an uninitialised module.
import init from "./wasm/scopelens.js";

await init({ module_or_path: new URL("./wasm/scopelens_bg.wasm", import.meta.url) });

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
