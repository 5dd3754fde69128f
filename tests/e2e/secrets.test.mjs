// Secrets end to end: every token and secret form, pasted into every place
// the web app takes text, must never reach anything that outlives the paste
// or leaves the page.
//
// Recorded for each page (an init script installed before the app loads):
// every network request (URL, headers, body), every storage write
// (localStorage, sessionStorage, IndexedDB, the Cache API, cookies), every
// URL change (pushState, replaceState, hash changes), every console message
// (the page's own and the browser's), plus, after each paste: the whole DOM
// serialized (attributes and text: the token may live only in a field's
// value, which is not serialized), the document title, the address, the
// share link the app makes (decoded), and the clipboard after "Create link"
// and "Copy as Markdown". None may carry the secret.
//
// Run: cargo xtask e2e secrets   (or `node --test --test-name-pattern=secrets tests/e2e/`, see harness.mjs)

import { BASE, browser, problems, fixture, test, assert, eq, openScopeCheck } from "./harness.mjs";
import * as corpus from "./attack-corpus.mjs";

const { shareFragment, SECRETS, secretNeedle: needle } = corpus;
const { USER, APP_ID, APP_SECRET } = SECRETS;
const FORMS = corpus.SECRET_FORMS;
const graphError = fixture("graph_error/oauth_190_session_expired.json");

// ---------------------------------------------------------------------------
// A page that records everything a secret could leak into.

function recorder() {
  const rec = (window.__rec = { writes: [], urls: [], console: [] });
  const text = (v) => {
    try {
      return typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  };
  for (const name of ["setItem", "removeItem", "clear"]) {
    const original = Storage.prototype[name];
    Storage.prototype[name] = function (...args) {
      rec.writes.push(`${this === localStorage ? "localStorage" : "sessionStorage"}.${name}(${args.map(text).join(", ")})`);
      return original.apply(this, args);
    };
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    get() {
      return cookie.get.call(this);
    },
    set(v) {
      rec.writes.push(`document.cookie=${v}`);
      cookie.set.call(this, v);
    },
  });
  const idbOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    rec.writes.push(`indexedDB.open(${args.map(text).join(", ")})`);
    return idbOpen.apply(this, args);
  };
  for (const name of ["put", "add"]) {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (...args) {
      rec.writes.push(`IDBObjectStore.${name}(${args.map(text).join(", ")})`);
      return original.apply(this, args);
    };
  }
  if (window.caches) {
    const cacheOpen = CacheStorage.prototype.open;
    CacheStorage.prototype.open = function (...args) {
      rec.writes.push(`caches.open(${args.map(text).join(", ")})`);
      return cacheOpen.apply(this, args);
    };
  }
  for (const name of ["pushState", "replaceState"]) {
    const original = History.prototype[name];
    History.prototype[name] = function (...args) {
      rec.urls.push(`${name}(${args.map(text).join(", ")})`);
      return original.apply(this, args);
    };
  }
  addEventListener("hashchange", () => rec.urls.push(`hashchange ${location.href}`));
  addEventListener("popstate", () => rec.urls.push(`popstate ${location.href}`));
  for (const level of ["log", "info", "warn", "error", "debug", "trace", "table", "dir"]) {
    const original = console[level];
    console[level] = (...args) => {
      rec.console.push(`${level}: ${args.map(text).join(" ")}`);
      return original.apply(console, args);
    };
  }
  window.name = "";
}

async function openRecorded(hash = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(BASE).origin });
  const page = await context.newPage();
  const log = { requests: [], console: [] };
  const label = `secrets page ${hash.slice(0, 30) || "/"}`;
  // Requests from the page and from any worker it starts.
  context.on("request", (req) => {
    log.requests.push(`${req.method()} ${req.url()} ${JSON.stringify(req.headers())} ${req.postData() ?? ""}`);
    if (!req.url().startsWith(BASE) && !req.url().startsWith("data:")) problems.push(`${label}: request to ${req.url()}`);
  });
  page.on("websocket", (ws) => log.requests.push(`websocket ${ws.url()}`));
  page.on("console", (msg) => {
    log.console.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === "error") problems.push(`${label}: console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`${label}: page error: ${err.message}`));
  await page.addInitScript(recorder);
  await page.goto(BASE + hash);
  await page.waitForSelector("nav.views");
  return { context, page, log };
}

function decodeFragment(link) {
  return corpus.shareLinkText(link) ?? "";
}

/** Everything observable about the page right now, as one list of strings. */
async function snapshot(page, log) {
  const inPage = await page.evaluate(async () => {
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
    const cacheKeys = window.caches ? await caches.keys() : [];
    return {
      dom: document.documentElement.outerHTML,
      title: document.title,
      url: location.href,
      name: window.name,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
      databases: databases.join(","),
      caches: cacheKeys.join(","),
      resources: performance.getEntriesByType("resource").map((e) => e.name).join(" "),
      rec: JSON.stringify(window.__rec),
    };
  });
  return {
    ...inPage,
    urlDecoded: decodeFragment(inPage.url),
    requests: log.requests.join("\n"),
    console: log.console.join("\n"),
  };
}

/** Names of the snapshot parts (and extras) that contain any of the secrets. */
function leaks(parts, secrets) {
  const found = [];
  for (const s of secrets) {
    for (const [where, text] of Object.entries(parts)) {
      if (typeof text === "string" && (text.includes(needle(s)) || text.includes(s))) found.push(`${where} carries ${s.slice(0, 10)}…`);
    }
  }
  return found;
}

/** Share link and Markdown copy from the current view; returns the texts to check. */
async function shareAndCopy(page, { markdown = true } = {}) {
  const out = {};
  await page.click("button.share-toggle");
  await page.click("button.make-link");
  const link = await page.inputValue("input.sl-link");
  out.link = link;
  out.linkDecoded = decodeFragment(link);
  out.clipboardAfterLink = await page.evaluate(() => navigator.clipboard.readText());
  out.preview = await page.textContent(".share-preview");
  if (markdown && (await page.$("button.copy-markdown"))) {
    await page.click("button.copy-markdown");
    await page.waitForFunction(() => /Markdown/.test(document.querySelector(".share .copy-status")?.textContent ?? ""));
    out.markdown = await page.evaluate(() => navigator.clipboard.readText());
  }
  await page.click("button.share-toggle"); // close again
  return out;
}

const tried = { combos: 0, places: new Set() };

/** Runs every form through one place; `put(page, text)` puts it there. */
async function throughPlace(place, hash, put, { share = true, markdown = true, prepare } = {}) {
  const failures = [];
  const p = await openRecorded(hash);
  if (prepare) await prepare(p.page);
  for (const form of FORMS) {
    await put(p.page, form.text);
    await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const extra = share ? await shareAndCopy(p.page, { markdown }) : {};
    const parts = { ...(await snapshot(p.page, p.log)), ...extra };
    for (const l of leaks(parts, form.secrets)) failures.push(`${place} ← ${form.name}: ${l}`);
    tried.combos++;
  }
  // Anything written or sent at any time during the run, for every secret.
  const all = FORMS.flatMap((f) => f.secrets);
  const end = await snapshot(p.page, p.log);
  for (const l of leaks({ requests: end.requests, console: end.console, storage: end.storage, rec: end.rec }, all)) failures.push(`${place} (whole run): ${l}`);
  const rec = JSON.parse(end.rec);
  const writes = rec.writes.filter((w) => !w.startsWith("localStorage.removeItem") && !w.startsWith("sessionStorage.removeItem"));
  eq(writes.length, 0, `${place}: storage writes ${JSON.stringify(writes).slice(0, 300)}`);
  await p.context.close();
  tried.places.add(place);
  return failures;
}

// ---------------------------------------------------------------------------
// Tests

test("secrets: the recorder sees storage, URL and console writes", async () => {
  // A self-test: the recorder must notice the leaks it exists to catch.
  const p = await openRecorded();
  await p.page.evaluate((t) => {
    localStorage.setItem("k", t);
    localStorage.removeItem("k");
    history.replaceState(null, "", "#probe-" + t.slice(0, 30));
    console.log("probe", t);
    document.cookie = "x=1; max-age=0";
  }, USER);
  const parts = await snapshot(p.page, p.log);
  const found = leaks(parts, [USER]).join("; ");
  for (const where of ["rec", "console", "url"]) assert(found.includes(where), `recorder missed a ${where} leak: ${found}`);
  await p.page.evaluate(() => history.replaceState(null, "", location.pathname));
  await p.context.close();
});

test("secrets: pasted into the diagnose box", async () => {
  const failures = await throughPlace("diagnose box", "", (page, text) => page.fill("textarea.sl-input", text));
  assert(failures.length === 0, failures.join("\n  "));
});

test("secrets: dropped as a file on the diagnose box", async () => {
  const failures = await throughPlace(
    "dropped file",
    "",
    async (page, text) => {
      await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "paste.txt", { type: "text/plain" }));
        const box = document.querySelector(".input-box");
        box.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, text);
      await page.waitForFunction((t) => document.querySelector("textarea.sl-input").value === t, text);
    },
    { share: false },
  );
  assert(failures.length === 0, failures.join("\n  "));
});

test("secrets: typed into the WABA ID and app ID boxes", async () => {
  for (const box of ["input.sl-waba", "input.sl-app"]) {
    const failures = await throughPlace(box, "", (page, text) => page.fill(box, text), {
      prepare: async (page) => {
        await page.fill("textarea.sl-input", fixture("debug_token/system_user_never.json"));
        await openScopeCheck(page);
      },
    });
    assert(failures.length === 0, failures.join("\n  "));
  }
});

test("secrets: typed into the endpoint check and the error lookup", async () => {
  const failures = [
    ...(await throughPlace("endpoint request", "#endpoint", (page, text) => page.fill("input.sl-request", `GET /v24.0/me?${text}`), { markdown: false })),
    ...(await throughPlace("error lookup code", "#lookup", (page, text) => page.fill("input.sl-code", text), { markdown: false })),
    ...(await throughPlace("error lookup search", "#lookup", (page, text) => page.fill("input.sl-filter", text), { markdown: false })),
  ];
  assert(failures.length === 0, failures.join("\n  "));
});

test("secrets: hand-made share links carrying secrets are cleaned on opening", async () => {
  const failures = [];
  let p;
  for (const form of FORMS) {
    const states = [
      { i: form.text, w: form.text, a: form.text, v: "diagnose" },
      { v: "lookup", x: `q=${form.text}\nf=${form.text}` },
      { v: "endpoint", x: form.text },
    ];
    // A few opened in a fresh page (as a recipient does), the rest pasted
    // into the address bar of the page already open.
    const fresh = FORMS.indexOf(form) % 8 === 0;
    if (fresh || !p) {
      await p?.context.close();
      p = await openRecorded("#" + shareFragment(states[0]));
    }
    for (const [n, state] of states.entries()) {
      if (n > 0 || !fresh) {
        await p.page.evaluate((f) => {
          location.hash = "#" + f;
        }, shareFragment(state));
        await p.page.waitForFunction((v) => document.querySelector("main")?.dataset.view === v, state.v);
      }
      const parts = await snapshot(p.page, p.log);
      // The fields' values are what the link restored: they must be clean too.
      parts.values = await p.page.evaluate(() => Array.from(document.querySelectorAll("textarea, input"), (e) => e.value).join("\n"));
      // The address holds the link as it was opened; everything else must be clean.
      delete parts.url;
      delete parts.urlDecoded;
      delete parts.rec; // its hash-change records are the opened addresses
      for (const l of leaks(parts, form.secrets)) failures.push(`link ${state.v} ← ${form.name}: ${l}`);
      // Sharing again gives a clean link.
      // A link whose input held nothing readable opens empty: nothing to share again.
      if (state.v === "diagnose" && (await p.page.$("button.share-toggle"))) {
        const again = await shareAndCopy(p.page);
        for (const l of leaks(again, form.secrets)) failures.push(`link re-shared ← ${form.name}: ${l}`);
      }
      tried.combos++;
    }
  }
  await p.context.close();
  tried.places.add("hand-made share links (3 views)");
  assert(failures.length === 0, failures.join("\n  "));
});

test("secrets: a token typed into the live check's field stays in that field", async () => {
  const p = await openRecorded();
  if (!(await p.page.$("details.live-check"))) {
    await p.context.close();
    console.log("     (no live check panel in this build: skipped)");
    return;
  }
  await p.page.click("details.live-check > summary");
  const failures = [];
  for (const form of FORMS.slice(0, 4)) {
    await p.page.fill("input.sl-live-token", form.text);
    if (await p.page.$("input.sl-live-app-token")) await p.page.fill("input.sl-live-app-token", `${APP_ID}|${APP_SECRET}`);
    await p.page.fill("textarea.sl-input", graphError);
    const parts = { ...(await snapshot(p.page, p.log)), ...(await shareAndCopy(p.page)) };
    for (const l of leaks(parts, [...form.secrets, APP_SECRET])) failures.push(`live token field ← ${form.name}: ${l}`);
    tried.combos++;
  }
  // Nothing was sent: the check was never started.
  const graph = p.log.requests.filter((r) => !r.includes(BASE));
  eq(graph.length, 0, `requests before "Check live": ${graph.join(", ")}`);
  tried.places.add("live check token field (not started)");
  await p.context.close();
  assert(failures.length === 0, failures.join("\n  "));
});

test("secrets: figures", async () => {
  console.log(`     ${FORMS.length} secret forms (${FORMS.reduce((n, f) => n + f.secrets.length, 0)} secrets) × ${tried.places.size} places: ${tried.combos} pastes checked`);
});
