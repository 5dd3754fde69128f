// scopelens' custom elements on a plain page that holds only their script
// tag and the elements, as any site would (`cargo xtask book` builds them
// into target/dist/elements/ and runs this file): each element mounts,
// answers typing, sends its events, keeps its styles under a hostile host
// stylesheet, takes a host's theme, and loads only the bundles it needs.

import { BASE, browser, problems, test, assert, eq, nextFrames } from "./harness.mjs";

const ORIGIN = new URL(BASE).origin;
const SCRIPT = `${BASE}elements/scopelens-elements.js`;
const EXPIRED = JSON.stringify({
  error: {
    message: "Error validating access token: Session has expired on Tuesday, 08-Oct-24 10:00:00 PDT.",
    type: "OAuthException",
    code: 190,
    error_subcode: 463,
    fbtrace_id: "AbCdEfGhIjK",
  },
});

// What a strict host might serve: scripts and styles from itself only.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

const ALL = `
<scopelens-decoder id="decoder"></scopelens-decoder>
<scopelens-explain id="explain" code="190/463"></scopelens-explain>
<scopelens-endpoint id="endpoint" request="GET /v24.0/102290129340398/message_templates"></scopelens-endpoint>
<scopelens-wizard id="wizard" accounts="clients" needs="send_messages,manage_templates"></scopelens-wizard>
<scopelens-checklist id="checklist"></scopelens-checklist>`;

// Rules that would wreck anything they reached.
const HOSTILE = `
* { all: unset !important; color: #f0f !important; font: 40px/3 "Comic Sans MS", cursive !important;
    letter-spacing: 9px !important; text-transform: uppercase !important; box-sizing: content-box !important; }
*, *::before, *::after { display: inline !important; visibility: hidden !important; }
scopelens-decoder, scopelens-explain, scopelens-endpoint, scopelens-wizard, scopelens-checklist {
  display: none !important; position: fixed !important; transform: scale(0.1) !important;
  filter: invert(1) !important; opacity: 0 !important; zoom: 3 !important; }
textarea, input, button, select, p, div, a, code, table { display: none !important; }
:root { --sl-bg: red; --sl-fg: red; }`;

/** Opens a plain page (served from the site's origin) holding `body`, with `css` as its only stylesheet. */
async function plainPage(body, { css = "", colorScheme = "light" } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const label = "plain page";
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`${label}: console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`${label}: page error: ${err.message}`));
  const fetched = [];
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(ORIGIN)) problems.push(`${label}: request to ${url}`);
    fetched.push(new URL(url).pathname);
  });
  await page.addInitScript(() => {
    window.__events = [];
    window.__csp = [];
    for (const name of ["scopelens-diagnosis", "scopelens-change"]) {
      document.addEventListener(name, (e) => window.__events.push({ name, target: e.target.id, detail: e.detail }));
    }
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A plain page</title>
${css ? '<link rel="stylesheet" href="/plain/host.css">' : ""}
<script type="module" src="${SCRIPT}"></script></head>
<body>${body}</body></html>`;
  await page.route(`${ORIGIN}/plain/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith("host.css")) return route.fulfill({ contentType: "text/css", body: css });
    return route.fulfill({ contentType: "text/html", headers: { "content-security-policy": CSP }, body: html });
  });
  await page.goto(`${ORIGIN}/plain/index.html`);
  return { context, page, fetched };
}

async function close({ context, page }) {
  const csp = await page.evaluate(() => window.__csp);
  for (const v of csp) problems.push(`CSP violation: ${v}`);
  await context.close();
}

const mounted = (page, id) => page.locator(`#${id}[data-mounted="true"]`).waitFor({ timeout: 60_000 });
const events = (page, name, id) =>
  page.evaluate(([name, id]) => window.__events.filter((e) => e.name === name && e.target === id), [name, id]);

test("elements: each element mounts on a plain page under a strict CSP, answers typing and sends its events", async () => {
  const p = await plainPage(ALL);
  const { page } = p;
  for (const id of ["decoder", "explain", "endpoint", "wizard", "checklist"]) await mounted(page, id);

  // The decoder: a pasted error is diagnosed, and the page hears the diagnosis.
  await page.locator("#decoder textarea").fill(EXPIRED);
  await page.locator("#decoder [data-verdict]").first().waitFor();
  await page.waitForFunction(() => window.__events.some((e) => e.name === "scopelens-diagnosis" && e.detail.findings.some((f) => f.subcode === 463)));
  const diagnoses = await events(page, "scopelens-diagnosis", "decoder");
  const last = diagnoses.at(-1).detail;
  eq(last.verdict, "action_required", "the verdict in the event");
  eq(last.kind, "graph_error", "what the decoder read");
  const top = last.findings[0];
  assert(top.code === 190 && top.subcode === 463 && top.fix.length > 0 && last.headline.length > 0, `the event's findings: ${JSON.stringify(last).slice(0, 300)}`);
  const changes = await events(page, "scopelens-change", "decoder");
  const link = changes.at(-1).detail.link;
  assert(link.startsWith(BASE) && link.includes("index.html#v2="), `the change event's link opens the app: ${link}`);

  // The explainer: the code it was given, then one typed.
  await page.locator("#explain").getByText("463", { exact: false }).first().waitFor();
  await page.locator("#explain input.sl-code").fill("131026");
  await page.locator("#explain .lookup-result").getByText("131026").first().waitFor();

  // The endpoint check names the permission the call needs, and follows edits.
  await page.locator("#endpoint").getByText("whatsapp_business_management").first().waitFor();
  await page.locator("#endpoint input.sl-request").fill("POST /v24.0/1/messages");
  await page.locator("#endpoint").getByText("whatsapp_business_messaging").first().waitFor();

  // The checklist counts ticks.
  const progress = page.locator("#checklist .checklist-progress");
  const before = await progress.textContent();
  await page.locator("#checklist input[type=checkbox]").first().check();
  await page.waitForFunction((b) => document.querySelector("#checklist").shadowRoot.querySelector(".checklist-progress").textContent !== b, before);
  assert((await progress.textContent()).startsWith("1 of"), `checklist progress: ${await progress.textContent()}`);

  // The wizard reads its attributes and answers a change of answer.
  eq(await page.locator("#wizard .plan").getAttribute("data-review"), "true", "working on clients' accounts needs App Review");
  await page.locator('#wizard input[name="sl-accounts"][value="own"]').check();
  await page.waitForFunction(() => document.querySelector("#wizard").shadowRoot.querySelector(".plan").dataset.review === "false");

  // Every element told the page what it shows now, as a link into the app.
  for (const id of ["decoder", "explain", "endpoint", "wizard", "checklist"]) {
    const seen = await events(page, "scopelens-change", id);
    assert(seen.length >= 2, `${id}: ${seen.length} change events (one on mounting, more after the edits)`);
    const link = seen.at(-1).detail.link;
    assert(link.startsWith(`${BASE}index.html#v2=`), `${id}: the change event's link ${link.slice(0, 80)}`);
  }

  // Each bundle was fetched once, and the shadow roots keep the page's DOM clean.
  for (const bundle of ["diagnose", "tools"]) {
    eq(p.fetched.filter((f) => f.endsWith(`scopelens_widgets_${bundle}_bg.wasm`)).length, 1, `fetches of the ${bundle} bundle`);
  }
  eq(await page.locator("body textarea").evaluateAll((els) => els.filter((e) => e.getRootNode() === document).length), 0, "textareas in the page's own DOM");
  await close(p);
});

test("elements: a changed attribute re-renders the element, and a bad one says which and what it may hold", async () => {
  const p = await plainPage(`${ALL}\n<scopelens-decoder id="bad" now="soon"></scopelens-decoder>`);
  const { page } = p;
  await mounted(page, "explain");
  await page.evaluate(() => document.querySelector("#explain").setAttribute("code", "131047"));
  await page.locator("#explain .lookup-result").getByText("131047").first().waitFor();
  const alert = page.locator("#bad [role=alert]");
  await alert.waitFor({ timeout: 60_000 });
  const text = await alert.textContent();
  assert(text.includes('now="soon"') && text.includes("Unix seconds"), `the error names the attribute: ${text}`);
  eq(await page.locator("#bad").getAttribute("data-failed"), "true", "the bad element is marked failed");
  // The error is the page's to see in the console too; it is not a problem of this test.
  problems.splice(0, problems.length, ...problems.filter((m) => !m.includes("scopelens-decoder")));
  await close(p);
});

/** The computed styles that matter of a few parts of each element, and their sizes. */
function looks(page) {
  return page.evaluate(() => {
    const pick = (el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return [s.display, s.visibility, s.color, s.backgroundColor, s.fontFamily, s.fontSize, s.letterSpacing, s.textTransform, Math.round(r.width), Math.round(r.height)].join("|");
    };
    const out = {};
    for (const host of document.querySelectorAll("[id]")) {
      if (!host.shadowRoot) continue;
      out[host.id] = pick(host);
      for (const sel of [".sl-root", "textarea", "input", "button", "p", "code", "label", "h2, h3, h4"]) {
        const el = host.shadowRoot.querySelector(sel);
        if (el) out[`${host.id} ${sel}`] = pick(el);
      }
    }
    return out;
  });
}

test("elements: a hostile host stylesheet changes nothing inside the elements, nor hides them", async () => {
  // The hostile rules take the body's margin away: the clean page has none either.
  const clean = await plainPage(ALL, { css: "body { margin: 0 }" });
  for (const id of ["decoder", "explain", "endpoint", "wizard", "checklist"]) await mounted(clean.page, id);
  await nextFrames(clean.page, 3);
  const expected = await looks(clean.page);
  await close(clean);

  const hostile = await plainPage(ALL, { css: HOSTILE });
  for (const id of ["decoder", "explain", "endpoint", "wizard", "checklist"]) await mounted(hostile.page, id);
  await nextFrames(hostile.page, 3);
  const got = await looks(hostile.page);
  assert(Object.keys(expected).length >= 25, `parts compared: ${Object.keys(expected).length}`);
  const differ = Object.keys(expected).filter((k) => got[k] !== expected[k]);
  assert(differ.length === 0, `styles changed by the host's CSS:\n  ${differ.map((k) => `${k}: ${expected[k]} → ${got[k]}`).join("\n  ")}`);
  // Still usable: the decoder answers typing under the hostile rules.
  await hostile.page.locator("#decoder textarea").fill(EXPIRED);
  await hostile.page.locator("#decoder [data-verdict]").first().waitFor();
  await close(hostile);
});

test("elements: a host themes them through --scopelens-* properties, and they follow a dark preference", async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.querySelector("#explain").shadowRoot.querySelector(".sl-root")).backgroundColor);
  const themed = await plainPage(`<scopelens-explain id="explain" code="190"></scopelens-explain>`, { css: "body { --scopelens-bg: rgb(1, 2, 3); --scopelens-fg: rgb(250, 250, 250); }" });
  await mounted(themed.page, "explain");
  eq(await background(themed.page), "rgb(1, 2, 3)", "the host's background");
  await close(themed);
  const dark = await plainPage(`<scopelens-explain id="explain" code="190"></scopelens-explain>`, { colorScheme: "dark" });
  await mounted(dark.page, "explain");
  eq(await background(dark.page), "rgb(13, 17, 23)", "the dark default background");
  await close(dark);
  const light = await plainPage(`<scopelens-explain id="explain" code="190" theme="light"></scopelens-explain>`, { colorScheme: "dark" });
  await mounted(light.page, "explain");
  eq(await background(light.page), "rgb(255, 255, 255)", "theme=light under a dark preference");
  await close(light);
});

test("elements: a page fetches only the bundles its elements need, and only when they come near", async () => {
  const spacer = `<div class="spacer"></div>`;
  const p = await plainPage(`<scopelens-explain id="explain" code="190"></scopelens-explain>${spacer}<scopelens-decoder id="far"></scopelens-decoder>`, { css: ".spacer { height: 5000px }" });
  await mounted(p.page, "explain");
  await nextFrames(p.page, 3);
  const wasm = () => p.fetched.filter((f) => f.endsWith("_bg.wasm"));
  eq(wasm().join(","), "/elements/scopelens_widgets_tools_bg.wasm", "bundles fetched for the explainer alone");
  await p.page.locator("#far").scrollIntoViewIfNeeded();
  await mounted(p.page, "far");
  eq(wasm().length, 2, "the decoder's bundle once it came near");
  await close(p);
});
