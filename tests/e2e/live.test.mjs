// Browser tests of the live check (crates/scopelens-ui/src/live_panel.rs)
// against the fake Graph API (crates/scopelens-fakegraph). `cargo xtask e2e`
// starts that server and passes its URL in SCOPELENS_FAKE_GRAPH; the
// harness then serves the site with that origin added to the page's CSP,
// while the built files (target/dist/) keep `connect-src 'self'
// https://graph.facebook.com`. Only these tests allow requests to the fake
// server; for every other test a request off the page's origin is a problem.
//
// The fake server picks its answer from the token: `EAA<scenario>Z9xZ9x…`.

import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { DIST, assert, eq, open, finish, findingIds, openScopeCheck, pageCsp, BASE, test } from "./harness.mjs";
import { decodeLink } from "./attack-corpus.mjs";

const FAKE = process.env.SCOPELENS_FAKE_GRAPH;
/** Same shape as scopelens_fakegraph::token. */
const token = (scenario) => `EAA${scenario}${"Z9x".repeat(40)}`;
/** Found in every test token, also in any part of one that is 18+ characters long. */
const NEEDLE = "Z9x".repeat(6);
const APP_TOKEN = "634974688087057|appSecretQ4w8e1r5t9y2u6";
const APP_NEEDLE = "appSecretQ4w8e1r5";

/** What the fake server has received so far: "GET /path?query auth=…" lines. */
async function fakeLog() {
  const res = await fetch(`${FAKE}/__requests`);
  return (await res.json()).filter((line) => !line.includes("/__requests"));
}

/**
 * A page with the live panel open and pointed at the fake server, recording
 * every request and console message so that where the token went can be checked.
 */
async function openLive({ timeout, base = FAKE } = {}) {
  const p = await open("", { allowOrigins: [new URL(FAKE).origin] });
  p.requests = [];
  p.console = [];
  p.runs = 0;
  p.page.on("request", (r) => p.requests.push({ url: r.url(), method: r.method(), headers: r.headers(), body: r.postData() || "" }));
  p.page.on("console", (m) => p.console.push({ type: m.type(), text: m.text(), url: m.location().url || "" }));
  assert(!(await p.page.getAttribute("details.live-check", "open")), "the live panel is open before it is asked for");
  assert(!(await p.page.isVisible("input.sl-live-token")), "the token field shows in a closed panel");
  const toolFiles = () => p.requests.filter((r) => /scopelens_tools(_bg\.wasm|\.js)$/.test(new URL(r.url).pathname)).length;
  eq(toolFiles(), 0, "the live check's module fetched before the panel was opened");
  await p.page.click("details.live-check > summary");
  await p.page.waitForSelector("input.sl-live-token");
  eq(toolFiles(), 2, "the live check's module files fetched on opening");
  await p.page.click("details.live-advanced > summary");
  await p.page.fill("input.sl-live-base", base);
  if (timeout) await p.page.fill("input.sl-live-timeout", String(timeout));
  return p;
}

/** Enters the token(s), runs the check and waits for its result. */
async function runLive(p, tok, { appToken = "", wait = 20000 } = {}) {
  await p.page.fill("input.sl-live-token", tok);
  await p.page.fill("input.sl-live-app-token", appToken);
  await p.page.click("button.live-run");
  p.runs += 1;
  await p.page.waitForSelector(`.live-result[data-run="${p.runs}"] [data-verdict], .live-refused`, { timeout: wait });
  const refused = await p.page.$(".live-refused");
  if (refused) throw new Error(`the panel refused to start: ${await refused.textContent()}`);
  return {
    verdict: await p.page.getAttribute(".live-result [data-verdict]", "data-verdict"),
    ids: await findingIds(p.page),
    calls: await p.page.$$eval(".live-call", (li) => li.map((l) => ({ call: l.dataset.call, state: l.dataset.state, status: l.dataset.status, text: l.textContent }))),
  };
}

/** The token went nowhere but the fake Graph API. */
async function assertTokenStayed(p, needles = [NEEDLE]) {
  const fake = new URL(FAKE).origin;
  for (const needle of needles) {
    assert(!p.page.url().includes(needle), `token in the page URL ${p.page.url()}`);
    for (const r of p.requests) {
      const where = JSON.stringify(r);
      if (where.includes(needle)) {
        eq(new URL(r.url).origin, fake, `a request carrying the token went to ${r.url.slice(0, 60)}`);
        eq(r.method, "GET", "method of a request carrying the token");
      }
    }
    for (const m of p.console) {
      assert(!m.text.includes(needle), `token in a console message: ${m.text.slice(0, 120)}`);
      // The browser's own network errors name the request, which only ever goes to the fake server.
      if (m.url.includes(needle)) eq(new URL(m.url).origin, fake, "console message location");
    }
    const dom = await p.page.evaluate((n) => {
      const attrs = [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].filter((a) => a.value.includes(n)).map((a) => `${e.tagName}[${a.name}]`));
      return { attrs, html: document.documentElement.outerHTML.includes(n), text: document.body.innerText.includes(n) };
    }, needle);
    eq(dom.attrs.length, 0, `DOM attributes with the token: ${dom.attrs}`);
    assert(!dom.html && !dom.text, "the token is in the page's HTML or text");
    const stored = await p.page.evaluate(async (n) => {
      const values = [document.cookie, ...Object.values(localStorage), ...Object.values(sessionStorage)];
      const caches = globalThis.caches ? (await globalThis.caches.keys()).length : 0;
      return { found: values.some((v) => v.includes(n)), caches, history: history.length && location.href.includes(n) };
    }, needle);
    assert(!stored.found && !stored.history, "the token is stored");
    eq(stored.caches, 0, "Cache Storage entries");
  }
}

if (!FAKE) {
  console.log("live.test.mjs: SCOPELENS_FAKE_GRAPH is not set, so the live-check tests are skipped (run them with `cargo xtask e2e`).");
} else {
  test("live: production CSP is untouched; the test copy adds only the fake Graph API", async () => {
    const csp = pageCsp;
    const dist = join(DIST, "index.html");
    assert(existsSync(dist), `${DIST} holds no built site`);
    const prod = csp(readFileSync(dist, "utf8"));
    assert(prod.includes("connect-src 'self' https://graph.facebook.com;"), `production CSP: ${prod}`);
    assert(!prod.includes("127.0.0.1"), `production CSP allows a local server: ${prod}`);
    const served = csp(await (await fetch(BASE)).text());
    eq(served, prod.replace("connect-src 'self' https://graph.facebook.com", `connect-src 'self' https://graph.facebook.com ${FAKE}`), "served CSP");
  });

  test("live: closed by default; says what is sent, to whom; refuses before sending when it cannot", async () => {
    const p = await openLive();
    const text = await p.page.textContent(".live-disclosure");
    assert(text.includes(FAKE) && text.includes("nowhere else") && text.includes("read-only"), `disclosure: ${text}`);
    const plan = await p.page.textContent(".live-plan");
    for (const c of ["/debug_token", "/me/permissions", "/phone_numbers", "/subscribed_apps"]) assert(plan.includes(c), `plan lacks ${c}`);
    eq(await p.page.getAttribute("input.sl-live-token", "type"), "password", "token field type");
    eq(await p.page.getAttribute("input.sl-live-token", "autocomplete"), "off", "token field autocomplete");
    const versions = await p.page.$$eval("select.sl-live-version option", (o) => o.map((x) => x.value));
    eq(await p.page.inputValue("select.sl-live-version"), versions[0], "default version is the newest offered");
    assert(versions.length > 1 && versions.every((v) => /^v\d+\.0$/.test(v)), `versions ${versions}`);
    // No token: nothing is sent.
    await p.page.click("button.live-run");
    assert((await p.page.textContent(".live-refused")).includes("Nothing was sent"), "empty token not refused");
    // An address the page's CSP does not allow is refused by the panel before the browser would (its
    // refusal message would quote the URL, token included), and so is plain http to another computer.
    await p.page.fill("input.sl-live-base", "http://127.0.0.1:9");
    await p.page.fill("input.sl-live-token", token("good"));
    await p.page.click("button.live-run");
    assert((await p.page.textContent(".live-refused")).includes("security policy"), "disallowed origin not refused");
    await p.page.fill("input.sl-live-base", "http://graph.facebook.com");
    await p.page.click("button.live-run");
    assert((await p.page.textContent(".live-refused")).includes("https://"), "plain http not refused");
    eq(p.requests.filter((r) => r.url.includes(NEEDLE)).length, 0, "requests made by refused checks");
    eq(await p.page.$$eval(".live-call", (c) => c.length), 0, "calls shown for refused checks");
    await assertTokenStayed(p);
    await finish(p);
  });

  test("live: every fake-server scenario gives the right diagnosis", async () => {
    const cases = [
      ["good", "ok", ["token.ready", "live.waba_reachable", "live.phone_ready"], ["live.call_failed", "live.app_not_subscribed"], 4],
      ["expired", "action_required", ["token.invalid"], ["live.waba_reachable"], 1],
      ["noscope", "action_required", ["permission.missing", "live.waba_reachable"], [], 4],
      ["user", "action_required", ["permission.declined", "token.user_token"], [], 2],
      ["unreach", "action_required", ["live.waba_unreachable", "error.catalog"], ["live.waba_reachable"], 4],
      ["unsub", "action_required", ["live.app_not_subscribed", "live.waba_reachable"], [], 4],
      ["unregistered", "action_required", ["live.phone_not_registered"], ["live.phone_ready"], 4],
      ["garbage", "action_required", ["live.bad_answer"], [], 1],
    ];
    const p = await openLive();
    const failures = [];
    for (const [scenario, v, want, absent, calls] of cases) {
      const got = await runLive(p, token(scenario));
      const bad = [];
      if (got.verdict !== v) bad.push(`verdict ${got.verdict}`);
      for (const id of want) if (!got.ids.includes(id)) bad.push(`no ${id}`);
      for (const id of absent) if (got.ids.includes(id)) bad.push(`unexpected ${id}`);
      if (got.calls.length !== calls) bad.push(`${got.calls.length} calls: ${got.calls.map((c) => c.call)}`);
      if (got.calls.some((c) => c.text.includes(NEEDLE))) bad.push("a shown request has the token");
      if (bad.length) failures.push(`${scenario}: ${bad.join("; ")} (found ${got.ids})`);
    }
    // The calls list says what each call did.
    await runLive(p, token("unreach"));
    const rows = await p.page.$$eval(".live-call", (li) => li.map((l) => [l.dataset.call, l.dataset.status, l.querySelector(".live-request").textContent]));
    eq(rows[0][0], "debug_token", "first call");
    const version = await p.page.inputValue("select.sl-live-version");
    assert(rows[0][2].startsWith(`GET ${FAKE}/${version}/debug_token?input_token=…&access_token=…`), `shown request ${rows[0][2]}`);
    eq(rows[1][1], "400", "status of the unreachable WABA");
    assert((await p.page.textContent(".live-status")).includes("Done: 4 calls"), "status line");
    await assertTokenStayed(p);
    await finish(p);
    assert(failures.length === 0, failures.join("\n  "));
  });

  test("live: a slow Graph API times out (configurable) and is not retried", async () => {
    const before = (await fakeLog()).length;
    const p = await openLive({ timeout: 2 });
    const started = Date.now();
    const got = await runLive(p, token("slow"), { wait: 10000 });
    const ms = Date.now() - started;
    assert(ms >= 1900 && ms < 8000, `took ${ms} ms with a 2 s timeout`);
    assert(got.ids.includes("live.call_failed"), `findings ${got.ids}`);
    eq(got.calls.length, 1, "calls");
    eq(got.calls[0].state, "failed", "call state");
    assert(got.calls[0].text.includes("no answer within 2 s"), `note: ${got.calls[0].text}`);
    const title = await p.page.textContent('.finding[data-id="live.call_failed"] .finding-title');
    assert(title.includes("GET /debug_token failed"), `finding says which call: ${title}`);
    const sent = (await fakeLog()).slice(before).filter((l) => l.includes("EAAslow"));
    eq(sent.length, 1, `requests the slow server got: ${sent}`);
    await assertTokenStayed(p);
    await finish(p);
  });

  test("live: exactly the planned GETs reach the Graph API, with the app token only on debug_token", async () => {
    const before = (await fakeLog()).length;
    const p = await openLive();
    // An older version than the default is used for every call.
    const v = (await p.page.$$eval("select.sl-live-version option", (o) => o.map((x) => x.value)))[1];
    await p.page.selectOption("select.sl-live-version", v);
    // The open live check brings the scope check, whose WABA ID it uses.
    await openScopeCheck(p.page);
    await p.page.fill("input.sl-waba", "102290129340398");
    const got = await runLive(p, token("good"), { appToken: APP_TOKEN });
    eq(got.verdict, "ok", "verdict with an app token");
    const log = (await fakeLog()).slice(before);
    const paths = log.map((l) => l.split(" ")[1].split("?")[0]);
    eq(
      JSON.stringify(paths),
      JSON.stringify([`/${v}/debug_token`, `/${v}/102290129340398`, `/${v}/102290129340398/phone_numbers`, `/${v}/102290129340398/subscribed_apps`]),
      "paths",
    );
    assert(log.every((l) => l.startsWith("GET ")), `not only GETs (a preflight?): ${log}`);
    assert(log.every((l) => l.endsWith(" auth=")), "an Authorization header was sent");
    const query = (l) => new URLSearchParams(l.split(" ")[1].split("?")[1]);
    eq(query(log[0]).get("input_token"), token("good"), "input_token of debug_token");
    eq(query(log[0]).get("access_token"), APP_TOKEN, "access_token of debug_token");
    for (const l of log.slice(1)) {
      eq(query(l).get("access_token"), token("good"), `access_token of ${l.split("?")[0]}`);
      assert(!l.includes(APP_NEEDLE) && !query(l).has("input_token"), "app token or input_token beyond debug_token");
    }
    eq(query(log[2]).get("fields"), "display_phone_number,verified_name,quality_rating,name_status,code_verification_status,platform_type,throughput,messaging_limit_tier", "phone fields");
    await assertTokenStayed(p, [NEEDLE, APP_NEEDLE]);
    await finish(p);
  });

  test("live: the result shares like a paste, without the token; a reload forgets the token", async () => {
    const p = await openLive();
    const got = await runLive(p, token("unsub"));
    assert(got.ids.includes("live.app_not_subscribed"), `findings ${got.ids}`);
    // The live result's scope matrix and timeline are the pasted diagnosis's components.
    assert(await p.page.isVisible(".live-result .scope-matrix .scope-row"), "no scope rows in the live result");
    assert(await p.page.isVisible(".live-result .timeline-text"), "no timeline in the live result");
    // Changing the context re-reads the answers without calling again.
    const calls = p.requests.length;
    await openScopeCheck(p.page);
    await p.page.check(".live-result .scope-matrix input[data-intent=send_messages]");
    assert(await p.page.isChecked(".live-result .scope-matrix input[data-intent=send_messages]"), "intent not kept");
    await p.page.fill(".live-result input.sl-app", "111111111111111");
    await p.page.waitForFunction(() => ![...document.querySelectorAll(".live-result .finding")].some((f) => f.dataset.id === "live.app_not_subscribed"));
    eq(p.requests.length, calls, "requests after a context change");
    await p.page.fill(".live-result input.sl-app", "");
    await p.page.click(".live-result button.share-toggle");
    const shown = await p.page.textContent(".live-result .share-preview");
    assert(shown.includes("SYSTEM_USER") && !shown.includes(NEEDLE), "share preview");
    await p.page.click(".live-result button.make-link");
    const link = await p.page.inputValue(".live-result input.sl-link");
    assert(link.startsWith(BASE) && link.includes("#v2="), `link ${link}`);
    assert(!link.includes(NEEDLE), "token in the share link");
    const state = decodeLink(link);
    assert(!JSON.stringify(state).includes(NEEDLE), "token inside the link's state");
    eq(state.v, "diagnose", "view in link");
    assert(/"type":\s*"SYSTEM_USER"/.test(state.i), "link lacks the debug_token answer");
    assert(!(await p.page.evaluate(() => navigator.clipboard.readText())).includes(NEEDLE), "token on the clipboard");
    await p.page.click(".live-result button.copy-markdown");
    await p.page.waitForFunction(() => document.querySelector(".live-result .copy-status").textContent.includes("Markdown copied"));
    const md = await p.page.evaluate(() => navigator.clipboard.readText());
    assert(md.includes("live.app_not_subscribed") || md.includes("not subscribed"), `markdown lacks the live finding: ${md.slice(0, 200)}`);
    assert(!md.includes(NEEDLE), "token in the Markdown");
    await assertTokenStayed(p);
    // The link opens as a pasted debug_token with the same token findings.
    const q = await open(link.slice(BASE.length));
    const ids = await findingIds(q.page);
    assert(ids.includes("token.ready"), `shared findings ${ids}`);
    await finish(q);
    // A reload forgets the token.
    await p.page.reload();
    await p.page.waitForSelector("nav.views");
    await p.page.click("details.live-check > summary");
    eq(await p.page.inputValue("input.sl-live-token"), "", "token after reload");
    eq(await p.page.$$eval(".live-result", (r) => r.length), 0, "result after reload");
    // "Forget the tokens" empties both fields.
    await p.page.fill("input.sl-live-token", token("good"));
    await p.page.fill("input.sl-live-app-token", APP_TOKEN);
    await p.page.click("button.live-forget");
    eq(await p.page.inputValue("input.sl-live-token"), "", "token after Forget");
    eq(await p.page.inputValue("input.sl-live-app-token"), "", "app token after Forget");
    await assertTokenStayed(p, [NEEDLE, APP_NEEDLE]);
    await finish(p);
  });
}
