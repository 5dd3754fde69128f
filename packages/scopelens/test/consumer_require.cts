// A CommonJS TypeScript program using the installed package: `tsc` compiles
// its imports to `require("scopelens")`, which resolves to the package's
// `require` entry and its declarations (`index.d.cts`); types.test.mjs
// type-checks it with strict settings.
import {
  diagnose,
  explain,
  endpoint,
  redact,
  shareLink,
  openLink,
  triage,
  LogTriage,
} from "scopelens";
import type { Diagnosis, Verdict, Explanation, EndpointMatch, Redacted, TriageReport } from "scopelens";
import scopelens = require("scopelens");

const d: Diagnosis = diagnose('{"error":{"code":190}}', { intents: ["send_messages"], now: 0 });
const verdict: Verdict = d.verdict;
const e: Explanation = explain(190, 463);
const found: EndpointMatch = endpoint("POST /v24.0/1/messages");
const clean: Redacted = redact("EAA...");
const again: Diagnosis = openLink(shareLink("{}", "https://scopelens.example/", { now: 0 }));
const reader: LogTriage = new LogTriage({ by: ["code"] });
reader.push("\n");
const direct: TriageReport = reader.finish();
const later: Promise<TriageReport> = triage(["\n"], { by: ["day"] });
const same: typeof diagnose = scopelens.diagnose;

console.log(verdict, e.known, found.candidates.length, clean.count, again.verdict, direct.lines, later, same);
