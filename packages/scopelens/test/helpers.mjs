// What the package's tests share: where the Rust CLI and the fixture corpus
// are (set by `cargo xtask npm --test`), and running either command line.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const CLI = process.env.SCOPELENS_CLI;
export const FIXTURES = process.env.SCOPELENS_FIXTURES;
export const TSC = process.env.SCOPELENS_TSC;

if (!CLI || !FIXTURES) {
  throw new Error("run these tests with `cargo xtask npm --test` (SCOPELENS_CLI and SCOPELENS_FIXTURES unset)");
}

export function manifest() {
  return JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")).fixtures;
}

/** The CLI's arguments for a fixture's context. */
export function contextArgs(context) {
  const args = ["--now", String(context.now)];
  for (const intent of context.intents ?? []) args.push("--intent", intent);
  if (context.waba_id) args.push("--waba", context.waba_id);
  if (context.app_id) args.push("--app-id", context.app_id);
  return args;
}

/** The package's options for a fixture's context. */
export function contextOptions(context) {
  const options = { now: context.now, intents: context.intents ?? [] };
  if (context.waba_id) options.waba = context.waba_id;
  if (context.app_id) options.appId = context.app_id;
  return options;
}

function run(command, args, input) {
  const result = spawnSync(command, args, {
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 << 20,
  });
  // A command that refuses its arguments exits without reading its input:
  // writing that input then fails with EPIPE, which is not the command's fault.
  if (result.error && !(result.error.code === "EPIPE" && result.status !== null)) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The Rust CLI. */
export function rust(args, input) {
  return run(CLI, args, input);
}

/**
 * The installed package's command: through npx as a user runs it, or, with
 * SCOPELENS_WITHOUT_NPX set (the run under Node 18, which the machine's npm
 * may not support), its installed `node_modules/.bin/scopelens` run by the
 * Node running these tests.
 */
export function npx(args, input) {
  if (process.env.SCOPELENS_WITHOUT_NPX) {
    return run(process.execPath, [join("node_modules", ".bin", "scopelens"), ...args], input);
  }
  return run("npx", ["--offline", "--no-install", "scopelens", ...args], input);
}
