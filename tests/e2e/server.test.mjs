// The static server (server.mjs `serve`), which every browser
// test and the browser benchmark go through: what it serves and refuses.

import { test } from "node:test";
import strict from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import { serve, allowConnect } from "./server.mjs";

/** A raw GET (fetch would normalise `..` away before sending it). */
const get = (url, path, headers = {}) =>
  new Promise((done, fail) => {
    const req = request(new URL(url), { path, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail).end();
  });

function site() {
  const dir = mkdtempSync(join(tmpdir(), "scopelens-serve-"));
  mkdirSync(join(dir, "guide"));
  const page = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self' https://graph.facebook.com; base-uri 'none'">`;
  writeFileSync(join(dir, "index.html"), page);
  writeFileSync(join(dir, "guide", "index.html"), "<p>guide</p>");
  writeFileSync(join(dir, "app.js"), "console.log('hello');".repeat(50));
  writeFileSync(join(dir, "app.js.br"), brotliCompressSync("console.log('hello');".repeat(50)));
  writeFileSync(join(dir, "a_bg.wasm"), Buffer.from([0, 97, 115, 109]));
  return dir;
}

test("server: a file comes with its type, a folder with its index.html, a query is ignored", async () => {
  const dir = site();
  const s = await serve(dir);
  try {
    const wasm = await get(s.url, "/a_bg.wasm");
    strict.equal(wasm.status, 200);
    strict.equal(wasm.headers["content-type"], "application/wasm");
    strict.equal(wasm.headers["x-content-type-options"], "nosniff");
    const guide = await get(s.url, "/guide/?x=1");
    strict.equal(guide.body.toString(), "<p>guide</p>");
    strict.equal(guide.headers["content-type"], "text/html; charset=utf-8");
    strict.equal((await get(s.url, "/missing.js")).status, 404);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true });
  }
});

test("server: nothing outside its folder is served, however the path is spelled", async () => {
  const dir = site();
  const s = await serve(join(dir, "guide"));
  try {
    // Dot segments are resolved as a browser does, inside the folder; an
    // encoded slash or backslash cannot smuggle one past that.
    for (const path of ["/../index.html", "/%2e%2e/index.html", "/a/../../index.html"]) {
      strict.equal((await get(s.url, path)).body.toString(), "<p>guide</p>", path);
    }
    for (const path of ["/..%2findex.html", "/..%5cindex.html", "/%00", "/%zz"]) {
      strict.equal((await get(s.url, path)).status, 404, path);
    }
  } finally {
    await s.close();
    rmSync(dir, { recursive: true });
  }
});

test("server: the brotli copy is sent when the browser accepts it, the plain file otherwise", async () => {
  const dir = site();
  const s = await serve(dir);
  try {
    const packed = await get(s.url, "/app.js", { "accept-encoding": "gzip, br" });
    strict.equal(packed.headers["content-encoding"], "br");
    const plain = await get(s.url, "/app.js");
    strict.equal(plain.headers["content-encoding"], undefined);
    strict.equal(plain.body.toString(), "console.log('hello');".repeat(50));
  } finally {
    await s.close();
    rmSync(dir, { recursive: true });
  }
});

test("server: an allowed origin is added to the served page's connect-src only, and extra headers are sent", async () => {
  strict.throws(() => allowConnect("<p>no policy</p>", "http://x"), /connect-src/);
  const dir = site();
  const s = await serve(dir, { connectSrc: ["http://127.0.0.1:4711"], headers: { "content-security-policy": "default-src 'self'" } });
  try {
    const page = await get(s.url, "/", { "accept-encoding": "br" });
    strict.match(page.body.toString(), /connect-src 'self' https:\/\/graph\.facebook\.com http:\/\/127\.0\.0\.1:4711; base-uri 'none'/);
    strict.equal(page.headers["content-security-policy"], "default-src 'self'");
  } finally {
    await s.close();
    rmSync(dir, { recursive: true });
  }
});
