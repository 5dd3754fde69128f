// The one static file server, for the browser tests (harness.mjs), the
// browser benchmark (tests/bench/browser.mjs) and `cargo xtask serve`:
//   node tests/e2e/server.mjs DIR [PORT]   # serves DIR until stopped
// Node's own modules only.

import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".xml": "application/xml",
};

/** Adds `origin` to the connect-src directive of a page's Content-Security-Policy. */
export function allowConnect(html, origin) {
  const start = html.indexOf("connect-src ");
  if (start < 0) throw new Error("the page has no connect-src directive to add the fake Graph API to");
  const end = html.slice(start).search(/[;"]/);
  if (end < 0) throw new Error("the page's connect-src directive does not end");
  return `${html.slice(0, start + end)} ${origin}${html.slice(start + end)}`;
}

/** The file a request path names under `root`, or null for anything outside it or missing. */
function fileFor(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const parts = decoded.split("/").filter((p) => p !== "");
  if (parts.some((p) => p === "." || p === ".." || p.includes("\\") || p.includes("\0"))) return null;
  let file = join(root, ...parts);
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/**
 * Serves `root` on 127.0.0.1 (`port`, or a free one): GET and HEAD only, no listings,
 * nothing outside `root`, the precompressed `.br`/`.gz` copy `cargo xtask
 * dist` writes when the browser accepts it. `headers` are added to every
 * answer; `connectSrc` origins are added to HTML pages' connect-src. Unless
 * `keepProcessAlive`, an idle server does not keep the process running.
 * Returns `{ url, close }`, `url` ending in `/`.
 */
export async function serve(root, { headers = {}, connectSrc = [], port = 0, keepProcessAlive = false } = {}) {
  root = resolve(root);
  const server = createServer((req, res) => {
    const plain = { "content-type": "text/plain; charset=utf-8", allow: "GET, HEAD" };
    if (req.method !== "GET" && req.method !== "HEAD") return res.writeHead(405, plain).end("method not allowed\n");
    const file = fileFor(root, new URL(req.url, "http://localhost").pathname);
    if (!file) return res.writeHead(404, plain).end(req.method === "HEAD" ? undefined : "not found\n");
    const head = {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      vary: "Accept-Encoding",
      ...headers,
    };
    let body;
    if (extname(file) === ".html" && connectSrc.length) {
      // Rewritten pages are sent as they are: their compressed copies hold the old policy.
      body = Buffer.from(connectSrc.reduce(allowConnect, readFileSync(file, "utf8")));
    } else {
      const accepts = (req.headers["accept-encoding"] || "").split(",").map((a) => a.trim().split(";")[0]);
      const packed = [["br", "br"], ["gzip", "gz"]].find(([encoding, ext]) => accepts.includes(encoding) && existsSync(`${file}.${ext}`));
      if (packed) head["content-encoding"] = packed[0];
      body = readFileSync(packed ? `${file}.${packed[1]}` : file);
    }
    res.writeHead(200, { ...head, "content-length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((ok, fail) => server.once("error", fail).listen(port, "127.0.0.1", ok));
  if (!keepProcessAlive) server.unref();
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port = "8080"] = process.argv.slice(2);
  if (!dir || !existsSync(join(dir, "index.html"))) {
    console.error(`usage: node tests/e2e/server.mjs DIR [PORT]: DIR must hold a built site (cargo xtask dist)`);
    process.exit(2);
  }
  const served = await serve(dir, { port: Number(port), keepProcessAlive: true });
  console.error(`Serving ${resolve(dir)} at ${served.url} (Ctrl+C to stop)`);
}
