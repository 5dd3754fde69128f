// Browser tests of the triage view (#triage: crates/scopelens-ui/src/triage_view.rs,
// bar_chart.rs, and the worker in site/src/bin/triage_worker/).
//
// Logs come from the seeded generator (scopelens-loggen), which also prints
// the exact counts it wrote; the CLI (`scopelens triage --format json`) reads
// the same files. The page's numbers must equal both. `cargo xtask e2e`
// builds the two binaries (this file only runs them, before its first test).
// Generated files go to target/e2e/.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { ROOT, DIST, FAKE_GRAPH, assert, eq, open, finish, serve, nextFrames, beforeFirstTest, pageCsp, BASE, browser, test } from "./harness.mjs";
import { decodeLink } from "./attack-corpus.mjs";

const OUT = join(ROOT, "target", "e2e");
const bin = (name) => join(process.env.CARGO_TARGET_DIR || join(ROOT, "target"), "debug", name);

/** Writes a generated log; returns its path and the generator's expected counts. */
function generate(name, size, seed, malformedEvery = 0) {
  const file = join(OUT, name);
  const run = spawnSync(bin("scopelens-loggen"), ["--size", size, "--seed", String(seed), "--malformed-every", String(malformedEvery), "--out", file], { encoding: "utf8" });
  assert(run.status === 0, `scopelens-loggen failed: ${run.stderr}`);
  const expected = JSON.parse(run.stderr.trim().split("\n").pop());
  writeFileSync(`${file}.expected.json`, JSON.stringify(expected, null, 1));
  return { file, expected };
}

/** The CLI's report of `file` grouped by `by`. */
function cli(file, by) {
  const out = execFileSync(bin("scopelens"), ["triage", file, "--by", by, "--format", "json"], { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(out);
}

/** The CLI's groups in the order the page lists them: those that block every call first. */
const blockingFirst = (report) => [...report.groups.filter((g) => g.blocks_every_call), ...report.groups.filter((g) => !g.blocks_every_call)];

/** `{key: count}` from a CLI report (null keys as "none"). */
function cliCounts(report, by) {
  const counts = {};
  for (const g of report.groups) counts[g.key[by] === null ? "none" : String(g.key[by])] = g.count;
  return counts;
}

const sorted = (obj) => JSON.stringify(Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
const sameCounts = (actual, expected, what) => eq(sorted(actual), sorted(expected), what);

/** A 2 MB log (every 250th line malformed), its gzip copy, and the CLI's reports of it. */
let SMALL, SMALL_GZ, CLI;
beforeFirstTest(() => {
  for (const name of ["scopelens", "scopelens-loggen"]) {
    assert(existsSync(bin(name)), `${bin(name)} is missing: build it with \`cargo build -p scopelens-cli -p scopelens-loggen\` (\`cargo xtask e2e\` does)`);
  }
  mkdirSync(OUT, { recursive: true });
  SMALL = generate("webhooks.jsonl", "2M", 7, 250);
  SMALL_GZ = `${SMALL.file}.gz`;
  writeFileSync(SMALL_GZ, gzipSync(readFileSync(SMALL.file)));
  CLI = { code: cli(SMALL.file, "code"), category: cli(SMALL.file, "category"), hour: cli(SMALL.file, "hour") };
});

// Text that is in the log and must never be in a share link.
const PAYLOAD_TEXT = ["wamid", "whatsapp_business_account", "106540352242922", "102290129340398", "Failure", "Generated", "Customer", "Hello", "fbtrace", "graph call failed", "recipient"];

/** Reads a log through the file input and waits for its result (clearing any earlier one). */
async function readLog(page, file) {
  if (await page.$(".sl-triage-clear")) {
    await page.click(".sl-triage-clear");
    await page.waitForSelector(".triage-result", { state: "detached" });
  }
  await page.setInputFiles("input.sl-triage-file", file);
  await page.waitForSelector(".triage-result", { timeout: 120000 });
}

/** The chart's numbers: the SVG bars' data and labels, and the table view's rows. */
async function chartCounts(page) {
  const bars = await page.$$eval("#triage-chart .bar", (bs) =>
    bs.map((b) => [b.dataset.key, Number(b.dataset.count), Number(b.querySelector(".bar-count").textContent), b.getAttribute("aria-label")]),
  );
  for (const [key, count, shown, label] of bars) {
    eq(shown, count, `bar ${key}: drawn count`);
    assert(label.includes(`${count} error`), `bar ${key}: accessible name "${label}" lacks its count`);
  }
  await page.click("#triage-chart .chart-switch");
  const rows = await page.$$eval("#triage-chart tbody tr", (rs) => rs.map((r) => [r.dataset.key, Number(r.dataset.count), Number(r.querySelector(".count").textContent)]));
  await page.click("#triage-chart .chart-switch");
  for (const [key, count, shown] of rows) eq(shown, count, `table row ${key}`);
  const fromBars = Object.fromEntries(bars.map(([k, c]) => [k, c]));
  const fromTable = Object.fromEntries(rows.map(([k, c]) => [k, c]));
  sameCounts(fromTable, fromBars, "table view vs chart");
  return fromTable;
}

async function timelineCounts(page) {
  await page.click("#triage-timeline .chart-switch");
  const rows = await page.$$eval("#triage-timeline tbody tr", (rs) => rs.map((r) => [r.dataset.hour, Number(r.dataset.count)]));
  await page.click("#triage-timeline .chart-switch");
  const columns = await page.$$eval("#triage-timeline rect.column", (cs) => cs.map((c) => [c.dataset.hour, Number(c.dataset.count)]));
  const table = Object.fromEntries(rows);
  for (const [hour, count] of columns) eq(table[hour], count, `timeline column ${hour}`);
  return table;
}

async function totals(page) {
  const r = await page.$(".triage-result");
  return {
    errors: Number(await r.getAttribute("data-errors")),
    lines: Number(await r.getAttribute("data-lines")),
    unreadable: Number(await r.getAttribute("data-unreadable")),
    withoutErrors: Number((await (await page.$(".total-without-errors"))?.getAttribute("data-count")) ?? NaN),
    unreadableAt: (await (await page.$(".unreadable-lines"))?.getAttribute("data-lines")) || "",
  };
}

// ---------------------------------------------------------------------------

test("triage: the worker loads only when a log is read, and the CSP allows it", async () => {
  const p = await open("");
  const requested = [];
  p.page.on("request", (r) => requested.push(r.url()));
  const html = await (await fetch(BASE)).text();
  assert(html.includes("worker-src 'self'"), "CSP lacks worker-src 'self'");
  assert(!/<(script|link)[^>]*triage/.test(html), "index.html loads or preloads the worker");
  await p.page.click("nav a[data-view=triage]");
  await p.page.waitForSelector(".triage-input");
  assert(!requested.some((u) => u.includes("triage")), `worker fetched before use: ${requested}`);
  await readLog(p.page, SMALL.file);
  assert(requested.some((u) => u.includes("triage_worker_bg.wasm")), `worker wasm not fetched: ${requested}`);
  await finish(p);
});

test("triage: the worker also runs when the page's CSP comes as a header (which workers obey)", async () => {
  // A worker does not inherit the page's <meta> policy; a server that sends
  // the same policy as a header applies it to the worker's own scripts too.
  const html = await (await fetch(BASE)).text();
  const csp = pageCsp(html);
  const withHeader = await serve(DIST, { headers: { "content-security-policy": csp }, connectSrc: FAKE_GRAPH ? [FAKE_GRAPH] : [] });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${withHeader.url}#triage`);
    await page.waitForSelector(".triage-input");
    await page.setInputFiles("input.sl-triage-file", SMALL_GZ);
    await page.waitForSelector(".triage-result, .triage-error", { timeout: 60000 });
    const failed = await page.$(".triage-error");
    assert(!failed, `worker failed: ${failed && (await failed.textContent())}`);
    eq(Number(await page.getAttribute(".triage-result", "data-errors")), SMALL.expected.total_errors, "errors under the CSP header");
    eq(JSON.stringify(await page.evaluate(() => window.__csp)), "[]", "CSP violations");
    eq(JSON.stringify(errors), "[]", "console errors");
  } finally {
    await context.close();
    await withHeader.close();
  }
});

test("triage: a dropped log gives the CLI's and the generator's numbers (by code, category, hour)", async () => {
  const p = await open("#triage");
  await readLog(p.page, SMALL.file);
  const t = await totals(p.page);
  const e = SMALL.expected;
  eq(t.errors, e.total_errors, "total errors vs generator");
  eq(t.errors, CLI.code.total_errors, "total errors vs CLI");
  eq(t.lines, CLI.code.lines, "lines vs CLI");
  eq(t.lines, e.lines, "lines vs generator");
  eq(t.unreadable, e.unreadable_lines, "unreadable lines vs generator");
  eq(t.unreadable, CLI.code.unreadable_lines, "unreadable lines vs CLI");
  eq(t.withoutErrors, CLI.code.lines_without_errors, "lines with no error vs CLI");
  // Malformed lines are counted with their line numbers (every 250th line).
  const every = Array.from({ length: Math.min(20, e.unreadable_lines) }, (_, i) => (i + 1) * 250).join(",");
  eq(t.unreadableAt, every, "unreadable line numbers");
  eq(CLI.code.unreadable_line_numbers.slice(0, 20).join(","), every, "the CLI's unreadable line numbers");

  const byCode = await chartCounts(p.page);
  sameCounts(byCode, cliCounts(CLI.code, "code"), "by code vs CLI");
  sameCounts(byCode, e.by_code, "by code vs generator");
  // Those that block every call first, then largest first, as the CLI's text lists them.
  const order = await p.page.$$eval("#triage-chart .bar", (bs) => bs.map((b) => b.dataset.key));
  eq(order.join(","), blockingFirst(CLI.code).map((g) => String(g.key.code)).join(","), "bar order vs CLI");

  await p.page.check("input.sl-triage-by[value=category]");
  await p.page.waitForSelector(".triage-result[data-by=category]");
  sameCounts(await chartCounts(p.page), cliCounts(CLI.category, "category"), "by category vs CLI");
  eq((await p.page.textContent("#triage-chart figcaption")).trim(), "Errors by category", "chart title");

  sameCounts(await timelineCounts(p.page), cliCounts(CLI.hour, "hour"), "errors per hour vs CLI");
  await finish(p);
});

test("triage: choosing a bar (click or Enter) shows the explanation, fix and a sample diagnosis", async () => {
  const p = await open("#triage");
  await readLog(p.page, SMALL.file);
  // The chart is an accessible group with a title and a description.
  const chart = await p.page.$("#triage-chart .bar-chart");
  eq(await chart.getAttribute("role"), "group", "chart role");
  const titleId = await chart.getAttribute("aria-labelledby");
  eq((await p.page.textContent(`#${titleId}`)).trim(), "Errors by error code", "chart title");
  assert((await p.page.textContent(`#${await chart.getAttribute("aria-describedby")}`)).includes(String(SMALL.expected.total_errors)), "chart description");

  const top = CLI.code.groups[0];
  await p.page.click(`#triage-chart .bar[data-key="${top.key.code}"]`);
  await p.page.waitForSelector(`.triage-details[data-key="${top.key.code}"]`);
  eq((await p.page.textContent(".triage-details h3")).trim(), top.title, "details title");
  eq((await p.page.textContent(".triage-details .explanation")).trim(), top.explanation, "explanation");
  eq(await p.page.$$eval(".triage-details > ol.fix li", (l) => l.length), top.fix.length, "fix steps");
  eq(Number(await p.page.textContent(".triage-details .detail-count")), top.count, "details count");
  // The sample, diagnosed with the Diagnose view's components, without
  // explaining the same error a second time.
  assert(await p.page.isVisible(".sample-diagnosis [data-verdict]"), "no verdict banner for the sample");
  const details = await p.page.innerText(".triage-details");
  eq(details.split(top.explanation).length - 1, 1, "times the explanation is printed in the bar's details");
  eq(await p.page.$$eval(`.sample-diagnosis .finding[data-code="${top.key.code}"]`, (f) => f.length), 0, "the sample repeats the chosen code's finding");

  // Keyboard: Tab reaches the bars (buttons), Enter chooses one.
  const second = CLI.code.groups[1];
  const bar = `#triage-chart .bar[data-key="${second.key.code}"]`;
  eq(await p.page.$eval(bar, (b) => b.tagName), "BUTTON", "bars are buttons");
  await p.page.focus(bar);
  await p.page.keyboard.press("Enter");
  await p.page.waitForSelector(`.triage-details[data-key="${second.key.code}"]`);
  eq(await p.page.getAttribute(bar, "aria-pressed"), "true", "chosen bar is pressed");
  await p.page.keyboard.press(" ");
  await p.page.waitForSelector(".triage-details", { state: "detached" });
  await finish(p);
});

test("triage: a gzip copy, a DataTransfer drop and a JSON array give the same numbers", async () => {
  const p = await open("#triage");
  const byCode = cliCounts(CLI.code, "code");
  await readLog(p.page, SMALL_GZ);
  sameCounts(await chartCounts(p.page), byCode, "gzip by code");
  eq((await totals(p.page)).unreadable, CLI.code.unreadable_lines, "gzip unreadable lines");
  eq(cliCounts(cli(SMALL_GZ, "code"), "code")["131026"], byCode["131026"], "the CLI reads the gzip alike");

  // Drop the gzip file (a real DataTransfer with a File in it).
  await p.page.click(".sl-triage-clear");
  await p.page.waitForSelector(".triage-result", { state: "detached" });
  const dt = await p.page.evaluateHandle(({ b64, name }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type: "application/gzip" }));
    return data;
  }, { b64: readFileSync(SMALL_GZ).toString("base64"), name: "webhooks.jsonl.gz" });
  await p.page.dispatchEvent(".triage-input", "dragover", { dataTransfer: dt });
  await p.page.dispatchEvent(".triage-input", "drop", { dataTransfer: dt });
  await p.page.waitForSelector(".triage-result", { timeout: 60000 });
  assert((await p.page.textContent(".triage-source")).includes("webhooks.jsonl.gz"), "dropped file's name");
  sameCounts(await chartCounts(p.page), byCode, "dropped gzip by code");

  // The same deliveries as one JSON array (pretty-printed, one element per line).
  const lines = readFileSync(SMALL.file, "utf8").split("\n").filter((l) => l.trim() && !l.endsWith('"id":'));
  const arrayFile = join(OUT, "webhooks-array.json");
  writeFileSync(arrayFile, `[\n  ${lines.join(",\n  ")}\n]\n`);
  const arrayCli = cli(arrayFile, "code");
  await readLog(p.page, arrayFile);
  eq((await totals(p.page)).lines, arrayCli.lines, "JSON array elements vs CLI");
  sameCounts(await chartCounts(p.page), cliCounts(arrayCli, "code"), "JSON array by code vs CLI");
  eq((await totals(p.page)).errors, SMALL.expected.total_errors, "JSON array total");
  await finish(p);
});

test("triage: pasted lines with a malformed one; damaged gzip is reported", async () => {
  const p = await open("#triage");
  const lines = readFileSync(SMALL.file, "utf8").split("\n").slice(0, 40);
  lines.splice(9, 0, '{"object":"whatsapp_business_account","entry":[{"id":');
  const text = lines.join("\n");
  writeFileSync(join(OUT, "pasted.jsonl"), text);
  const expected = cli(join(OUT, "pasted.jsonl"), "code");
  await p.page.fill("textarea.sl-triage-paste", text);
  await p.page.click("button.sl-triage-run");
  await p.page.waitForSelector(".triage-result");
  const t = await totals(p.page);
  eq(t.errors, expected.total_errors, "pasted errors vs CLI");
  eq(t.unreadableAt, expected.unreadable_line_numbers.join(","), "pasted unreadable line numbers vs CLI");
  assert(t.unreadableAt.split(",").includes("10"), `line 10 is malformed: ${t.unreadableAt}`);
  sameCounts(await chartCounts(p.page), cliCounts(expected, "code"), "pasted by code");

  // A gzip file cut in half: a warning, and the part before the cut is counted.
  const gz = readFileSync(SMALL_GZ);
  const cut = join(OUT, "cut.jsonl.gz");
  writeFileSync(cut, gz.subarray(0, gz.length >> 1));
  await p.page.setInputFiles("input.sl-triage-file", cut);
  await p.page.waitForSelector(".triage-result .warnings li");
  assert((await p.page.textContent(".triage-result .warnings")).includes("gzip"), "no gzip warning");
  const partial = await totals(p.page);
  assert(partial.errors > 0 && partial.errors < SMALL.expected.total_errors, `partial counts: ${partial.errors}`);
  await finish(p);
});

test("triage: the page stays responsive while a 20 MB log is read; Cancel stops a run", async () => {
  const big = generate("webhooks-20m.jsonl", "20M", 9, 5000);
  const p = await open("#triage");
  // Count animation frames and record the progress the page shows, from inside the page.
  await p.page.evaluate(() => {
    window.__frames = 0;
    window.__progress = [];
    let last = performance.now();
    window.__maxGap = 0;
    const tick = (t) => {
      window.__frames++;
      window.__maxGap = Math.max(window.__maxGap, t - last);
      last = t;
      const bar = document.querySelector(".triage-progress");
      if (bar) window.__progress.push([Number(bar.dataset.read), Number(bar.dataset.total)]);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
  const started = Date.now();
  await readLog(p.page, big.file);
  const took = Date.now() - started;
  const { frames, maxGap, progress } = await p.page.evaluate(() => ({ frames: window.__frames, maxGap: window.__maxGap, progress: window.__progress }));
  assert(frames >= Math.max(5, took / 100), `only ${frames} frames in ${took} ms: the page was not responsive`);
  assert(maxGap < 500, `a frame took ${maxGap.toFixed(0)} ms: the main thread was blocked`);
  const total = big.expected.bytes;
  assert(progress.some(([read, t]) => t === total && read > 0 && read < total), `no progress shown part-way: ${JSON.stringify(progress.slice(0, 5))}`);
  const t = await totals(p.page);
  eq(t.errors, big.expected.total_errors, "20 MB total errors vs generator");
  eq(t.unreadable, big.expected.unreadable_lines, "20 MB unreadable lines vs generator");
  sameCounts(await chartCounts(p.page), big.expected.by_code, "20 MB by code vs generator");
  console.log(`     20 MB read in ${took} ms, ${frames} frames, longest frame ${maxGap.toFixed(0)} ms`);
  await finish(p);

  // Cancel as soon as reading starts: no result appears.
  const q = await open("#triage");
  const worker = q.page.waitForEvent("worker");
  await q.page.setInputFiles("input.sl-triage-file", big.file);
  const stopped = new Promise((done) => worker.then((w) => w.once("close", done)));
  await q.page.click("button.sl-triage-cancel", { timeout: 10000 });
  await q.page.waitForSelector(".triage-cancelled");
  // Cancel ends the run's worker: once it is gone no result can come from it.
  await stopped;
  await nextFrames(q.page);
  assert(!(await q.page.$(".triage-result")), "a cancelled run still showed a result");
  assert(!(await q.page.$(".triage-progress")), "progress still shown after Cancel");
  await finish(q);
});

test("triage: the share link carries the aggregate only and reopens to the same chart", async () => {
  const p = await open("#triage");
  await readLog(p.page, SMALL.file);
  await p.page.check("input.sl-triage-by[value=category]");
  await p.page.waitForSelector(".triage-result[data-by=category]");
  const byCategory = await chartCounts(p.page);
  const hours = await timelineCounts(p.page);
  const before = await totals(p.page);
  await p.page.click("button.share-toggle");
  assert(!(await p.page.textContent(".share-preview")).includes("wamid"), "share preview shows payload text");
  await p.page.click("button.make-link");
  const link = await p.page.inputValue("input.sl-link");
  const state = decodeLink(link);
  eq(state.v, "triage", "shared view");
  eq(state.i, undefined, "a triage link carries no input");
  const raw = JSON.stringify(state);
  for (const text of PAYLOAD_TEXT) assert(!raw.includes(text), `the share link carries "${text}": ${raw.slice(0, 300)}`);
  const agg = JSON.parse(state.x);
  eq(agg.by, "category", "shared grouping");
  eq(agg.errors, SMALL.expected.total_errors, "shared total");
  sameCounts(Object.fromEntries(agg.codes.map(([c, n]) => [c === null ? "none" : String(c), n])), SMALL.expected.by_code, "shared code counts");
  assert(link.length < 4000, `link is ${link.length} characters`);
  await finish(p);

  const q = await open("#" + link.split("#")[1]);
  await q.page.waitForSelector(".triage-result[data-from-link=true][data-by=category]");
  sameCounts(await chartCounts(q.page), byCategory, "reopened chart by category");
  sameCounts(await timelineCounts(q.page), hours, "reopened timeline");
  const after = await totals(q.page);
  eq(JSON.stringify(after), JSON.stringify(before), "reopened totals");
  await q.page.check("input.sl-triage-by[value=code]");
  await q.page.waitForSelector(".triage-result[data-by=code]");
  sameCounts(await chartCounts(q.page), SMALL.expected.by_code, "reopened chart by code");
  // Explanations come from the catalog; there is no sample to show.
  const top = CLI.code.groups[0];
  await q.page.click(`#triage-chart .bar[data-key="${top.key.code}"]`);
  eq((await q.page.textContent(".triage-details .explanation")).trim(), top.explanation, "reopened explanation");
  assert(await q.page.isVisible(".triage-details .no-sample"), "reopened link claims a sample");
  await finish(q);
});

// ---------------------------------------------------------------------------
// Phone and desktop, light and dark: the codes stay whole, the text readable,
// everything inside the viewport, and the errors that block every call first.

/** A log with few token and permission errors and many others, long titles, text lines and a broken line. */
function mixedLog() {
  // Each error ten minutes after the last, from 2026-12-01 08:00 UTC.
  let time = 1764576000;
  const graph = (code, message, extra = {}) => () => JSON.stringify({ time: (time += 600), level: "error", response: { error: { code, type: "OAuthException", message, ...extra } } });
  const lines = [];
  const add = (n, line) => { for (let i = 0; i < n; i++) lines.push(typeof line === "function" ? line() : line); };
  add(40, graph(131047, "Re-engagement message"));
  add(25, graph(130429, "Rate limit hit"));
  add(12, graph(131049, "This message was not delivered to maintain healthy ecosystem engagement."));
  add(7, graph(130497, "Business account is restricted from messaging users in this country."));
  add(3, graph(131026, "Message undeliverable"));
  add(2, graph(200, "(#200) Permissions error"));
  add(1, graph(190, "Error validating access token: Session has expired", { error_subcode: 463 }));
  add(5, "2026-12-01T10:00:00Z INFO webhook delivered");
  add(1, '{"object":"whatsapp_business_account","entry":[{"id":');
  const file = join(OUT, "mixed.log");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}
// Written and counted before the first test, with the other logs (not when
// the file is imported).
let MIXED, MIXED_CLI;
beforeFirstTest(() => {
  MIXED = mixedLog();
  MIXED_CLI = cli(MIXED, "code");
});

/** Relative luminance contrast of two CSS rgb() colours. */
const contrast = (a, b) => {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** Every element's box inside [0, width] and its font size, for the selectors given. */
async function layout(page, selectors) {
  return page.evaluate((sels) => {
    const out = [];
    for (const sel of sels) {
      for (const el of document.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const cs = getComputedStyle(el);
        out.push({ sel, text: el.textContent.trim(), left: r.left, right: r.right, font: parseFloat(cs.fontSize), color: cs.color, clipped: el.scrollWidth > el.clientWidth + 1 && cs.display !== "inline" });
      }
    }
    return { out, width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth, bg: getComputedStyle(document.body).backgroundColor };
  }, selectors);
}

for (const width of [390, 1440]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`triage: at ${width} px (${colorScheme}) codes are whole, text is readable, all fits, and blocking errors come first`, async () => {
      const p = await open("#triage", { viewport: { width, height: 900 }, colorScheme });
      await readLog(p.page, MIXED);
      const t = await totals(p.page);
      eq(t.errors, MIXED_CLI.total_errors, "errors vs CLI");
      eq(t.withoutErrors, 5, "the five INFO lines have no error (and are not unreadable)");
      eq(t.unreadable, 1, "the broken line is the only unreadable one");
      eq(MIXED_CLI.lines_without_errors, 5, "the CLI's lines with no error");

      // Order: the token and permission errors first though they are the rarest.
      const bars = await p.page.$$eval("#triage-chart .bar", (bs) => bs.map((b) => ({ key: b.dataset.key, blocks: b.dataset.blocks, code: b.querySelector(".bar-code").textContent, mark: b.querySelector(".blocks-mark")?.textContent || "" })));
      eq(bars.map((b) => b.key).join(","), "200,190,131047,130429,131049,130497,131026", "bar order");
      eq(bars.map((b) => b.key).join(","), blockingFirst(MIXED_CLI).map((g) => String(g.key.code)).join(","), "bar order vs the CLI's text order");
      for (const b of bars) {
        eq(b.code, b.key, "the code shown in full");
        eq(b.mark, b.blocks === "true" ? "Blocks every call" : "", `blocking mark on ${b.key}`);
      }
      eq(bars.filter((b) => b.blocks === "true").length, 2, "bars that block every call");

      // Geometry and text size of the chart, the totals and the timeline.
      const chart = await layout(p.page, ["#triage-chart .bar-code", "#triage-chart .bar-what", "#triage-chart .bar-count", "#triage-chart .bar-fill", "#triage-chart .blocks-mark", "#triage-timeline .axis-label", "#triage-timeline rect.column", ".triage-totals dd", ".triage-totals dt"]);
      eq(chart.scroll, chart.width, "page width (no sideways scroll)");
      for (const e of chart.out) {
        assert(e.left >= 0 && e.right <= chart.width + 0.5, `${e.sel} "${e.text}" outside the viewport: ${e.left.toFixed(1)}..${e.right.toFixed(1)} of ${chart.width}`);
        if (!e.sel.includes("fill") && !e.sel.includes("column")) {
          assert(e.font >= 12, `${e.sel} "${e.text}" is ${e.font} px`);
          assert(contrast(e.color, chart.bg) >= 4.5, `${e.sel} "${e.text}": contrast ${contrast(e.color, chart.bg).toFixed(2)} (${e.color} on ${chart.bg})`);
        }
        if (e.sel.endsWith("bar-code")) assert(!e.clipped, `code ${e.text} is cut`);
      }
      // The longest bar is the most common code, and it is drawn inside the page.
      const fills = await p.page.$$eval("#triage-chart .bar", (bs) => bs.map((b) => [b.dataset.key, b.querySelector(".bar-fill").getBoundingClientRect().width]));
      const widest = fills.reduce((a, b) => (b[1] > a[1] ? b : a));
      eq(widest[0], "131047", "the longest bar");
      assert(widest[1] > width / 4, `the longest bar is only ${widest[1]} px wide`);
      await p.page.screenshot({ path: join(OUT, `triage-${width}-${colorScheme}.png`), fullPage: true });

      // A blocking bar's details say so.
      await p.page.click('#triage-chart .bar[data-key="190"]');
      await p.page.waitForSelector('.triage-details[data-key="190"] .blocks-note .blocks-mark');

      // The table view: codes whole, blocking rows first and marked, no sideways scroll.
      await p.page.click("#triage-chart .chart-switch");
      const rows = await p.page.$$eval("#triage-chart tbody tr", (rs) => rs.map((r) => ({ key: r.dataset.key, code: r.querySelector("th").textContent.trim(), mark: r.querySelector(".blocks-mark")?.textContent || "" })));
      eq(rows.map((r) => r.code).join(","), bars.map((b) => b.key).join(","), "table codes, whole and in the chart's order");
      eq(rows.filter((r) => r.mark === "Blocks every call").map((r) => r.key).join(","), "200,190", "blocking rows marked");
      const table = await layout(p.page, ["#triage-chart tbody th", "#triage-chart tbody td", "#triage-chart .bar-choose"]);
      eq(table.scroll, table.width, "page width with the table (no sideways scroll)");
      for (const e of table.out) {
        assert(e.left >= 0 && e.right <= table.width + 0.5, `table cell "${e.text}" outside the viewport`);
        assert(e.font >= 12, `table cell "${e.text}" is ${e.font} px`);
      }
      const wrap = await p.page.$eval("#triage-chart .table-wrap", (w) => [w.scrollWidth, w.clientWidth]);
      assert(wrap[0] <= wrap[1], `the table scrolls sideways: ${wrap}`);
      await p.page.screenshot({ path: join(OUT, `triage-${width}-${colorScheme}-table.png`), fullPage: true });
      await finish(p);
    });
  }
}
