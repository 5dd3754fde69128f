// The functions and every type come from the declarations wasm-bindgen
// writes from the Rust binding, whose types tsify-next generates from
// scopelens-core's own types; only `triage()`, written in JavaScript, is
// declared here.
import type { TriageOptions, TriageReport } from "./wasm/scopelens.js";

export {
  diagnose,
  explain,
  endpoint,
  redact,
  shareLink,
  openLink,
  LogTriage,
} from "./wasm/scopelens.js";
export type * from "./wasm/scopelens.js";

/** A chunk of a log: bytes (a Node `Buffer` is one) or text. */
export type LogChunk = Uint8Array | string;

/**
 * Counts and groups the errors in a log: JSON Lines, JSON arrays,
 * pretty-printed webhook dumps, text logs with JSON on their lines (plain
 * text: pipe gzip through `zlib.createGunzip()` first). Reads a Node stream,
 * a web `ReadableStream`, an async or plain iterable of chunks, or one chunk,
 * with memory that stays flat, and resolves to the `scopelens/triage/v1`
 * report `scopelens triage --format json` prints.
 */
export function triage(
  source:
    | AsyncIterable<LogChunk>
    | Iterable<LogChunk>
    | ReadableStream<LogChunk>
    | LogChunk,
  options?: TriageOptions,
): Promise<TriageReport>;
