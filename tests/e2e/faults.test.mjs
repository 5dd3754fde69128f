// Faults: broken and hostile share links, huge pastes and drops, and the
// WebAssembly failing to load. The page must say what happened in words and
// keep working (or, when it cannot start, say so instead of staying blank).
//
// Run: cargo xtask e2e faults   (or `node --test --test-name-pattern=faults tests/e2e/`, see harness.mjs)

import { deflateSync } from "node:zlib";
import { BASE, browser, fixture, open, finish, nextFrames, test, assert, eq } from "./harness.mjs";
import { shareFragment } from "./attack-corpus.mjs";

const b64url = (buf) => buf.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const MB = 1024 * 1024;
export const FAULTS = { links: 0, pastes: 0, loads: 0 };

/** The page still diagnoses a paste after the fault. */
async function stillWorks(page, what) {
  await page.fill("textarea.sl-input", fixture("graph_error/oauth_190_session_expired.json"));
  eq(await page.getAttribute("main [data-verdict]", "data-verdict"), "action_required", `${what}: diagnosing afterwards`);
  assert(await page.isHidden("#sl-fatal"), `${what}: the app stopped`);
}

// ---------------------------------------------------------------------------
// Share links

const good = shareFragment({ i: fixture("graph_error/oauth_190_session_expired.json"), v: "diagnose", t: 1760000000 });
const body = good.slice(3);
const flip = (s, i) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);

/** [name, fragment, words the notice must contain] */
const BAD_LINKS = [
  ["tampered: one character changed in the middle", "v1=" + flip(body, Math.floor(body.length / 2)), "could not be opened"],
  ["tampered: last character changed (checksum)", "v1=" + flip(body, body.length - 2), "could not be opened"],
  ["truncated to half", "v1=" + body.slice(0, Math.floor(body.length / 2)), "could not be opened"],
  ["truncated by one character", "v1=" + body.slice(0, -1), "could not be opened"],
  ["empty data", "v1=", "could not be opened"],
  ["not base64", "v1=!!!!$$$$****", "could not be opened"],
  ["base64 of random bytes", "v1=" + b64url(Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) % 256))), "could not be opened"],
  ["zlib of text that is not JSON", "v1=" + b64url(deflateSync(Buffer.from("hello, not json"))), "could not be opened"],
  ["JSON of the wrong shape", "v1=" + b64url(deflateSync(Buffer.from("[1,2,3]"))), "could not be opened"],
  ["JSON with wrong types", "v1=" + b64url(deflateSync(Buffer.from('{"i":5,"t":"soon"}'))), "could not be opened"],
  ["unknown kind", "v1=" + b64url(deflateSync(Buffer.from('{"i":"x","k":"martian"}'))), "could not be opened"],
  ["raw deflate without the zlib header", "v1=" + b64url(deflateSync(Buffer.from('{"i":"x"}')).subarray(2)), "could not be opened"],
  ["foreign version v9", "v9=abc", "v9"],
  ["foreign version v3 with a valid v1 body", "v3=" + body, "v3"],
  ["foreign: someone else's fragment", "access_token=abc&state=xyz", "could not be opened"],
  ["foreign: random text with =", "zz=" + "q".repeat(40), "could not be opened"],
  ["oversized: fragment over 64 KiB", "v1=" + "A".repeat(70 * 1024), "could not be opened"],
  ["oversized: zip bomb (20 MB of spaces)", "v1=" + b64url(deflateSync(Buffer.from(`{"i":"${" ".repeat(20 * MB)}"}`), { level: 9 })), "1 MB"],
  ["oversized: zip bomb (1 MB + 1 of JSON)", "v1=" + b64url(deflateSync(Buffer.from(`{"i":"${"a".repeat(MB)}"}`), { level: 9 })), "1 MB"],
];

test("faults: broken, foreign and oversized share links give a clear message", async () => {
  const failures = [];
  const check = async (page, name, words) => {
    const notice = (await page.textContent(".notice").catch(() => "")) ?? "";
    if (!notice.includes(words)) failures.push(`${name}: notice ${JSON.stringify(notice.slice(0, 160))} lacks ${JSON.stringify(words)}`);
    if (notice.length > 400) failures.push(`${name}: the notice is ${notice.length} characters long`);
    try {
      await stillWorks(page, name);
    } catch (e) {
      failures.push(e.message);
    }
    FAULTS.links++;
  };
  // Every other kind also opened in a fresh page, as a recipient opens a link.
  for (const [name, fragment, words] of BAD_LINKS.filter((_, i) => i % 2 === 0 || i >= BAD_LINKS.length - 3)) {
    const p = await open("#" + fragment);
    await check(p.page, `${name} (opened)`, words);
    await finish(p);
  }
  // All pasted into the address bar of one running page, one after another.
  const p = await open();
  for (const [name, fragment, words] of BAD_LINKS) {
    await p.page.evaluate((f) => {
      location.hash = "#" + f;
    }, fragment);
    await p.page.waitForFunction(() => document.querySelector(".notice"), null, { timeout: 5000 }).catch(() => {});
    await check(p.page, `${name} (pasted into the address bar)`, words);
    // Back to a plain page before the next link.
    await p.page.evaluate(() => {
      location.hash = "#diagnose";
    });
    await p.page.click("button.dismiss").catch(() => {});
  }
  await finish(p);
  assert(failures.length === 0, failures.join("\n  "));
});

// ---------------------------------------------------------------------------
// Huge pastes

/** Starts counting animation frames; `stop()` gives frames and the longest gap. */
const FRAME_COUNTER = () => {
  window.__frames = { n: 0, longest: 0, last: performance.now(), run: true };
  const tick = (t) => {
    const f = window.__frames;
    f.n++;
    f.longest = Math.max(f.longest, t - f.last);
    f.last = t;
    if (f.run) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};
const stopFrames = (page) =>
  page.evaluate(() => {
    window.__frames.run = false;
    return { frames: window.__frames.n, longest: Math.round(window.__frames.longest) };
  });

/** A realistic 5 MB paste: a webhook log, one JSON record a line. */
function bigLog(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = JSON.stringify({
      ts: 1760000000 + i,
      entry: [{ id: "102290129340398", changes: [{ value: { statuses: [{ id: `wamid.${i}`, status: "failed", recipient_id: "15551234567", errors: [{ code: 131047 + (i % 3), title: "Re-engagement message", message: "Re-engagement message" }] }] } }] }],
    });
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n").slice(0, bytes);
}

/** Writes `text` to the clipboard and pastes it into the box with the keyboard, as a person does. */
async function realPaste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus("textarea.sl-input");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
}

export const TIMINGS = {};

test("faults: a 5 MB paste is diagnosed while the page keeps drawing and answering", async () => {
  const cases = [
    ["5 MB log, one record a line", bigLog(5 * MB - 1024)],
    ["5 MB single-line JSON", JSON.stringify({ error: { code: 190, message: "x".repeat(5 * MB - 1024), type: "OAuthException" } }).slice(0, 5 * MB - 16) + '"}}'],
  ];
  for (const [name, text] of cases) {
    const p = await open();
    await p.page.evaluate(FRAME_COUNTER);
    const started = Date.now();
    await realPaste(p.page, text);
    await p.page.waitForSelector("main [data-verdict]", { timeout: 60000 });
    const ms = Date.now() - started;
    // It keeps drawing: frames keep coming after the diagnosis.
    const before = await p.page.evaluate(() => window.__frames.n);
    await p.page.waitForFunction((n) => window.__frames.n > n + 2, before, { timeout: 10000 }).catch(() => {});
    const after = await p.page.evaluate(() => window.__frames.n);
    const f = await stopFrames(p.page);
    assert(after > before, `${name}: no animation frames after the diagnosis`);
    const got = await p.page.evaluate(() => document.querySelector("textarea.sl-input").value.length);
    eq(got, text.length, `${name}: the box holds the paste`);
    await p.page.keyboard.press("End");
    await p.page.keyboard.type(" ");
    assert(await p.page.isVisible("main [data-verdict]"), `${name}: no verdict after typing`);
    TIMINGS[name] = { "paste to verdict ms": ms, "longest frame ms": f.longest, frames: f.frames };
    console.log(`     ${name}: verdict after ${ms} ms, longest frame ${f.longest} ms, ${f.frames} frames`);
    // Generous for two busy cores; the figure above is what the closing note reports.
    assert(f.longest < 8000, `${name}: the page froze for ${f.longest} ms`);
    await finish(p);
    FAULTS.pastes++;
  }
});

test("faults: a 50 MB paste, typed text or drop is refused with a message, without freezing", async () => {
  const failures = [];
  const expectRefusal = async (p, what) => {
    const message = (await p.page.textContent(".input-box .error-message").catch(() => "")) ?? "";
    if (!/50\.\d MB|5\d\.\d MB/.test(message) || !message.includes("at most 5 MB")) failures.push(`${what}: message ${JSON.stringify(message)}`);
    const length = await p.page.evaluate(() => document.querySelector("textarea.sl-input").value.length);
    if (length > 10_000) failures.push(`${what}: the box holds ${length} characters`);
  };
  const ways = {
    "real paste (Ctrl+V)": async (page) => {
      await page.evaluate(() => navigator.clipboard.writeText("y".repeat(50 * 1024 * 1024)));
      await page.focus("textarea.sl-input");
      await page.keyboard.press("Control+V");
    },
    "paste event": (page) =>
      page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData("text/plain", "z".repeat(50 * 1024 * 1024));
        const ta = document.querySelector("textarea.sl-input");
        ta.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
      }),
    "text inserted without a paste": (page) =>
      page.evaluate(() => {
        const ta = document.querySelector("textarea.sl-input");
        ta.value = "w".repeat(50 * 1024 * 1024);
        ta.dispatchEvent(new InputEvent("input", { bubbles: true }));
      }),
    "dropped text": (page) =>
      page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData("text/plain", "v".repeat(50 * 1024 * 1024));
        document.querySelector(".input-box").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }),
    "dropped 50 MB file": (page) =>
      page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(50 * 1024 * 1024).fill(65)], "huge.log", { type: "text/plain" }));
        document.querySelector(".input-box").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }),
  };
  for (const [what, act] of Object.entries(ways)) {
    const p = await open();
    await p.page.fill("textarea.sl-input", fixture("graph_error/oauth_190_session_expired.json"));
    await p.page.evaluate(FRAME_COUNTER);
    const started = Date.now();
    await act(p.page);
    await p.page.waitForSelector(".input-box .error-message", { timeout: 30000 }).catch(() => {});
    const ms = Date.now() - started;
    // The frames after the refusal record any freeze before it.
    await nextFrames(p.page);
    const f = await stopFrames(p.page);
    await expectRefusal(p, what);
    if (f.longest > 3000) failures.push(`${what}: the page froze for ${f.longest} ms`);
    // The earlier diagnosis is still there, and the page still works.
    try {
      eq(await p.page.getAttribute("main [data-verdict]", "data-verdict"), "action_required", `${what}: earlier diagnosis`);
      await stillWorks(p.page, what);
      // The refusal goes away with the next good paste.
      eq(await p.page.$$eval(".input-box .error-message", (e) => e.length), 0, `${what}: stale refusal after a good paste`);
    } catch (e) {
      failures.push(e.message);
    }
    TIMINGS[`50 MB ${what}`] = { "refused after ms": ms, "longest frame ms": f.longest };
    console.log(`     50 MB ${what}: refused after ${ms} ms, longest frame ${f.longest} ms`);
    await finish(p);
    FAULTS.pastes++;
  }
  assert(failures.length === 0, failures.join("\n  "));
});

// ---------------------------------------------------------------------------
// The app failing to load

/** Opens the page with some of its files failing; returns what a person sees. */
async function loadWith(route, { wait = "#sl-fatal:not([hidden])", timeout = 15000 } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route(/\.(wasm|js)(\?.*)?$/, route);
  await page.goto(BASE);
  await page.waitForSelector(wait, { timeout }).catch(() => {});
  const seen = {
    fatal: (await page.isVisible("#sl-fatal")) ? await page.textContent("#sl-fatal") : "",
    text: await page.evaluate(() => document.body.innerText),
    loadingShown: await page.isVisible("#app .loading"),
    errors,
  };
  await context.close();
  return seen;
}

const isFile = (route, re) => re.test(new URL(route.request().url()).pathname);

test("faults: when the WebAssembly cannot load or run, the page says so in plain HTML", async () => {
  const failures = [];
  const cases = [
    ["the .wasm request is aborted", (route) => (isFile(route, /\.wasm$/) ? route.abort() : route.continue())],
    ["the .wasm is served corrupt", (route) => (isFile(route, /\.wasm$/) ? route.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from("\0asm garbage, not a module") }) : route.continue())],
    ["the .wasm is truncated", async (route) => {
      if (!isFile(route, /_bg\.wasm$/)) return route.continue();
      const response = await route.fetch();
      const bytes = await response.body();
      return route.fulfill({ response, body: bytes.subarray(0, Math.floor(bytes.length / 3)) });
    }],
    ["the .wasm answers 404", (route) => (isFile(route, /\.wasm$/) ? route.fulfill({ status: 404, body: "not found" }) : route.continue())],
    ["the glue .js is aborted", (route) => (isFile(route, /scopelens-site-[^/]*\.js$/) ? route.abort() : route.continue())],
  ];
  for (const [name, route] of cases) {
    const seen = await loadWith(route);
    if (!seen.fatal.includes("could not start")) failures.push(`${name}: no message (page shows ${JSON.stringify(seen.text.slice(0, 200))})`);
    if (seen.loadingShown) failures.push(`${name}: still says Loading`);
    if (seen.errors.length) failures.push(`${name}: uncaught ${seen.errors.join("; ")}`);
    FAULTS.loads++;
  }
  // init.js itself never arrives: the static note appears after a few seconds.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(/init\.js$/, (route) => route.abort());
    await page.goto(BASE);
    try {
      await page.waitForFunction(() => getComputedStyle(document.querySelector("#app .loading-slow")).visibility === "visible", null, { timeout: 15000 });
    } catch {
      failures.push(`init.js missing: no note after 15 s (page shows ${JSON.stringify((await page.textContent("body")).slice(0, 200))})`);
    }
    await context.close();
    FAULTS.loads++;
  }
  // JavaScript switched off: the <noscript> message.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(BASE);
    if (!(await page.isVisible("noscript p.fatal"))) failures.push("JavaScript off: the noscript message is not shown");
    await context.close();
    FAULTS.loads++;
  }
  assert(failures.length === 0, failures.join("\n  "));
});

// ---------------------------------------------------------------------------
// The live check's server misbehaving (the live tests cover a hanging server
// and an HTTP 500 with a non-JSON body against the fake Graph API). Here the
// production address is kept and Playwright answers for it, so nothing leaves
// the machine.

const GRAPH = "https://graph.facebook.com";
const LIVE_TOKEN = "EAAGfakeLive" + "Qz7".repeat(40);
const PWN_ANSWER = JSON.stringify({
  data: {
    app_id: "<img src=x onerror=window.__pwned=1>",
    type: "SYSTEM_USER",
    application: "<script>window.__pwned=1</script>",
    is_valid: true,
    expires_at: 0,
    data_access_expires_at: 0,
    scopes: ["<svg onload=window.__pwned=1>", "whatsapp_business_messaging", "javascript:window.__pwned=1"],
    granular_scopes: [{ scope: "whatsapp_business_management", target_ids: ["<a href=javascript:window.__pwned=1>x</a>"] }],
    user_id: '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
    metadata: { note: "https://evil.example/" },
  },
});
const cors = { "access-control-allow-origin": "*" };

test("faults: the live check survives a Graph API that resets, cuts off, or answers garbage or hostile JSON", async () => {
  const answers = [
    ["connection reset", (route) => route.abort("connectionreset"), "live.call_failed"],
    ["connection refused", (route) => route.abort("connectionrefused"), "live.call_failed"],
    ["cut off mid-answer", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: PWN_ANSWER.slice(0, 57) }), "live.bad_answer"],
    ["HTML error page with a script", (route) => route.fulfill({ status: 502, contentType: "text/html", headers: cors, body: "<html><body><script>window.__pwned=1</script><h1>502 Bad Gateway</h1></body></html>" }), "live.bad_answer"],
    ["empty 200", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: "" }), "live.bad_answer"],
    ["JSON of the wrong shape", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: '[1,2,{"data":null}]' }), "live.bad_answer"],
    ["a redirect elsewhere", (route) => route.fulfill({ status: 302, headers: { ...cors, location: "https://evil.example/steal" } }), "live.call_failed"],
    ["20 MB answer", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: JSON.stringify({ data: { is_valid: true, type: "USER", app_id: "1", scopes: [], application: "x".repeat(20 * MB) } }) }), null],
    ["hostile JSON", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: PWN_ANSWER }), null],
  ];
  const failures = [];
  for (const [name, answer, finding] of answers) {
    // A redirect is refused without following it, but the browser still logs
    // its target as a failed load: that one message is expected; a request
    // to the target would be a failure (checked below).
    const evil = "https://evil.example";
    const p = await open("", { allowOrigins: name.includes("redirect") ? [GRAPH, evil] : [GRAPH] });
    const followed = [];
    p.context.on("request", (r) => r.url().startsWith(evil) && followed.push(r.url()));
    if (!(await p.page.$("details.live-check"))) {
      await finish(p);
      console.log("     (no live check panel in this build: skipped)");
      return;
    }
    const sent = [];
    await p.page.route(`${GRAPH}/**`, (route) => {
      sent.push(route.request().url());
      return answer(route);
    });
    await p.page.click("details.live-check > summary");
    await p.page.click("details.live-advanced > summary");
    await p.page.fill("input.sl-live-timeout", "3");
    await p.page.fill("input.sl-live-token", LIVE_TOKEN);
    await p.page.click("button.live-run");
    try {
      await p.page.waitForSelector(".live-result [data-verdict]", { timeout: 20000 });
      const ids = await p.page.$$eval(".live-result .finding", (f) => f.map((x) => x.dataset.id));
      if (finding && !ids.includes(finding)) failures.push(`${name}: findings ${ids}, expected ${finding}`);
      const seen = await p.page.evaluate((needle) => ({
        pwned: window.__pwned,
        elements: document.querySelectorAll(".live-check img, .live-check script, .live-check iframe, .live-check svg:not(.timeline-svg)").length,
        hrefs: [...document.querySelectorAll(".live-check a[href]")].map((a) => a.getAttribute("href")).filter((h) => !h.startsWith("https://") && !h.startsWith("./guide/")),
        token: document.documentElement.outerHTML.includes(needle),
        fatal: !document.getElementById("sl-fatal").hidden,
      }), LIVE_TOKEN.slice(8, 30));
      if (seen.pwned !== undefined) failures.push(`${name}: the canary was set`);
      if (seen.elements) failures.push(`${name}: ${seen.elements} elements from the answer`);
      if (seen.hrefs.length) failures.push(`${name}: links ${seen.hrefs}`);
      if (seen.token) failures.push(`${name}: the token is in the page`);
      if (seen.fatal) failures.push(`${name}: the app stopped`);
      if (sent.some((u) => !u.startsWith(GRAPH + "/"))) failures.push(`${name}: sent to ${sent}`);
      if (followed.length) failures.push(`${name}: the redirect was followed to ${followed}`);
      await stillWorks(p.page, `live ${name}`);
    } catch (e) {
      failures.push(`${name}: ${e.message.split("\n")[0]}`);
    }
    await nextFrames(p.page);
    await finish(p);
    FAULTS.live = (FAULTS.live || 0) + 1;
  }
  assert(failures.length === 0, failures.join("\n  "));
});

test("faults: figures", async () => {
  console.log(`     faults tried: ${FAULTS.links} share links (${BAD_LINKS.length} kinds pasted into the address bar, ${FAULTS.links - BAD_LINKS.length} also opened fresh), ${FAULTS.pastes} huge pastes and drops, ${FAULTS.loads} failed loads, ${FAULTS.live || 0} misbehaving Graph API answers to the live check`);
});
