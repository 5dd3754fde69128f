// End-to-end tests of the built web app (target/dist/) in headless Chromium:
// its core tests. Every other `*.test.mjs` file beside this one adds more
// (live check, triage page, attacks, ...). Run with `cargo xtask e2e [FILTER]`
// or `node --test` (see harness.mjs).

import { join } from "node:path";
import {
  FIXTURES, fixture, manifest, assert, eq, open, finish, setContext, openScopeCheck, openSharePreview, paste, verdict, kind, findingIds,
  nextFrames, BASE, problems, test,
} from "./harness.mjs";
import { decodeLink } from "./attack-corpus.mjs";

// ---------------------------------------------------------------------------
// Tests


test("page loads, states that nothing leaves it, and has no foreign requests", async () => {
  const p = await open();
  const privacy = await p.page.textContent("#privacy");
  assert(privacy.includes("Nothing leaves this page"), "privacy statement missing");
  assert(await p.page.isVisible("textarea.sl-input"), "input box missing");
  assert(await p.page.isHidden("#sl-fatal"), "fatal error box visible");
  await finish(p);
});

test("every fixture in the manifest: kind, verdict, findings and missing scopes", async () => {
  const p = await open();
  const failures = [];
  for (const c of manifest) {
    await p.page.clock.setFixedTime(new Date(c.context.now * 1000));
    // The scope check shows only for pastes with permissions: the context
    // is reset while the last one's check is there, and set in this one's.
    if (await p.page.$(".scope-matrix")) await setContext(p.page, {});
    await paste(p.page, fixture(c.file));
    await setContext(p.page, c.context);
    const e = c.expect;
    if (fixture(c.file).trim() === "") {
      // Nothing typed yet: the page invites a paste instead of reporting an error.
      if (!(await p.page.isVisible(".empty-hint"))) failures.push(`${c.file}: no hint for empty input`);
      continue;
    }
    const got = { kind: await kind(p.page), verdict: await verdict(p.page), ids: await findingIds(p.page) };
    const missing = await p.page.$$eval('.finding[data-id="permission.missing"]', (f) => f.map((x) => x.dataset.permission).sort());
    const codes = await p.page.$$eval(".finding[data-code]", (f) => f.map((x) => Number(x.dataset.code)).sort((a, b) => a - b));
    const bad = [];
    if (got.kind !== e.kind) bad.push(`kind ${got.kind} != ${e.kind}`);
    if (got.verdict !== e.verdict) bad.push(`verdict ${got.verdict} != ${e.verdict}`);
    for (const id of e.findings) if (!got.ids.includes(id)) bad.push(`no finding ${id}`);
    for (const id of e.absent) if (got.ids.includes(id)) bad.push(`unexpected finding ${id}`);
    if (JSON.stringify(missing) !== JSON.stringify([...e.missing].sort())) bad.push(`missing ${missing} != ${e.missing}`);
    if (JSON.stringify(codes) !== JSON.stringify([...e.codes].sort((a, b) => a - b))) bad.push(`codes ${codes} != ${e.codes}`);
    // A known gap is a real paste not yet read right (see the manifest's README).
    if (bad.length && !c.known_gap) failures.push(`${c.file} (${c.note}): ${bad.join("; ")}`);
  }
  await finish(p);
  assert(failures.length === 0, `${failures.length} of ${manifest.length} cases differ:\n  ${failures.join("\n  ")}`);
});

test("each kind of payload shows its kind, verdict and key findings", async () => {
  const p = await open("", { now: 1760000000 });
  const cases = [
    ["debug_token/system_user_never.json", "debug_token", "ok", "token.never_expires", "debug_token response"],
    ["permissions/seed_one_declined.json", "permissions", "action_required", "permission.declined", "/me/permissions response"],
    ["graph_error/oauth_190_session_expired.json", "graph_error", "action_required", "error.catalog", "Graph API error"],
    ["webhook_error/status_failed_131047.json", "webhook_error", "action_required", null, "WhatsApp webhook error"],
    ["token/bearer_eaa.txt", "access_token", null, null, "access token"],
    ["messy/curl_i_190_expired.txt", "graph_error", "action_required", "error.catalog", "Graph API error"],
    ["invalid/prose.txt", "unknown", "invalid_input", null, "unrecognised input"],
  ];
  for (const [file, k, v, id, title] of cases) {
    await paste(p.page, fixture(file));
    eq(await kind(p.page), k, `${file} kind`);
    eq((await p.page.textContent(".detected-kind")).trim(), title, `${file} kind title`);
    if (v) eq(await verdict(p.page), v, `${file} verdict`);
    const headline = await p.page.textContent(".verdict-headline");
    assert(headline.length > 10, `${file}: empty verdict headline`);
    if (id) assert((await findingIds(p.page)).includes(id), `${file}: no ${id}`);
  }
  // The curl output keeps its HTTP status, and the 190/463 finding is labelled.
  await paste(p.page, fixture("messy/curl_i_190_expired.txt"));
  assert((await p.page.textContent(".verdict-meta")).includes("HTTP 400"), "HTTP status not shown");
  assert((await p.page.textContent(".findings")).includes("190/463"), "190/463 not shown");
  // Findings are ordered by severity, with numbered fix steps and guide links.
  const sev = await p.page.$$eval(".finding", (els) => els.map((e) => [...e.classList].find((c) => c.startsWith("sev-"))));
  const rank = { "sev-error": 0, "sev-warning": 1, "sev-info": 2 };
  for (let i = 1; i < sev.length; i++) assert(rank[sev[i - 1]] <= rank[sev[i]], `findings out of order: ${sev}`);
  assert((await p.page.$$(".finding ol.fix li")).length > 0, "no numbered fix steps");
  const guide = await p.page.getAttribute(".finding .guide-link a", "href");
  assert(guide.startsWith("./guide/"), `guide link ${guide}`);
  // Only https links to the knowledge base, the guide or views.
  const hrefs = await p.page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
  for (const h of hrefs) assert(/^(https:\/\/|#|\.\/guide\/)/.test(h), `unexpected link ${h}`);
  await finish(p);
});

test("files: picking one or dropping one on the box reads it", async () => {
  const p = await open("", { now: 1760000000 });
  await p.page.setInputFiles("input.sl-file", join(FIXTURES, "graph_error/oauth_190_session_expired.json"));
  await p.page.waitForSelector(".detected-kind[data-kind=graph_error]");
  await p.page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "webhook.json", { type: "application/json" }));
    const box = document.querySelector(".input-box");
    box.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    box.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, fixture("webhook_error/status_failed_131047.json"));
  await p.page.waitForSelector(".detected-kind[data-kind=webhook_error]");
  assert((await p.page.inputValue("textarea.sl-input")).includes("131047"), "dropped file not in the box");
  await finish(p);
});

test("the diagnosis updates while typing, within a frame, with no button", async () => {
  const p = await open("", { now: 1760000000 });
  await paste(p.page, '{"error": {"co');
  eq(await verdict(p.page), "invalid_input", "partial JSON");
  await p.page.type("textarea.sl-input", 'de": 190, "type": "OAuthException", "message": "Invalid OAuth access token"}}');
  eq(await verdict(p.page), "action_required", "completed JSON");
  eq(await kind(p.page), "graph_error", "completed JSON kind");
  // One keystroke on an ordinary payload is reflected by the next animation frame.
  const text = fixture("debug_token/system_user_missing_management.json");
  await paste(p.page, text);
  eq(await verdict(p.page), "action_required", "before");
  const result = await p.page.evaluate(async (t) => {
    const ta = document.querySelector("textarea.sl-input");
    const swapped = t.replace('"whatsapp_business_messaging"', '"whatsapp_business_messaging", "whatsapp_business_management"');
    const start = performance.now();
    ta.value = swapped;
    ta.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r()));
    return { verdict: document.querySelector("[data-verdict]").dataset.verdict, ms: performance.now() - start };
  }, text);
  eq(result.verdict, "ok", "verdict one frame after the keystroke");
  assert(result.ms < 100, `update took ${result.ms} ms`);
  assert(!p.page.url().includes("#"), `pasted text reached the URL: ${p.page.url()}`);
  await finish(p);
});

test("kind override: forcing another kind explains the mismatch; automatic restores", async () => {
  const p = await open("", { now: 1760000000 });
  await paste(p.page, fixture("graph_error/oauth_190_session_expired.json"));
  eq(await kind(p.page), "graph_error", "detected");
  await p.page.selectOption("select.sl-kind", "debug_token");
  eq(await verdict(p.page), "invalid_input", "forced debug_token");
  assert((await p.page.textContent(".findings")).includes("not a debug_token response"), "mismatch not explained");
  const auto = await p.page.textContent("select.sl-kind option[value=auto]");
  assert(auto.includes("Graph API error"), `automatic option says ${auto}`);
  await p.page.selectOption("select.sl-kind", "auto");
  eq(await kind(p.page), "graph_error", "automatic again");
  await finish(p);
});

test("token timeline: never, relative words, accessible SVG", async () => {
  const p = await open("", { now: 1760000000 });
  await paste(p.page, fixture("debug_token/system_user_never.json"));
  const list = await p.page.textContent(".timeline-text");
  assert(list.includes("Expires: never"), `timeline list: ${list}`);
  assert(list.includes("Data access expires: never"), `timeline list: ${list}`);
  assert(/Issued: \d+ days ago/.test(list), `issued words: ${list}`);
  eq(await p.page.getAttribute("svg.timeline-svg", "role"), "img", "svg role");
  const title = await p.page.textContent("svg.timeline-svg title");
  assert(title.includes("never"), `svg title ${title}`);
  await p.page.clock.setFixedTime(new Date(1668760000 * 1000));
  await paste(p.page, fixture("debug_token/user_long_lived.json"));
  const words = await p.page.textContent(".timeline-text");
  assert(/Expires: in \d+ days/.test(words), `expiry words: ${words}`);
  // The payload table explains fields on focus.
  await p.page.focus("tr[data-field=expires_at] .field");
  assert(await p.page.isVisible("tr[data-field=expires_at] .tip"), "field explanation not shown on focus");
  assert((await p.page.getAttribute("tr[data-field=expires_at] .field", "title")).length > 10, "no title");
  await finish(p);
});

test("scope matrix follows intents and the WABA ID at once", async () => {
  const p = await open("", { now: 1760000000 });
  await paste(p.page, fixture("debug_token/missing_messaging_minimal.json"));
  eq(await p.page.getAttribute(".scope-row[data-permission=whatsapp_business_messaging]", "data-state"), "missing", "messaging");
  // A missing permission is granted for nothing.
  eq((await p.page.textContent(".scope-row[data-permission=whatsapp_business_messaging] td:last-child")).trim(), "none", "missing row's grant");
  eq((await p.page.textContent(".scope-matrix summary")).replace(/\s+/g, " ").trim(), "Checking for: production integration (change)", "the disclosure's summary");
  await openScopeCheck(p.page);
  await p.page.check(".scope-matrix input[data-intent=manage_templates]");
  const needed = await p.page.$$eval(".scope-row.needed", (r) => r.map((x) => x.dataset.permission));
  eq(JSON.stringify(needed), JSON.stringify(["whatsapp_business_management"]), "needed after choosing manage_templates");
  eq(await verdict(p.page), "ok", "verdict with manage_templates only");
  await p.page.uncheck(".scope-matrix input[data-intent=manage_templates]");
  await p.page.clock.setFixedTime(new Date(1664000000 * 1000));
  await paste(p.page, fixture("debug_token/embedded_signup_user.json"));
  await openScopeCheck(p.page);
  await p.page.fill("input.sl-waba", "999999999999999");
  eq(await p.page.getAttribute(".scope-row[data-permission=whatsapp_business_management]", "data-state"), "not-for-waba", "other WABA");
  await p.page.fill("input.sl-waba", "102289599326934");
  eq(await p.page.getAttribute(".scope-row[data-permission=whatsapp_business_management]", "data-state"), "granted", "right WABA");
  assert(await p.page.isVisible(".this-waba"), "target WABA not highlighted");
  await p.page.fill("input.sl-waba", "abc");
  assert((await p.page.textContent(".scope-matrix .error-message")).includes("digits only"), "bad WABA ID not explained");
  await finish(p);
});

test("access wizard: App Review for clients, none for an own account", async () => {
  const p = await open("#wizard");
  eq(await p.page.getAttribute(".plan", "data-review"), "false", "own account");
  assert((await p.page.textContent(".plan-review")).includes("No App Review"), "own account review text");
  eq(await p.page.textContent(".plan-role"), "Direct Developer", "own role");
  await p.page.check("input[name=sl-accounts][value=clients]");
  eq(await p.page.getAttribute(".plan", "data-review"), "true", "clients");
  eq(await p.page.textContent(".plan-role"), "Tech Provider", "clients role");
  eq((await p.page.$$(".checklist input[type=checkbox]")).length, 9, "checklist items");
  eq((await p.page.$$(".rejection")).length, 5, "rejection patterns");
  await p.page.check(".checklist input[data-item=business-verified]");
  eq(await p.page.textContent(".checklist-progress"), "1 of 9 ready", "progress");
  await p.page.check("input[name=sl-credit]");
  eq(await p.page.textContent(".plan-role"), "Solution Partner", "credit line role");
  await finish(p);
});

test("error lookup: 190/463 and 190, bad input, browsing by category with search", async () => {
  const p = await open("#lookup");
  await p.page.fill("input.sl-code", "190/463");
  eq(await p.page.getAttribute(".lookup-result .error-entry", "data-label"), "190/463", "190/463");
  await p.page.fill("input.sl-code", "190");
  eq(await p.page.getAttribute(".lookup-result .error-entry", "data-label"), "190", "190");
  await p.page.fill("input.sl-code", "hello");
  assert(await p.page.isVisible(".lookup-result .error-message"), "bad code not explained");
  await p.page.fill("input.sl-code", "131999");
  assert((await p.page.textContent(".lookup-result")).includes("not in the catalog"), "unknown code");
  await p.page.selectOption("select.sl-category", "authentication");
  const labels = await p.page.$$eval(".browse-list details", (d) => d.map((x) => x.dataset.label));
  assert(labels.includes("190/463"), `authentication list: ${labels}`);
  const before = labels.length;
  await p.page.fill("input.sl-filter", "expired");
  const after = await p.page.$$eval(".browse-list details", (d) => d.length);
  assert(after > 0 && after < before, `search: ${before} → ${after}`);
  await p.page.click(".browse-list summary");
  assert(await p.page.isVisible(".browse-list .error-entry"), "entry does not open");
  await finish(p);
});

test("endpoint check: candidates and whether the pasted token has the permission", async () => {
  const p = await open("", { now: 1760000000 });
  await paste(p.page, fixture("debug_token/missing_messaging_minimal.json"));
  await p.page.click("a[data-view=endpoint]");
  await p.page.fill("input.sl-request", "POST /v24.0/123/messages");
  const paths = await p.page.$$eval(".candidate", (c) => c.map((x) => x.dataset.path));
  eq(paths[0], "/{phone-number-id}/messages", "first candidate");
  eq(await p.page.getAttribute(".candidate li[data-permission=whatsapp_business_messaging]", "data-granted"), "false", "missing permission");
  await p.page.click("a[data-view=diagnose]");
  await paste(p.page, fixture("debug_token/system_user_never.json"));
  await p.page.click("a[data-view=endpoint]");
  eq(await p.page.getAttribute(".candidate li[data-permission=whatsapp_business_messaging]", "data-granted"), "true", "granted permission");
  await p.page.fill("input.sl-request", "FLY /v1/x");
  assert(await p.page.isVisible(".endpoint-result .error-message"), "bad request not explained");
  await finish(p);
});

/**
 * Yew marks elements with the number of the tree that renders them, and
 * each wasm module numbers its trees from 1, so a root of one module inside
 * the other's would take events that are not its own: the tools module's
 * elements must all sit outside the first module's `#app`.
 */
async function assertOutsideFirstModule(page, selector) {
  const shown = await page.$$eval(selector, (els) => els.length);
  const inside = await page.$$eval(selector, (els) => els.filter((e) => e.closest("#app")).length);
  assert(shown > 0 && inside === 0, `${selector}: ${inside} of ${shown} inside the first module's root`);
}

test("tool views: their module loads once, only when one is opened, and each keeps its state", async () => {
  const p = await open("", { now: 1760000000 });
  const fetched = [];
  p.page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  const toolFiles = () => fetched.filter((f) => /scopelens_tools(_bg\.wasm|\.js)$/.test(f)).sort();
  await paste(p.page, fixture("debug_token/system_user_never.json"));
  await p.page.waitForSelector("[data-verdict]");
  eq(toolFiles().length, 0, "tool files fetched by the diagnose view");
  await p.page.click("a[data-view=wizard]");
  await p.page.check("input[name=sl-accounts][value=clients]");
  eq(await p.page.textContent(".plan-role"), "Tech Provider", "wizard answer");
  await assertOutsideFirstModule(p.page, ".tool-host input[name=sl-accounts]");
  await p.page.click("a[data-view=lookup]");
  await p.page.fill("input.sl-code", "190/463");
  await p.page.click("a[data-view=diagnose]");
  eq(await verdict(p.page), "ok", "the diagnose view kept its paste");
  await p.page.click("a[data-view=wizard]");
  eq(await p.page.textContent(".plan-role"), "Tech Provider", "the wizard kept its answer");
  await p.page.click("a[data-view=lookup]");
  eq(await p.page.inputValue("input.sl-code"), "190/463", "the lookup kept its code");
  eq(await p.page.$$eval(".tool-host", (h) => h.length), 1, "one tool view at a time");
  eq(JSON.stringify(toolFiles()), JSON.stringify(["/scopelens_tools.js", "/scopelens_tools_bg.wasm"]), "tool files fetched");
  await finish(p);
});

test("tool views: when their module cannot load, the view says so and a later visit retries", async () => {
  const p = await open();
  const before = problems.length;
  await p.page.route(/scopelens_tools_bg\.wasm/, (route) => route.abort());
  await p.page.click("a[data-view=lookup]");
  const host = p.page.locator(".tool-host[role=alert]");
  await host.waitFor();
  const message = await host.textContent();
  assert(message.includes("could not load") && message.includes("Reload"), `failure message: ${message}`);
  await p.page.unroute(/scopelens_tools_bg\.wasm/);
  await p.page.click("a[data-view=diagnose]");
  await p.page.click("a[data-view=lookup]");
  await p.page.fill("input.sl-code", "190");
  eq(await p.page.getAttribute(".lookup-result .error-entry", "data-label"), "190", "lookup after the retry");
  // The browser logs the aborted fetch: the one console error caused on purpose.
  const added = problems.splice(before);
  problems.push(...added.filter((x) => !x.includes("console error: Failed to load resource: net::ERR_FAILED")));
  await finish(p);
});

test("live check: its panel loads only when opened, follows the scope check, and says so when it cannot load", async () => {
  const p = await open("", { now: 1760000000 });
  const before = problems.length;
  const fetched = [];
  p.page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await paste(p.page, fixture("debug_token/system_user_never.json"));
  await p.page.waitForSelector("[data-verdict]");
  await openScopeCheck(p.page);
  await p.page.check(".scope-matrix input[data-intent=manage_templates]");
  eq(fetched.filter((f) => f.includes("scopelens_tools")).length, 0, "tools module fetched for a closed live check");
  await p.page.route(/scopelens_tools_bg\.wasm/, (route) => route.abort());
  await p.page.click("details.live-check > summary");
  const host = p.page.locator(".live-host[role=alert]");
  await host.waitFor();
  const message = await host.textContent();
  assert(message.includes("live check could not load") && message.includes("Reload"), `failure message: ${message}`);
  await p.page.unroute(/scopelens_tools_bg\.wasm/);
  // The panel is made again when the diagnose view is: here, after another view.
  await p.page.click("a[data-view=lookup]");
  await p.page.click("a[data-view=diagnose]");
  eq(await p.page.getAttribute("details.live-check", "open"), null, "the live check opened by itself");
  await p.page.click("details.live-check > summary");
  await p.page.waitForSelector("input.sl-live-token");
  assert(await p.page.isVisible("input.sl-live-token"), "token field hidden in the opened panel");
  // Typed by the keyboard (trusted events): the first module must not take
  // the panel's events for its own (see the tools module's main()).
  await p.page.click("details.live-advanced > summary");
  await p.page.fill("input.sl-live-timeout", "");
  await p.page.type("input.sl-live-timeout", "25");
  eq(await p.page.inputValue("input.sl-live-timeout"), "25", "typed timeout");
  await assertOutsideFirstModule(p.page, ".live-host input, .live-host button");
  const context = () => p.page.textContent(".live-context");
  assert((await context()).includes("Manage message templates"), `the panel's context: ${await context()}`);
  await openScopeCheck(p.page);
  await p.page.fill(".scope-matrix input.sl-waba", "102290129340398");
  await p.page.waitForFunction(() => document.querySelector(".live-context").textContent.includes("WABA 102290129340398"));
  const added = problems.splice(before);
  problems.push(...added.filter((x) => !x.includes("console error: Failed to load resource: net::ERR_FAILED")));
  await finish(p);
});

test("share preview: shown without the tools module; a link that cannot be made says why, and the next try makes it; the preview follows edits", async () => {
  const p = await open("", { now: 1760000000 });
  const before = problems.length;
  const fetched = [];
  p.page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  const toolFiles = () => fetched.filter((f) => f.includes("scopelens_tools")).length;
  await paste(p.page, fixture("debug_token/missing_messaging_minimal.json"));
  await openSharePreview(p.page);
  eq(toolFiles(), 0, "tools module fetched by a paste and the preview");
  await p.page.route(/scopelens_tools_bg\.wasm/, (route) => route.abort());
  await p.page.click("button.make-link");
  const failure = p.page.locator(".share-preview .error-message[role=alert]");
  await failure.waitFor();
  const message = await failure.textContent();
  assert(message.startsWith("No link could be made") && message.includes("reload"), `failure message: ${message}`);
  assert(!p.page.url().includes("#"), "the address changed though no link was made");
  await p.page.unroute(/scopelens_tools_bg\.wasm/);
  await openScopeCheck(p.page);
  await p.page.fill(".scope-matrix input.sl-waba", "102290129340398");
  await p.page.waitForFunction(() => document.querySelector(".share-preview").textContent.includes("102290129340398"));
  eq(await p.page.$$eval(".share-preview .error-message", (e) => e.length), 0, "the failure outlived the edit");
  await p.page.click("button.make-link");
  await p.page.locator("input.sl-link").waitFor();
  eq(decodeLink(await p.page.inputValue("input.sl-link")).w, "102290129340398", "WABA ID typed after opening, in the link");
  assert(p.page.url().includes("#v2="), "address bar not updated by the preview");
  const added = problems.splice(before);
  problems.push(...added.filter((x) => !x.includes("console error: Failed to load resource: net::ERR_FAILED")));
  await finish(p);
});

test("share link: shows its content, carries no token, reproduces the diagnosis elsewhere", async () => {
  const token = fixture("token/bare_eaa.txt").trim();
  const input = `curl -H "Authorization: Bearer ${token}" https://graph.facebook.com/v24.0/123/messages\n` + fixture("graph_error/perm_200_requires_messaging.json");
  const p = await open("", { now: 1760000000 });
  await paste(p.page, input);
  await openScopeCheck(p.page);
  await p.page.fill("input.sl-waba", "102290129340398");
  assert(!p.page.url().includes("#"), "URL changed before sharing");
  const original = { verdict: await verdict(p.page), kind: await kind(p.page), ids: await findingIds(p.page), html: await p.page.innerHTML(".findings") };
  await openSharePreview(p.page);
  const preview = await p.page.textContent(".share-preview");
  assert(preview.includes("removed"), "preview does not say tokens were removed");
  const shown = await p.page.textContent(".share-input");
  assert(!shown.includes(token.slice(0, 24)) && !shown.includes("curl") && shown.includes("200"), `preview shows more than the allow-listed error: ${shown}`);
  assert(preview.includes("102290129340398"), "preview lacks the WABA ID");
  await p.page.click("button.make-link");
  const link = await p.page.inputValue("input.sl-link");
  assert(link.startsWith(BASE) && link.includes("#v2="), `link ${link}`);
  assert(!link.includes(token.slice(4, 24)), "token in link");
  const state = decodeLink(link);
  assert(!JSON.stringify(state).includes(token.slice(4, 24)), "token inside the link's state");
  eq(state.w, "102290129340398", "WABA in link");
  eq(state.t, 1760000000, "time in link");
  eq(state.v, "diagnose", "view in link");
  assert(p.page.url().includes("#v2="), "address bar not updated after Share");
  // The clipboard got the same link.
  eq(await p.page.evaluate(() => navigator.clipboard.readText()), link, "clipboard");
  await finish(p);

  // A fresh browser context, at a different time, reproduces the same diagnosis.
  const q = await open(link.slice(BASE.length), { now: 1900000000 });
  eq(await verdict(q.page), original.verdict, "shared verdict");
  eq(await kind(q.page), original.kind, "shared kind");
  // Identical, except the note that the original paste had secrets (the link never has them).
  const same = (ids) => JSON.stringify(ids.filter((id) => id !== "input.secrets_redacted"));
  eq(same(await findingIds(q.page)), same(original.ids), "shared findings");
  assert(original.ids.includes("input.secrets_redacted"), "the original paste's token was not reported");
  eq(await q.page.inputValue("input.sl-waba"), "102290129340398", "shared WABA");
  assert((await q.page.textContent(".shared-header")).includes("Shared diagnosis, made 2025-10-09"), "the shared header's time");
  const restored = await q.page.inputValue("textarea.sl-input");
  // The link carries only the allow-listed error: no token, nothing around it.
  assert(!restored.includes(token.slice(4, 24)) && !restored.includes("curl") && restored.includes("200"), `restored input: ${restored.slice(0, 200)}`);
  await finish(q);

  // Copy as Markdown and sharing other views.
  const r = await open("", { now: 1760000000 });
  await paste(r.page, fixture("graph_error/oauth_190_session_expired.json"));
  await r.page.click("button.copy-markdown");
  await r.page.waitForFunction(() => document.querySelector(".share .copy-status").textContent.includes("Markdown copied"));
  const md = await r.page.evaluate(() => navigator.clipboard.readText());
  assert(md.startsWith("## ") && md.includes("**Verdict:**") && md.includes("**Share link:** <" + BASE), `markdown: ${md.slice(0, 200)}`);
  await r.page.click("a[data-view=lookup]");
  await r.page.fill("input.sl-code", "190/463");
  await r.page.click("button.share-toggle");
  await r.page.click("button.make-link");
  const lookupLink = await r.page.inputValue("input.sl-link");
  assert(!decodeLink(lookupLink).i, "lookup link carries no input");
  await finish(r);
  const s = await open(lookupLink.slice(BASE.length));
  eq(await s.page.getAttribute("main", "data-view"), "lookup", "shared view");
  eq(await s.page.inputValue("input.sl-code"), "190/463", "shared lookup query");
  await finish(s);
});

test("bad share links give a clear message, not a blank page", async () => {
  const p = await open("#v1=AAAAbroken");
  assert((await p.page.textContent(".notice")).includes("could not be opened"), "no message for a broken link");
  assert(await p.page.isVisible("textarea.sl-input"), "page unusable");
  await finish(p);
  const q = await open("#v9=abc");
  assert((await q.page.textContent(".notice")).includes("v9"), "no message for an unknown version");
  await finish(q);
});

test("pasted HTML is shown as text and never runs", async () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const payload = JSON.stringify({
    error: { message: evil, type: "OAuthException", code: 190, error_subcode: 463, error_user_msg: evil, fbtrace_id: evil },
  });
  const p = await open("", { now: 1760000000 });
  await paste(p.page, payload);
  // Shown as text: the payload view holds the markup itself.
  await p.page.locator(".payload").filter({ hasText: evil }).waitFor();
  eq(await p.page.$$eval("main img", (i) => i.length), 0, "an <img> was created");
  const webhook = JSON.stringify([{ code: 131047, title: evil, href: "javascript:window.__pwned=1", message: "m" }]);
  await paste(p.page, webhook);
  eq(await p.page.$$eval("a[href^=javascript]", (a) => a.length), 0, "javascript: link created");
  await p.page.click("button.share-toggle");
  await p.page.click("button.make-link");
  const link = await p.page.inputValue("input.sl-link");
  await finish(p);
  const q = await open(link.slice(BASE.length));
  await q.page.locator("main [data-verdict]").waitFor();
  await nextFrames(q.page);
  eq(await q.page.$$eval("main img", (i) => i.length), 0, "an <img> was created from a link");
  await finish(q);
});

test("keyboard, visible focus, phone width and dark mode", async () => {
  const p = await open("", { viewport: { width: 375, height: 740 } });
  await p.page.keyboard.press("Tab");
  eq(await p.page.evaluate(() => document.activeElement.className), "skip", "first Tab reaches the skip link");
  await p.page.keyboard.press("Tab");
  const outline = await p.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert(outline !== "none", "no visible focus");
  // Load an example with the keyboard only.
  await p.page.focus("select.sl-example");
  await p.page.selectOption("select.sl-example", "system-user");
  eq(await kind(p.page), "debug_token", "example loaded from the menu");
  eq(await p.page.inputValue("select.sl-example"), "", "the menu is back at its prompt");
  const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `page is ${overflow}px wider than a phone`);
  const light = await p.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await finish(p);
  const q = await open("", { colorScheme: "dark" });
  const dark = await q.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert(light !== dark, `dark mode has the same background ${dark}`);
  await finish(q);
});
