// The declarations for `require("scopelens")`: the ES module entry's
// (`index.d.ts`), read from it so that the two cannot differ. Node 18
// cannot require an ES module, so each reference says it reads the file as
// one (`resolution-mode`).
type Entry = typeof import("./index.js", { with: { "resolution-mode": "import" } });

export declare const diagnose: Entry["diagnose"];
export declare const explain: Entry["explain"];
export declare const endpoint: Entry["endpoint"];
export declare const redact: Entry["redact"];
export declare const shareLink: Entry["shareLink"];
export declare const openLink: Entry["openLink"];
export declare const triage: Entry["triage"];
export declare const LogTriage: Entry["LogTriage"];
export type LogTriage = import("./index.js", { with: { "resolution-mode": "import" } }).LogTriage;
export type * from "./index.js" with { "resolution-mode": "import" };
