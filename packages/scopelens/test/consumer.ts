// A TypeScript program using the installed package; `tsc --noEmit` must
// accept it with strict settings (types.test.mjs).
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
import type {
  Diagnosis,
  DiagnoseOptions,
  Finding,
  Severity,
  Verdict,
  InputKind,
  TriageOptions,
  TriageReport,
  GroupReport,
  Explanation,
  EndpointMatch,
  Redacted,
} from "scopelens";

const options: DiagnoseOptions = { intents: ["send_messages"], waba: "1", appId: "2", now: 0, kind: "graph_error" };
const d: Diagnosis = diagnose('{"error":{"code":190}}', options);
const verdict: Verdict = d.verdict;
const kind: InputKind = d.input.kind;
const top: Finding | undefined = d.findings[0];
const severity: Severity | undefined = top?.severity;
const code: number | undefined = top?.code;
const blocked: boolean = verdict === "action_required" || verdict === "invalid_input";
if (d.payload?.kind === "graph_error") {
  const subcode: number | null = d.payload.error_subcode;
  console.log(subcode);
}

const withoutOptions: Diagnosis = diagnose("{}");
const e: Explanation = explain("190/463");
const title: string | undefined = e.entry?.title;
const e2: Explanation = explain(190, 463);
const found: EndpointMatch = endpoint("POST /v24.0/1/messages");
const needs: string[] = found.candidates.flatMap((c) => c.permissions);
const clean: Redacted = redact("EAA...");
const link: string = shareLink("{}", "https://scopelens.example/", { now: 0 });
const plainLink: string = shareLink("{}", "https://scopelens.example/");
const again: Diagnosis = openLink(link);

async function logs(lines: AsyncIterable<string>): Promise<number> {
  const opts: TriageOptions = { by: ["code", "day"] };
  const report: TriageReport = await triage(lines, opts);
  const first: GroupReport | undefined = report.groups[0];
  return (first?.count ?? 0) + report.total_errors;
}

const reader = new LogTriage({ by: ["phone"] });
reader.push(new Uint8Array([10]));
const direct: TriageReport = reader.finish();
const byCode = new LogTriage();

console.log(kind, severity, code, blocked, title, e2, needs, clean.count, again.verdict, logs, direct.lines,
  withoutOptions.verdict, plainLink, byCode);
