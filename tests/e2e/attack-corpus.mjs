// The hostile-input corpus for the browser attack tests (attacks.test.mjs,
// book-attacks.mjs) and the places those inputs go.
//
// - `ATTACKS`: at least 200 attack strings, mostly generated: script and
//   style injection, event-handler attributes, javascript:/data:/vbscript:
//   URLs, SVG and MathML payloads, broken and nested markup, template
//   strings, Unicode direction overrides, zero-width and look-alike
//   characters, megabyte-long lines, 10 000-level JSON, huge numbers, NUL
//   bytes and lone surrogates. Every payload that could run script tries to
//   set `window.__pwned = 1` (the canary the harness checks).
//   Each attack is `{ id, cat, text, json? }`: `text` is what is pasted where
//   text goes; `json`, when present, is raw JSON put in place of a JSON value
//   (a nested structure, a huge number, a string literal with escapes) —
//   otherwise JSON places get `JSON.stringify(text)`.
// - `PLACES`: every field of every input kind, built from the real fixtures
//   in tests/fixtures/: `place.make(attack)` gives the text to paste.
// - `shareFragment(state)`: a `v1=` share-link fragment made the way the app
//   makes them (base64url(zlib(JSON))), for links carrying attacks.
// - `allowedHref(href)`: whether a rendered link is one scopelens may show.
// - `SECRET_FORMS`: tokens and secrets in every form people
//   paste them, for secrets.test.mjs and book-attacks.mjs.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync, inflateSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixture = (path) => readFileSync(join(ROOT, "tests", "fixtures", path), "utf8");

// The canary statement every script payload runs.
export const PWN = "window.__pwned=1";

// ---------------------------------------------------------------------------
// Attack strings

const attacks = [];
const seen = new Set();
function add(cat, text, json) {
  const key = json === undefined ? text : `json:${json}`;
  if (seen.has(key)) return;
  seen.add(key);
  attacks.push({ id: `${cat}-${attacks.filter((a) => a.cat === cat).length + 1}`, cat, text, json });
}

// 1. Script and style injection, including breaking out of likely contexts.
const breakouts = ["", '">', "'>", "</textarea>", "</title>", "</pre>", "</code>", "</style>", "</script>", "-->", "]]>", "</td></tr></table>", "</noscript>", "</option></select>"];
for (const b of breakouts) add("script", `${b}<script>${PWN}</script>`);
add("script", `<SCRIPT>${PWN}</SCRIPT>`);
add("script", `<script type="module">${PWN}</script>`);
add("script", `<script src="data:text/javascript,${PWN}"></script>`);
add("script", `<script src=//evil.example/x.js></script>`);
add("script", `<scr<script>ipt>${PWN}</scr</script>ipt>`);
add("script", `<script>/*</script><script>*/${PWN}</script>`);
add("script", `<script\x00>${PWN}</script>`);
add("script", `<script\n>${PWN}</script\n>`);
add("script", `<script>${PWN}`); // unterminated
add("style", `<style>body{display:none}</style>`);
add("style", `</style><style>*{background:url("javascript:${PWN}")}</style>`);
add("style", `<style>@import url(//evil.example/x.css);</style>`);
add("style", `<link rel=stylesheet href=//evil.example/x.css>`);
add("style", `<div style="background:url(javascript:${PWN})">x</div>`);
add("style", `<p style="x:expression(${PWN})">x</p>`);
add("style", `<style>@keyframes x{}</style><b style="animation-name:x" onanimationstart="${PWN}">x</b>`);
add("style", `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'"><script>${PWN}</script>`);
add("style", `<meta http-equiv="refresh" content="0;url=javascript:${PWN}">`);
add("style", `<base href="javascript:${PWN}//">`);
add("style", `<base href="//evil.example/">`);

// 2. Event-handler attributes on many elements (generated).
const handlerTags = [
  ["img", "src=x onerror"],
  ["img", "src=data:image/gif;base64,R0lGODlhAQABAAAAACw= onload"],
  ["svg", "onload"],
  ["body", "onload"],
  ["body", "onpageshow"],
  ["iframe", "onload"],
  ["iframe", "src=x onerror"],
  ["video", "src=x onerror"],
  ["audio", "src=x onerror"],
  ["video", "><source onerror"],
  ["input", "autofocus onfocus"],
  ["select", "autofocus onfocus"],
  ["textarea", "autofocus onfocus"],
  ["details", "open ontoggle"],
  ["marquee", "onstart"],
  ["object", "data=x onerror"],
  ["embed", "src=x onerror"],
  ["a", "href=# onclick"],
  ["div", "onmouseover"],
  ["div", "tabindex=0 autofocus onfocusin"],
  ["link", "rel=preload as=image href=x onerror"],
  ["form", "><button formaction=javascript:" ],
  ["math", "onclick"],
  ["xss", "contenteditable onbeforeinput"],
  ["body", "onhashchange"],
  ["frameset", "onload"],
  ["table", "background=x onerror"],
  ["image", "src=x onerror"],
];
const quoteStyles = [(js) => `"${js}"`, (js) => `'${js}'`, (js) => js, (js) => `\`${js}\``];
for (const [tag, attr] of handlerTags) {
  for (let q = 0; q < quoteStyles.length; q++) {
    // All quote styles for the common ones, one for the rest.
    if (q > 0 && !["img", "svg", "input", "details"].includes(tag)) continue;
    add("handler", `<${tag} ${attr}=${quoteStyles[q](PWN)}>`);
  }
}
add("handler", `<img src=x onerror=${PWN}//`);
add("handler", `<img/src=x/onerror=${PWN}>`);
add("handler", `<img src=x onerror\n=\n${PWN}>`);
add("handler", `<img src=x OnErRoR=${PWN}>`);
add("handler", `<img src=x onerror=&#119;indow.__pwned=1>`);
add("handler", `<img src=x onerror="eval(atob('${Buffer.from(PWN).toString("base64")}'))">`);
add("handler", `<img src=x onerror="window['__pw'+'ned']=1">`);
add("handler", `<img src="x` + "`" + `<script>${PWN}</script>">`);
add("handler", `" onmouseover="${PWN}" x="`);
add("handler", `' onfocus='${PWN}' autofocus x='`);
add("handler", `" autofocus onfocus=${PWN} "`);
add("handler", `<svg><animate onbegin=${PWN} attributeName=x dur=1s>`);
add("handler", `<svg><set onbegin=${PWN} attributeName=x to=1>`);

// 3. URLs with dangerous schemes, and links that only look like Meta's.
const jsUrls = [
  `javascript:${PWN}`,
  `JaVaScRiPt:${PWN}`,
  `java\tscript:${PWN}`,
  `java\nscript:${PWN}`,
  ` \x01javascript:${PWN}`,
  `&#106;avascript:${PWN}`,
  `&#x6A;avascript:${PWN}`,
  `javascript&colon;${PWN}`,
  `javascript://%0a${PWN}`,
  `javascript://developers.facebook.com/%0a${PWN}`,
  `data:text/html,<script>${PWN}</script>`,
  `data:text/html;base64,${Buffer.from(`<script>${PWN}</script>`).toString("base64")}`,
  `data:image/svg+xml,<svg onload="${PWN}"/>`,
  `data:application/javascript,${PWN}`,
  `vbscript:msgbox("pwned")`,
  `VBSCRIPT:Execute("x")`,
  `file:///etc/passwd`,
  `blob:https://developers.facebook.com/0000`,
  `//evil.example/phish`,
  `\\\\evil.example\\share`,
  `https://developers.facebook.com.evil.example/docs/`,
  `https://developers.facebook.com@evil.example/`,
  `https://evil.example/#https://developers.facebook.com/docs/`,
  `https://evil.example/?https://developers.facebook.com/docs/`,
  `https://developers.facebook.com/docs/"><script>${PWN}</script>`,
  `http://developers.facebook.com/docs/`,
  `https://xn--developers-facebook-q5b.example/`,
];
for (const u of jsUrls) {
  add("url", u);
  add("url", `<a href="${u}">Open the docs</a>`);
}
add("url", `[Meta docs](javascript:${PWN})`);
add("url", `![x](javascript:${PWN})`);
add("url", `<iframe src="javascript:${PWN}"></iframe>`);
add("url", `<form action="javascript:${PWN}"><input type=submit></form>`);
add("url", `<object data="javascript:${PWN}"></object>`);
add("url", `<embed src="data:text/html,<script>parent.${PWN}</script>">`);
add("url", `<a href="javascript:${PWN}" id=x>x</a><script>x.click()</script>`);

// 4. SVG and MathML.
add("svg", `<svg><script>${PWN}</script></svg>`);
add("svg", `<svg><script href="data:,${PWN}"/></svg>`);
add("svg", `<svg><a xlink:href="javascript:${PWN}"><text x=20 y=20>click</text></a></svg>`);
add("svg", `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${PWN}'/></svg>#x"/></svg>`);
add("svg", `<svg><foreignObject><iframe srcdoc="<script>parent.${PWN}</script>"></iframe></foreignObject></svg>`);
add("svg", `<svg><style>@import 'data:,*{}'</style></svg>`);
add("svg", `<svg><image href=x onerror=${PWN} /></svg>`);
add("svg", `<svg xmlns="http://www.w3.org/2000/svg"><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">${PWN}</handler></svg>`);
add("svg", `<svg/onload=${PWN}>`);
add("svg", `<svg><title><img src=x onerror=${PWN}></title></svg>`);
add("svg", `<svg></p><style><a id="</style><img src=x onerror=${PWN}>">`);
add("math", `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`);
add("math", `<math><mi xlink:href="javascript:${PWN}">x</mi></math>`);
add("math", `<math href="javascript:${PWN}"><mi>x</mi></math>`);
add("math", `<math><maction actiontype="statusline#http://evil.example" xlink:href="javascript:${PWN}">x</maction></math>`);
add("math", `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src=x onerror=${PWN}>"></style></h1>`);
add("math", `<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img src=x onerror=${PWN}>">`);

// 5. Broken and nested markup.
add("markup", `<<img src=x onerror=${PWN}>>`);
add("markup", `<img """><script>${PWN}</script>">`);
add("markup", `<!--><img src=x onerror=${PWN}>-->`);
add("markup", `<!-- --!><img src=x onerror=${PWN}>-->`);
add("markup", `<![CDATA[><img src=x onerror=${PWN}>]]>`);
add("markup", `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`);
add("markup", `<template><img src=x onerror=${PWN}></template>`);
add("markup", `<xmp><img src=x onerror=${PWN}></xmp>`);
add("markup", `<iframe srcdoc="&lt;script&gt;parent.${PWN}&lt;/script&gt;"></iframe>`);
add("markup", `<isindex type=image src=1 onerror=${PWN}>`);
add("markup", `<!--`);
add("markup", `</div></div></main></body></html><script>${PWN}</script>`);
add("markup", `<div>`.repeat(5000) + `<img src=x onerror=${PWN}>`);
add("markup", `<b><i><u>`.repeat(3000));
add("markup", `<a href="`.repeat(2000));
add("markup", `<p title='<img src=x onerror=${PWN}>'>`);
add("markup", `&lt;img src=x onerror=${PWN}&gt;`);
add("markup", `&#60;script&#62;${PWN}&#60;/script&#62;`);
add("markup", `\x3cscript\x3e${PWN}\x3c/script\x3e`);
add("markup", `<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">${PWN}</x:script>`);
add("markup", `<plaintext><img src=x onerror=${PWN}>`);
add("markup", `<table><tr><td><img src=x onerror=${PWN}></table>`);
add("markup", `<select><option><img src=x onerror=${PWN}></option></select>`);
add("markup", `<dialog open><form method=dialog><button autofocus onfocus=${PWN}>x</button></form></dialog>`);
add("markup", `<portal src=javascript:${PWN}></portal>`);
add("markup", `<slot name="</slot><img src=x onerror=${PWN}>">`);
// Raw JSON string literals whose escapes decode to markup.
add("markup", `\\u003cimg src=x onerror=${PWN}\\u003e`, `"\\u003cimg src=x onerror=${PWN}\\u003e"`);
add("markup", `\\u003cscript\\u003e${PWN}\\u003c/script\\u003e`, `"\\u003cscript\\u003e${PWN}\\u003c/script\\u003e"`);

// 6. Template-ish strings: must come out literally.
const templates = [
  `{{constructor.constructor('${PWN}')()}}`,
  `{{7*7}}`,
  `{{{html}}}`,
  `\${${PWN}}`,
  `\`\${${PWN}}\``,
  `#{${PWN}}`,
  `<%= ${PWN} %>`,
  `{% raw %}{{${PWN}}}{% endraw %}`,
  `[[\${${PWN}}]]`,
  `@{${PWN}}`,
  `$(${PWN})`,
  `{0}{1}{2}%s%s%s%n%n`,
  `{{__proto__.polluted}}`,
  `{{$on.constructor('${PWN}')()}}`,
  `<div v-html="'<img src=x onerror=${PWN}>'"></div>`,
  `<x ng-app>{{constructor.constructor('${PWN}')()}}</x>`,
  `[REDACTED]`,
  `[REDACTED]`.repeat(1000),
  `=HYPERLINK("https://evil.example","click")`,
  `'; DROP TABLE tokens; --`,
  `" OR 1=1 --`,
  `../../../../etc/passwd`,
  `%00%0d%0aSet-Cookie: pwned=1`,
  `\r\nSet-Cookie: pwned=1\r\n`,
  `{"__proto__": {"polluted": 1}}`,
  `\u001b[31mred\u001b[0m\u0007\b\b\b`,
  `\`\`\`\n</details><script>${PWN}</script>\n\`\`\``,
  `](javascript:${PWN}) [x](`,
  `| a | b |\n|---|---|\n| <script>${PWN}</script> | x |`,
];
for (const t of templates) add("template", t);
add("template", `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}`, `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}`);

// 7. Unicode: direction overrides, zero-width and look-alike characters.
const bidi = ["\u202E", "\u202D", "\u202A", "\u202B", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"];
for (const c of bidi) add("unicode", `${c}graph.facebook.com/v24.0/debug_token${c}`);
add("unicode", `https://developers.facebook.com/\u202Emoc.elpmaxe-live//:sptth`);
add("unicode", `\u202E<script>${PWN}</script>`);
add("unicode", `EAA\u202E${"x".repeat(40)}`);
const zw = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E", "\u034F"];
for (const c of zw) add("unicode", `graph.face${c}book.com`);
add("unicode", `<scr\u200Bipt>${PWN}</scr\u200Bipt>`);
add("unicode", `java\u200Bscript:${PWN}`);
add("unicode", "\u200B".repeat(10000));
// Look-alikes: Cyrillic and Greek letters inside Meta's host names.
add("unicode", "graph.f\u0430cebook.com"); // Cyrillic а
add("unicode", "graph.faceb\u043E\u043Ek.com"); // Cyrillic оо
add("unicode", "https://developers.f\u0430cebook.com/docs/graph-api/");
add("unicode", "https://develоpers.facebook.com/docs/"); // Cyrillic о
add("unicode", "https://www.wh\u0430tsapp.com/");
add("unicode", "https://g\u0456thub.com/"); // Cyrillic і
add("unicode", "https://graph.facebook.com\u2044v24.0\u2044me"); // fraction slash
add("unicode", "https://graph.facebook.com\u2215v24.0"); // division slash
add("unicode", "ＥＡＡ" + "Ｇ".repeat(50)); // fullwidth
add("unicode", "＜script＞window.__pwned=1＜/script＞");
add("unicode", "\u0395\u0391\u0391" + "x".repeat(60)); // Greek ΕΑΑ
add("unicode", "\u0415\u0410\u0410" + "x".repeat(60)); // Cyrillic ЕАА
add("unicode", "Z\u0335\u0321\u031B\u0358".repeat(2000)); // combining marks
add("unicode", "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD 你好 😀👩‍👩‍👧‍👦🏳️‍🌈");
add("unicode", "\u2028\u2029</script><script>" + PWN + "</script>");
add("unicode", "\uFFFF\uFFFE\uE000\u{10FFFF}\u{E0041}\u{1F4A9}");
add("unicode", "\u0085\u009B\u009C\u001F\u007F");
add("unicode", "a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309".repeat(500));

// 8. NUL bytes and lone surrogates (raw in text, escaped in JSON).
add("bytes", "\u0000");
add("bytes", `a\u0000b\u0000<script>${PWN}</script>`);
add("bytes", "\u0000".repeat(10000));
add("bytes", "\ud800");
add("bytes", "\udc00\ud800");
add("bytes", `x\ud83d<img src=x onerror=${PWN}>`);
add("bytes", "\\ud800", `"\\ud800"`);
add("bytes", "\\udc00\\ud800x", `"\\udc00\\ud800x"`);
add("bytes", "\\ud83d\\ude00", `"\\ud83d\\ude00"`);
add("bytes", "\\u0000\\u0000", `"\\u0000\\u0000"`);
add("bytes", "\\uZZZZ", `"\\uZZZZ"`); // invalid escape: broken JSON
add("bytes", "\\", `"\\"`); // unterminated string
add("bytes", "\x7f\x80\xff\xfe");

// 9. Sizes, nesting and numbers.
const MB = 1024 * 1024;
add("size", "A".repeat(MB));
add("size", `<img src=x onerror=${PWN}>`.repeat(Math.ceil(MB / 34)));
add("size", "x".repeat(100_000));
add("size", ("word ".repeat(20) + "\n").repeat(2000));
const nestArr = "[".repeat(10_000) + "]".repeat(10_000);
const nestObj = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
const nestErr = '{"error":'.repeat(10_000) + '{"code":190}' + "}".repeat(10_000);
add("nesting", nestArr, nestArr);
add("nesting", nestObj, nestObj);
add("nesting", nestErr, nestErr);
add("nesting", "[".repeat(100_000), "[".repeat(100_000)); // unclosed
add("nesting", "{".repeat(50_000) + '"'.repeat(50_000));
const manyKeys = "{" + Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(",") + "}";
add("nesting", manyKeys, manyKeys);
const dupKeys = "{" + Array.from({ length: 5_000 }, () => `"code":190`).join(",") + "}";
add("nesting", dupKeys, dupKeys);
const numbers = [
  "1e400", "-1e400", "1E+999999999", "123456789012345678901234567890", "-123456789012345678901234567890",
  "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
  "0.0000000000000000000000000001", "-0", "4294967296", "2147483648", "1" + "0".repeat(5000),
];
for (const n of numbers) add("number", n, n);
for (const n of ["NaN", "Infinity", "-Infinity", "0x10", "1_000", "+1", ".5", "01"]) add("number", n, n); // not JSON
add("number", "1e400", `"1e400"`);
add("number", "190/463", `"190/463"`);

export const ATTACKS = attacks;
if (ATTACKS.length < 200) throw new Error(`attack corpus has only ${ATTACKS.length} strings`);

/** Whether an attack carries something that could run script. */
export const isScripty = (a) => (a.text ?? "").includes("__pwned") || (a.json ?? "").includes("__pwned");

// ---------------------------------------------------------------------------
// Places: every field of every input kind, built from real fixtures.

const HOLE = "__SCOPELENS_ATTACK_HOLE__";

/** Sets `obj` at `path` (array of keys) to the hole marker. */
function setAt(obj, path, value = HOLE) {
  let o = obj;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = value;
}

/** A JSON fixture with one value replaced by the attack (JSON-encoded or raw). */
function jsonPlace(kind, file, path, prepare = () => {}) {
  const obj = JSON.parse(fixture(file));
  prepare(obj);
  setAt(obj, path);
  const pretty = JSON.stringify(obj, null, 2);
  const hole = JSON.stringify(HOLE);
  return {
    name: `${kind}: ${path.join(".")}`,
    kind,
    make: (a) => pretty.replace(hole, () => a.json ?? JSON.stringify(a.text)),
  };
}

/** A text fixture with `marker` replaced by the attack text. */
function textPlace(kind, name, text, marker, encode = (s) => s) {
  if (!text.includes(marker)) throw new Error(`${name}: marker not in fixture`);
  return { name: `${kind}: ${name}`, kind, make: (a) => text.replace(marker, () => encode(a.text ?? a.json)) };
}

/** Python repr of a string, as Python prints it in dict reprs. */
export function pyRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\u" + c.toString(16);
    else out += ch;
  }
  return quote + out + quote;
}

/** A single-quoted JavaScript string literal. */
export function jsLiteral(s) {
  return "'" + JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'";
}

const debugToken = (obj) => {
  obj.data.metadata = { auth_type: "rerequest", sso: "ios" };
  obj.data.issued_at = 1663429551;
  obj.data.error = { code: 190, subcode: 463, message: "Error validating access token: Session has expired" };
  obj.data.scopes.push("business_management");
};
const DT = "debug_token/embedded_signup_user.json";
const GE = "graph_error/error_data_string_100.json";
const WH = "webhook_error/status_failed_131047.json";
const status = ["entry", 0, "changes", 0, "value", "statuses", 0];
const whError = [...status, "errors", 0];

const curl = fixture("messy/curl_i_190_expired.txt");
const sdk = fixture("messy/python_repr_heyoo_131030.txt");
const jsLit = fixture("messy/js_literal_trailing_commas_190.txt");

export const PLACES = [
  // debug_token: every field a person or Meta can put text in.
  jsonPlace("debug_token", DT, ["data", "application"], debugToken),
  jsonPlace("debug_token", DT, ["data", "app_id"], debugToken),
  jsonPlace("debug_token", DT, ["data", "type"], debugToken),
  jsonPlace("debug_token", DT, ["data", "scopes", 3], debugToken),
  jsonPlace("debug_token", DT, ["data", "granular_scopes", 0, "scope"], debugToken),
  jsonPlace("debug_token", DT, ["data", "granular_scopes", 0, "target_ids", 0], debugToken),
  jsonPlace("debug_token", DT, ["data", "metadata"], debugToken),
  jsonPlace("debug_token", DT, ["data", "metadata", "sso"], debugToken),
  jsonPlace("debug_token", DT, ["data", "error", "message"], debugToken),
  jsonPlace("debug_token", DT, ["data", "user_id"], debugToken),
  jsonPlace("debug_token", DT, ["data", "expires_at"], debugToken),
  jsonPlace("debug_token", DT, ["data", "issued_at"], debugToken),
  // Graph API errors.
  jsonPlace("graph_error", GE, ["error", "message"]),
  jsonPlace("graph_error", GE, ["error", "type"]),
  jsonPlace("graph_error", GE, ["error", "error_user_title"]),
  jsonPlace("graph_error", GE, ["error", "error_user_msg"]),
  jsonPlace("graph_error", GE, ["error", "fbtrace_id"]),
  jsonPlace("graph_error", GE, ["error", "error_data"]), // given as a string, as Meta sometimes does
  jsonPlace("graph_error", GE, ["error", "error_data", "details"], (o) => (o.error.error_data = { messaging_product: "whatsapp", details: "x" })),
  jsonPlace("graph_error", GE, ["error", "code"]),
  // WhatsApp webhooks.
  jsonPlace("webhook_error", WH, [...whError, "title"]),
  jsonPlace("webhook_error", WH, [...whError, "message"]),
  jsonPlace("webhook_error", WH, [...whError, "error_data", "details"]),
  jsonPlace("webhook_error", WH, [...whError, "href"]),
  jsonPlace("webhook_error", WH, [...status, "recipient_id"]),
  jsonPlace("webhook_error", WH, ["entry", 0, "changes", 0, "value", "metadata", "phone_number_id"]),
  // /me/permissions.
  jsonPlace("permissions", "permissions/seed_one_declined.json", ["data", 0, "permission"]),
  jsonPlace("permissions", "permissions/seed_one_declined.json", ["data", 1, "status"]),
  // Bare text, alone and inside prose.
  { name: "text: alone", kind: null, make: (a) => a.text ?? a.json },
  { name: "text: in prose", kind: null, make: (a) => `Meta returned this when I called the API:\n${a.text ?? a.json}\nwhat does it mean? code 190` },
  // curl -i output: headers (www-authenticate included) and the JSON body.
  textPlace("graph_error", "curl www-authenticate header", curl, '"Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT. The current time is Tuesday, 22-Nov-22 19:54:40 PST."'),
  textPlace("graph_error", "curl x-fb-debug header", curl, "HykJ93KJW3OeBU7qHnYtm+CdKJysGoEF0XA6Q4ltiwshaTFcvVGW8lKhjhWSxYmR+bjHYJTBfYhfWbITuo3UOQ=="),
  textPlace("graph_error", "curl body message", curl, '"Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT. The current time is Tuesday, 22-Nov-22 19:54:40 PST.","type"', (s) => JSON.stringify(s) + ',"type"'),
  // Python SDK dict repr and a JavaScript literal.
  textPlace("graph_error", "python repr message", sdk, "'(#131030) Recipient phone number not in allowed list'", pyRepr),
  textPlace("graph_error", "js literal message", jsLit, "'(#190) Error validating access token: Session has expired'", jsLiteral),
];

// ---------------------------------------------------------------------------
// Secrets for secrets.test.mjs and book-attacks.mjs: fakes of the real
// shapes (see tests/fixtures/README.md), in every form people paste them.

const USER = fixture("token/bare_eaa.txt").trim(); // EAA… user token
const SYSTEM = "EAAGfake" + "Sy5tEmUs3r".repeat(15); // EAA… system user token, 158 characters
const PAGE = "EAAGfakePg" + "9xQ2rT7mWv".repeat(14);
const APP_ID = "1234567890123456";
const APP_SECRET = fixture("token/app_token.txt").trim().split("|")[1];
const OPAQUE = "ya29.a0AfH6SMBx7Qk-opaque_Token.value42"; // a Bearer value that is not EAA…
const CLIENT_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const PROOF = "c0ffee00" + "ab".repeat(28);
const PASSWORD = "hunter2-correct-horse";
export const SECRETS = { USER, SYSTEM, PAGE, APP_ID, APP_SECRET, OPAQUE, CLIENT_SECRET, PROOF, PASSWORD };

/** A distinctive piece of a secret to search for (a whole token is also a hit). */
export const secretNeedle = (s) => (s.length > 24 ? s.slice(6, 30) : s);

const curlV = fixture("messy/curl_v_debug_token.txt");
const sdkDump = fixture("messy/fb_sdk_request_error_190.txt");
const graphError = fixture("graph_error/oauth_190_session_expired.json");

const IG_TOKEN = "IGQVJ" + "Wb3kZx9Lq2Rt7Yp4Nm8Vc1Hs6Gd0Fa5Ej".repeat(5);
const DATR = "Kp9vZ2xQm4Lr8Tn6Yc3Hw1Bd";
const XS = "42%3Aabc123DEF456ghi%3A2%3A1700000000%3A-1%3A-1";
const VERIFY = "my-verify-token-9f8e7d6c5b4a";
const SIGNATURE = "a3f1c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0";

/** Every form a secret is pasted in: { name, text, secrets }. */
export const SECRET_FORMS = [
  { name: "JSON \\u escape spelling the token's first letter", text: `{"error":{"code":190,"message":"x","type":"OAuthException"},"access_token":"\\u0045${SYSTEM.slice(1)}"}`, secrets: [SYSTEM] },
  { name: "double URL-encoded access_token", text: `GET /v24.0/me?access_token%253D${PAGE}%2526fields%253Did\n${graphError}`, secrets: [PAGE] },
  { name: "HAR queryString name/value pair", text: JSON.stringify({ request: { url: "https://graph.facebook.com/v24.0/me", queryString: [{ name: "access_token", value: USER }] }, response: { status: 400, content: { text: graphError } } }), secrets: [USER] },
  { name: "Instagram token", text: `Authorization: ${IG_TOKEN}\n${graphError}`, secrets: [IG_TOKEN] },
  { name: "Facebook session cookies", text: `Cookie: datr=${DATR}; c_user=100004010107502; xs=${XS}\n${graphError}`, secrets: [DATR, XS] },
  { name: "webhook verify token in the callback URL", text: `GET /webhook?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444 HTTP/1.1\n${graphError}`, secrets: [VERIFY] },
  { name: "X-Hub-Signature-256 header", text: `POST /webhook HTTP/1.1\nX-Hub-Signature-256: sha256=${SIGNATURE}\n\n${graphError}`, secrets: [SIGNATURE] },
  { name: "environment file", text: `META_APP_SECRET=${CLIENT_SECRET}\nWHATSAPP_TOKEN=${SYSTEM}\n${graphError}`, secrets: [CLIENT_SECRET, SYSTEM] },
  { name: "token split by string concatenation", text: `const token = "${SYSTEM.slice(0, 70)}" +\n  "${SYSTEM.slice(70)}";\n${graphError}`, secrets: [SYSTEM.slice(70)] },
  { name: "HTML-escaped JSON", text: `{&quot;access_token&quot;:&quot;${USER}&quot;}\n${graphError}`, secrets: [USER] },
  { name: "zero-width character in the token's prefix", text: `Bearer E\u200bAA${SYSTEM.slice(3)}\n${graphError}`, secrets: [SYSTEM.slice(3)] },
  { name: "bare EAA user token", text: USER, secrets: [USER] },
  { name: "bare EAA system user token", text: SYSTEM, secrets: [SYSTEM] },
  { name: "Bearer token", text: `Bearer ${USER}`, secrets: [USER] },
  { name: "Authorization header", text: `Authorization: Bearer ${SYSTEM}`, secrets: [SYSTEM] },
  { name: "Authorization header, opaque value", text: `Authorization: Bearer ${OPAQUE}\n${graphError}`, secrets: [OPAQUE] },
  { name: "app token APPID|SECRET", text: `${APP_ID}|${APP_SECRET}`, secrets: [APP_SECRET] },
  { name: "access_token= in a URL", text: `https://graph.facebook.com/v24.0/me/accounts?access_token=${PAGE}&fields=id,name\n${graphError}`, secrets: [PAGE] },
  { name: "input_token= and app token in a debug_token URL", text: `GET https://graph.facebook.com/debug_token?input_token=${USER}&access_token=${APP_ID}|${APP_SECRET}`, secrets: [USER, APP_SECRET] },
  { name: "OAuth exchange URL", text: `https://graph.facebook.com/v24.0/oauth/access_token?grant_type=fb_exchange_token&client_id=${APP_ID}&client_secret=${CLIENT_SECRET}&fb_exchange_token=${USER}`, secrets: [CLIENT_SECRET, USER] },
  { name: "appsecret_proof", text: `POST /v24.0/123/messages?appsecret_proof=${PROOF}&access_token=${SYSTEM}`, secrets: [PROOF, SYSTEM] },
  { name: "curl -v output", text: curlV, secrets: [curlV.match(/Bearer (EAA\w+)/)[1], curlV.match(/input_token=(EAA\w+)/)[1]] },
  { name: "curl -G --data-urlencode", text: `curl -G https://graph.facebook.com/v24.0/me --data-urlencode "access_token=${PAGE}"\n${graphError}`, secrets: [PAGE] },
  { name: "Python SDK dump", text: sdkDump.replace("Params:  {'fields': 'name,status'}", `Params:  {'fields': 'name,status', 'access_token': '${SYSTEM}'}`), secrets: [SYSTEM] },
  { name: "Python repr dict", text: `{'access_token': '${USER}', 'error': {'code': 190, 'error_subcode': 463, 'message': 'Session has expired'}}`, secrets: [USER] },
  { name: "JavaScript literal", text: `const cfg = { accessToken: '${SYSTEM}', app_secret: "${APP_SECRET}" };\n${graphError}`, secrets: [SYSTEM, APP_SECRET] },
  { name: "JSON field access_token", text: JSON.stringify({ access_token: USER, token_type: "bearer", expires_in: 5183944 }), secrets: [USER] },
  { name: "JSON field inside an error", text: JSON.stringify({ error: { code: 190, message: `Invalid OAuth access token - Cannot parse access token ${USER}`, type: "OAuthException" } }), secrets: [USER] },
  { name: "JSON field client_secret", text: JSON.stringify({ client_id: APP_ID, client_secret: CLIENT_SECRET, error: { code: 101, message: "Error validating application" } }), secrets: [CLIENT_SECRET] },
  { name: "token in a webhook error message", text: JSON.stringify([{ code: 190, title: "Invalid token", message: `token ${PAGE} is invalid`, href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" }]), secrets: [PAGE] },
  { name: "password= in a log line", text: `2025-10-10T09:00:00Z login user=admin password=${PASSWORD}\n${graphError}`, secrets: [PASSWORD] },
  { name: "token in a debug_token response", text: JSON.stringify({ data: { app_id: APP_ID, type: "USER", application: USER, is_valid: true, scopes: ["email"], user_id: "1" } }), secrets: [USER] },
  { name: "many tokens in one paste", text: [USER, SYSTEM, PAGE, `Bearer ${OPAQUE}`, `${APP_ID}|${APP_SECRET}`].join("\n"), secrets: [USER, SYSTEM, PAGE, OPAQUE, APP_SECRET] },
  // Escaped, URL-encoded, camelCase and HTTP Basic forms.
  { name: "token after an escaped newline in a JSON string", text: `{"log":"request failed:\\n${USER}\\n","error":{"code":190,"message":"Invalid OAuth access token"}}`, secrets: [USER] },
  { name: "URL-encoded access_token", text: `GET /cb?redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Faccess_token%3D${PAGE}%26state%3D1\n${graphError}`, secrets: [PAGE] },
  { name: "URL-encoded JSON batch body", text: `batch=%5B%7B%22method%22%3A%22GET%22%2C%22access_token%22%3A%22${SYSTEM}%22%7D%5D\n${graphError}`, secrets: [SYSTEM] },
  { name: "camelCase secret names (appSecret, clientSecret)", text: `const cfg = { appSecret: '${APP_SECRET}', clientSecret: "${CLIENT_SECRET}" };\n${graphError}`, secrets: [APP_SECRET, CLIENT_SECRET] },
  { name: "HTTP Basic credentials", text: `> Authorization: Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString("base64")}\n${graphError}`, secrets: [Buffer.from(`${APP_ID}:${APP_SECRET}`).toString("base64")] },
  // curl -u, kebab-case header names, double-escaped JSON, Basic after any authorization name.
  { name: "curl -u and --user user:password", text: `curl -u admin:${PASSWORD} https://graph.facebook.com/v24.0/me\ncurl --user "${APP_ID}:${CLIENT_SECRET}" -X POST https://graph.facebook.com/v24.0/oauth/access_token\n${graphError}`, secrets: [PASSWORD, CLIENT_SECRET] },
  { name: "kebab-case and header-style secret names", text: `> X-Access-Token: ${OPAQUE}\n> client-secret: ${CLIENT_SECRET}\nGET /cb?app-secret=${APP_SECRET}&x=1\n${graphError}`, secrets: [OPAQUE, CLIENT_SECRET, APP_SECRET] },
  { name: "password in a proxy URL", text: `HTTPS_PROXY=http://proxyuser:${PASSWORD}@10.0.0.1:3128\n${graphError}`, secrets: [PASSWORD] },
  { name: "double-escaped JSON (JSON in a string in a string)", text: JSON.stringify({ log: JSON.stringify({ body: JSON.stringify({ client_secret: CLIENT_SECRET, password: PASSWORD, code: 190 }) }) }), secrets: [CLIENT_SECRET, PASSWORD] },
  { name: "Basic after Proxy-Authorization and a double-escaped Authorization", text: `> Proxy-Authorization: Basic ${Buffer.from(`admin:${PASSWORD}`).toString("base64")}\n` + JSON.stringify({ log: JSON.stringify({ req: JSON.stringify({ headers: { Authorization: `Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString("base64")}` } }) }) }), secrets: [Buffer.from(`admin:${PASSWORD}`).toString("base64"), Buffer.from(`${APP_ID}:${APP_SECRET}`).toString("base64")] },
];

// ---------------------------------------------------------------------------
// Share links and links

/**
 * The JSON text a share link (`…#v1=…` or `…#v2=…`) carries, or null when
 * the text holds no share fragment. Every test that opens a link reads it
 * here, so a new format cannot make a check pass by finding nothing.
 */
export function shareLinkText(link) {
  const data = String(link).split(/#?v[12]=/)[1];
  if (data === undefined) return null;
  return inflateSync(Buffer.from(data.replace(/-/g, "+").replace(/_/g, "/"), "base64")).toString("utf8");
}

/** The state a share link carries (see `shareLinkText`); throws when there is none. */
export function decodeLink(link) {
  const text = shareLinkText(link);
  if (text === null) throw new Error(`not a share link: ${String(link).slice(0, 60)}`);
  return JSON.parse(text);
}

/** A hand-made `v1=` fragment (no `#`) for `state`: the older format, which must keep opening. */
export function shareFragment(state) {
  const packed = deflateSync(Buffer.from(JSON.stringify(state), "utf8"));
  return "v1=" + packed.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Every https:// URL literal in the code that renders pages (the knowledge base and the UI). */
export function sourceUrls() {
  const urls = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".rs")) {
        for (const m of readFileSync(path, "utf8").matchAll(/"(https:\/\/[^"\s]+)"/g)) urls.add(m[1]);
      }
    }
  };
  for (const dir of ["crates/scopelens-core/src", "crates/scopelens-ui/src", "site/src", "crates/scopelens-widgets/src"]) {
    try {
      walk(join(ROOT, dir));
    } catch {
      // a crate that does not exist (yet) has no links
    }
  }
  return urls;
}

/** Hosts a knowledge-base link may point at. */
export const KB_HOSTS = new Set([
  "developers.facebook.com",
  "www.facebook.com",
  "business.facebook.com",
  "github.com",
  "gist.github.com",
  "www.whatsapp.com",
  "faq.whatsapp.com",
  "metastatus.com",
]);

/**
 * Whether a rendered `a[href]` is allowed: an https URL written in scopelens's
 * own code (never one taken from the paste) on a knowledge-base host, a
 * same-page anchor, the guide, or a share link of this app.
 */
export function allowedHref(href, known = KNOWN_URLS) {
  // Same-page anchors and views (#main, #diagnose, #error-190-463).
  if (/^#[A-Za-z0-9_.-]*$/.test(href)) return true;
  // The app's share links, from the guide's widgets.
  if (/^(?:\.\.\/)*index\.html#v[12]=[A-Za-z0-9_-]+$/.test(href)) return true;
  // Relative links to the guide or its pages: plain path characters only, no scheme.
  if (/^(?:\.{1,2}\/)*[A-Za-z0-9_-][A-Za-z0-9_./-]*(?:#[A-Za-z0-9_.-]*)?$/.test(href)) return true;
  if (href.startsWith("https://")) {
    let host;
    try {
      host = new URL(href).host;
    } catch {
      return false;
    }
    return KB_HOSTS.has(host) && known.has(href);
  }
  return false;
}
export const KNOWN_URLS = sourceUrls();
