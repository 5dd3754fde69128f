// Triage over whatever a program has a log as: a Node stream, a web
// ReadableStream, an async or plain iterable of chunks, or one chunk. The
// chunks go to the core's streaming reader one by one, so memory stays flat.
import { LogTriage } from "./wasm/scopelens.js";

export async function triage(source, options) {
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

// Browsers whose ReadableStream is not async iterable yet.
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
