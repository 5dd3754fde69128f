// The answer first (issue 18): the headline names the cause and the first
// step, the verdict is in view on a phone, the scope check shows only where
// it helps, a shared diagnosis looks shared and an edit takes the link out of
// the address, and Copy as Markdown is ready for a ticket. Each at a phone's
// and a desktop's width, in light and dark.

import { assert, eq, open, finish, fixture, paste, verdict, BASE, test } from "./harness.mjs";
import { decodeLink, shareFragment } from "./attack-corpus.mjs";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const LOOKS = [
  ["phone", PHONE, "light"],
  ["phone", PHONE, "dark"],
  ["desktop", DESKTOP, "light"],
  ["desktop", DESKTOP, "dark"],
];
const NOW = 1760000000;

/** Writes `text` to the clipboard and pastes it into the box with the keyboard, as a person does. */
async function realPaste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus("textarea.sl-input");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
}

/** Whether the element's top edge is inside the viewport. */
const topInView = (page, selector) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight - 40;
  });

test("answer: the headline is the top finding's cause and first step, with the retry advice as a label", async () => {
  const p = await open("", { now: NOW });
  const cases = [
    "messy/curl_i_190_expired.txt",
    "graph_error/perm_200_requires_messaging.json",
    "webhook_error/status_failed_131047.json",
    "debug_token/system_user_missing_management.json",
  ];
  const seen = new Set();
  for (const file of cases) {
    await paste(p.page, fixture(file));
    const headline = (await p.page.textContent(".verdict-headline")).trim();
    const title = (await p.page.locator(".finding .finding-title").first().textContent()).replace(/^\s*Error\s*/, "").trim();
    const step = (await p.page.locator(".finding ol.fix li").first().textContent()).trim();
    assert(!headline.startsWith("Action required"), `${file}: the generic headline ${headline}`);
    assert(headline.startsWith(title.replace(/[.:]$/, "").slice(0, 20)), `${file}: headline ${JSON.stringify(headline)} does not lead with ${JSON.stringify(title)}`);
    assert(headline.endsWith(step.slice(1)), `${file}: headline ${JSON.stringify(headline)} does not end with the first step ${JSON.stringify(step)}`);
    const label = (await p.page.textContent(".verdict .retry-label")).trim();
    assert(label.length > 3 && label.length < 40, `${file}: retry label ${JSON.stringify(label)}`);
    seen.add(headline);
  }
  eq(seen.size, cases.length, "different causes, different headlines");
  // A healthy token keeps the verdict's words.
  await paste(p.page, fixture("debug_token/system_user_never.json"));
  eq((await p.page.textContent(".verdict-headline")).trim(), "Looks good: nothing needs fixing.", "healthy headline");
  await finish(p);
});

test("answer: no finding title says its code twice, and backticked words show as code", async () => {
  const p = await open("", { now: NOW });
  await paste(p.page, fixture("messy/curl_i_190_expired.txt"));
  for (const title of await p.page.$$eval(".finding-title", (t) => t.map((x) => x.textContent))) {
    const codes = title.match(/\d{2,}(\/\d+)?/g) || [];
    eq(new Set(codes).size, codes.length, `codes in ${JSON.stringify(title)}`);
  }
  const backticks = await p.page.$$eval(".finding .explanation, .finding ol.fix li, .verdict-headline", (els) =>
    els.filter((e) => /`[^`]+`/.test(e.textContent)).map((e) => e.textContent));
  eq(backticks.length, 0, `literal backticks: ${backticks.slice(0, 2)}`);
  await finish(p);
});

for (const [size, viewport, colorScheme] of LOOKS) {
  test(`answer: on a ${size} (${colorScheme}) a paste brings the verdict into view without taking the focus`, async () => {
    const p = await open("", { now: NOW, viewport, colorScheme });
    // The examples are one menu, and the privacy statement one line with a link to the full text.
    eq(await p.page.$$eval("button.example", (b) => b.length), 0, "example buttons");
    assert((await p.page.$$eval("select.sl-example option", (o) => o.length)) > 5, "examples menu");
    const privacy = await p.page.$eval("#privacy", (e) => ({ h: e.getBoundingClientRect().height, line: parseFloat(getComputedStyle(e).lineHeight) || 24, href: e.querySelector("a")?.getAttribute("href") }));
    assert(privacy.h <= privacy.line * 2 + 2, `the privacy statement is ${privacy.h}px tall`);
    eq(privacy.href, "#privacy-full", "the privacy link");
    assert((await p.page.textContent("#privacy-full")).includes("graph.facebook.com"), "the full statement");
    await realPaste(p.page, fixture("graph_error/perm_200_requires_messaging.json"));
    await p.page.waitForSelector("[data-verdict]");
    await p.page.waitForFunction(() => {
      const r = document.querySelector(".verdict").getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight - 40;
    });
    eq(await p.page.evaluate(() => document.activeElement.className), "sl-input", "the focus after the paste");
    // The results follow the input: on a phone directly below it.
    const gap = await p.page.evaluate(() => document.querySelector(".verdict").getBoundingClientRect().top - document.querySelector(".input-box").getBoundingClientRect().bottom);
    if (size === "phone") assert(gap < 120, `the verdict starts ${gap}px below the input`);
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page is ${overflow}px wider than the window`);
    // Text and background of the verdict differ enough to read (AA for its large headline).
    await finish(p);
  });
}

test("answer: a dropped file also brings the verdict into view", async () => {
  const p = await open("", { now: NOW, viewport: PHONE });
  await p.page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "error.json", { type: "application/json" }));
    document.querySelector(".input-box").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, fixture("messy/curl_i_190_expired.txt"));
  await p.page.waitForSelector("[data-verdict]");
  await p.page.waitForFunction(() => {
    const r = document.querySelector(".verdict").getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight - 40;
  });
  await finish(p);
});

test("answer: the scope check shows only for pastes with permissions, right under the verdict, its intents behind a disclosure", async () => {
  const p = await open("", { now: NOW });
  eq(await p.page.$(".scope-matrix"), null, "scope check on a first visit");
  for (const file of ["messy/curl_i_190_expired.txt", "webhook_error/status_failed_131047.json", "token/bearer_eaa.txt"]) {
    await paste(p.page, fixture(file));
    await p.page.waitForSelector("[data-verdict]");
    eq(await p.page.$(".scope-matrix"), null, `scope check for ${file}`);
  }
  for (const file of ["debug_token/system_user_missing_management.json", "permissions/seed_one_declined.json", "graph_error/perm_200_requires_messaging.json"]) {
    await paste(p.page, fixture(file));
    await p.page.waitForSelector(".scope-matrix");
    eq(await p.page.$eval(".verdict", (v) => v.nextElementSibling.className), "scope-matrix", `what follows the verdict for ${file}`);
    eq(await p.page.isVisible(".scope-matrix input[data-intent]"), false, `intents shown for ${file}`);
    assert((await p.page.textContent(".scope-matrix summary")).includes("Checking for: production integration"), `summary for ${file}`);
  }
  await paste(p.page, fixture("debug_token/system_user_missing_management.json"));
  for (const row of await p.page.$$eval(".scope-row", (rows) => rows.map((r) => [r.dataset.state, r.lastElementChild.textContent.trim()]))) {
    if (row[0] === "missing" || row[0] === "declined" || row[0] === "expired") eq(row[1], "none", `the grant of a ${row[0]} row`);
  }
  await p.page.click(".scope-matrix summary");
  await p.page.check(".scope-matrix input[data-intent=send_messages]");
  assert((await p.page.textContent(".scope-matrix summary")).includes("Checking for: send messages"), "summary after choosing");
  await finish(p);
});

for (const [size, viewport, colorScheme] of [LOOKS[0], LOOKS[3]]) {
  test(`answer: a shared diagnosis looks shared (${size}, ${colorScheme}); an edit takes the link out of the address`, async () => {
    const fragment = shareFragment({ i: fixture("graph_error/perm_200_requires_messaging.json"), v: "diagnose", t: 1764706680 });
    const p = await open("#" + fragment, { now: 1900000000, viewport, colorScheme });
    const header = await p.page.textContent(".shared-header");
    assert(header.includes("Shared diagnosis, made 2025-12-02 20:18 UTC"), `header: ${header}`);
    assert(await p.page.isVisible(".shared-header button.edit-copy"), "no Edit a copy");
    assert(await topInView(p.page, ".verdict"), "the shared verdict is not in view on opening");
    // One click copies a link to what is shown (made afresh: an opened link
    // may carry what the page cleaned out), and the address shows it.
    await p.page.click("button.copy-link");
    await p.page.waitForFunction(() => document.querySelector(".share .copy-status").textContent.includes("Link copied"));
    eq(await p.page.evaluate(() => navigator.clipboard.readText()), p.page.url(), "the copied link");
    // Edit a copy: the header goes, the caret goes to the box, the address forgets the link.
    await p.page.click("button.edit-copy");
    eq(await p.page.$(".shared-header"), null, "header after Edit a copy");
    eq(await p.page.evaluate(() => document.activeElement.className), "sl-input", "focus after Edit a copy");
    assert(!p.page.url().includes("="), `address after Edit a copy: ${p.page.url()}`);
    await finish(p);

    const q = await open("#" + fragment, { now: 1900000000, viewport, colorScheme });
    await q.page.focus("textarea.sl-input");
    await q.page.keyboard.press("End");
    await q.page.keyboard.type(" ");
    await q.page.waitForFunction(() => !location.hash.includes("="));
    eq(await q.page.$(".shared-header"), null, "header after an edit");
    await q.page.reload();
    await q.page.waitForSelector("nav.views");
    eq(await q.page.inputValue("textarea.sl-input"), "", "a reload brought the old link back");
    await finish(q);
  });
}

test("answer: Copy link is one click and Copy as Markdown is ready for a ticket", async () => {
  const p = await open("", { now: NOW });
  const input = fixture("debug_token/system_user_missing_management.json");
  await paste(p.page, input);
  await p.page.click("button.copy-link");
  await p.page.waitForFunction(() => document.querySelector(".share .copy-status").textContent.includes("Link copied"));
  const link = await p.page.evaluate(() => navigator.clipboard.readText());
  assert(link.startsWith(BASE) && link.includes("#v2="), `link ${link.slice(0, 80)}`);
  eq(p.page.url(), link, "the address shows the copied link");
  const state = decodeLink(link);
  eq(state.t, NOW, "the link's time");
  // The status sits on the buttons' row: the findings did not move.
  const findingsTop = await p.page.$eval(".findings-section", (e) => e.getBoundingClientRect().top);
  await p.page.click("button.copy-markdown");
  await p.page.waitForFunction(() => document.querySelector(".share .copy-status").textContent.includes("Markdown copied"));
  eq(await p.page.$eval(".findings-section", (e) => e.getBoundingClientRect().top), findingsTop, "the findings' position after a copy");
  const md = await p.page.evaluate(() => navigator.clipboard.readText());
  const headline = (await p.page.textContent(".verdict-headline")).trim();
  const title = md.split("\n")[0];
  const plain = (s) => s.replace(/[`\\\u200b]/g, "");
  assert(title.startsWith("## ") && plain(title).includes(plain(headline).slice(0, 30)), `title ${title} for ${headline}`);
  assert(!md.includes("action_required"), "an internal value in the Markdown");
  assert(!/[a-z]\\_[a-z]/.test(md), "an identifier escaped with backslashes instead of backticks");
  assert(md.includes("**Share link:** <" + link + ">"), "the share link");
  assert(/<details><summary>[^<]+<\/summary>\n\n`{3,}\n/.test(md) && md.includes("</details>"), "the folded payload");
  const rows = await p.page.$$eval(".scope-row", (r) => r.map((x) => x.dataset.permission));
  for (const permission of rows) assert(md.includes(`| \`${permission}\` |`), `${permission} missing from the table`);
  await finish(p);
});

/** The contrast ratio of two CSS colours (rgb()/rgba(), alpha over `under`). */
function contrastOf(fg, bg) {
  const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const [br, bgr, bb] = parse(bg);
  const [r, g, b, a = 1] = parse(fg);
  const mix = [r * a + br * (1 - a), g * a + bgr * (1 - a), b * a + bb * (1 - a)];
  const lum = ([x, y, z]) => {
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(x) + 0.7152 * lin(y) + 0.0722 * lin(z);
  };
  const [l1, l2] = [lum(mix), lum([br, bgr, bb])].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`answer: on a desktop (${colorScheme}) the input stays in view while the results scroll, its controls on one row`, async () => {
    const p = await open("", { now: NOW, viewport: DESKTOP, colorScheme });
    await paste(p.page, fixture("debug_token/system_user_missing_management.json"));
    await p.page.waitForSelector(".payload-table");
    const tops = await p.page.$$eval(".input-tools select.sl-example, .input-tools select.sl-kind, .input-tools .file-pick, .input-tools button.sl-clear", (els) =>
      els.map((e) => Math.round(e.getBoundingClientRect().top)));
    eq(tops.length, 4, "the input's controls");
    eq(new Set(tops).size, 1, `the controls' tops ${tops}`);
    const scrolled = await p.page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return window.scrollY;
    });
    assert(scrolled > 300, `the results are only ${scrolled}px longer than the window`);
    const box = await p.page.$eval(".input-box", (e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight };
    });
    assert(box.top >= 0 && box.bottom <= box.height, `the input after scrolling ${scrolled}px: ${JSON.stringify(box)}`);
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page is ${overflow}px wider than the window`);
    await finish(p);
  });
}

for (const [size, viewport, colorScheme] of LOOKS) {
  test(`answer: choosing a finding marks the field it is about (${size}, ${colorScheme}), by click and by keyboard`, async () => {
    const p = await open("", { now: NOW, viewport, colorScheme });
    const marked = () => p.page.$$eval(".payload [aria-current=true]", (rows) => rows.map((r) => r.dataset.about));
    await paste(p.page, fixture("debug_token/expired_463.json"));
    await p.page.waitForSelector(".payload-table");
    eq(JSON.stringify(await marked()), "[]", "marked before a choice");
    // A click on the finding's text chooses it.
    const expired = p.page.locator('.finding[data-about="field:expires_at"]').first();
    await expired.locator(".explanation").click();
    eq(JSON.stringify(await marked()), JSON.stringify(["field:expires_at"]), "marked after choosing the expiry");
    eq(await expired.getAttribute("aria-current"), "true", "the chosen finding");
    eq(await expired.locator(".finding-point").getAttribute("aria-pressed"), "true", "the chosen finding's button");
    // The marked row stands out from the others, and its text stays readable.
    const look = await p.page.evaluate(() => {
      const row = document.querySelector('.payload tr[aria-current=true] > td');
      const other = document.querySelector('.payload tr:not([aria-current]) > td');
      return { bg: getComputedStyle(row).backgroundColor, other: getComputedStyle(other).backgroundColor, fg: getComputedStyle(row).color, page: getComputedStyle(document.body).backgroundColor };
    });
    assert(look.bg !== look.other, `the marked row's background ${look.bg} is the others' ${look.other}`);
    const ratio = contrastOf(look.fg, look.bg);
    assert(ratio >= 4.5, `the marked row's text contrast ${ratio.toFixed(2)}`);
    // The marked row is in view.
    const row = await p.page.$eval(".payload tr[aria-current=true]", (e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight };
    });
    assert(row.top >= 0 && row.bottom <= row.height, `the marked row is out of view: ${JSON.stringify(row)}`);
    // By keyboard: Tab to another finding's button, Enter; Space again unmarks.
    const other = p.page.locator('.finding[data-about]:not([data-about="field:expires_at"]) .finding-point').first();
    const about = await other.evaluate((b) => b.closest(".finding").dataset.about);
    await other.focus();
    await p.page.keyboard.press("Enter");
    eq(JSON.stringify(await marked()), JSON.stringify([about]), "marked after Enter on another finding");
    eq(await expired.getAttribute("aria-current"), null, "the first finding after choosing another");
    await other.focus();
    await p.page.keyboard.press("Space");
    eq(JSON.stringify(await marked()), "[]", "marked after choosing the same finding again");
    // A declined permission marks its entry in the /me/permissions table.
    await paste(p.page, fixture("permissions/seed_one_declined.json"));
    await p.page.waitForSelector(".payload-table");
    const declined = p.page.locator('.finding[data-id="permission.declined"] .finding-point').first();
    const entry = await declined.evaluate((b) => b.closest(".finding").dataset.about);
    assert(entry.startsWith("permission:"), `the declined finding points at ${entry}`);
    await declined.click();
    eq(JSON.stringify(await marked()), JSON.stringify([entry]), "marked after choosing the declined permission");
    eq(await p.page.$eval(".payload tr[aria-current=true]", (r) => "permission:" + r.dataset.permission), entry, "the row of that permission");
    // A new paste forgets the choice.
    await paste(p.page, fixture("graph_error/perm_200_requires_messaging.json"));
    await p.page.waitForSelector('.payload tr[data-about="field:code"]');
    eq(JSON.stringify(await marked()), "[]", "marked after a new paste");
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page is ${overflow}px wider than the window`);
    await finish(p);
  });
}
