// The package's diagnosis of every fixture in the corpus is the JSON the
// Rust CLI prints for it, as of the same moment.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import { diagnose } from "scopelens";
import { contextArgs, contextOptions, FIXTURES, manifest, rust } from "./helpers.mjs";

// What the CLI reads of a file: at most 5 MiB and one byte, invalid UTF-8 replaced.
function readLikeTheCli(path) {
  return new TextDecoder().decode(readFileSync(path).subarray(0, 5 * 1024 * 1024 + 1));
}

test("every fixture's diagnosis equals the Rust CLI's JSON and its exit status", () => {
  const fixtures = manifest();
  const mismatches = [];
  for (const fixture of fixtures) {
    const path = join(FIXTURES, fixture.file);
    const cli = rust(["diagnose", path, "--format", "json", ...contextArgs(fixture.context)]);
    const fromCli = JSON.parse(cli.stdout);
    const fromPackage = diagnose(readLikeTheCli(path), contextOptions(fixture.context));
    try {
      assert.deepStrictEqual(fromPackage, fromCli);
    } catch (error) {
      mismatches.push(`${fixture.file}: ${error.message.split("\n").slice(0, 12).join("\n")}`);
      continue;
    }
    const status = { ok: 0, warning: 0, action_required: 1, invalid_input: 2 }[fromPackage.verdict];
    if (cli.status !== status) {
      mismatches.push(`${fixture.file}: the CLI exited ${cli.status} for the verdict ${fromPackage.verdict}`);
    }
  }
  assert.ok(fixtures.length >= 200, `only ${fixtures.length} fixtures in the manifest`);
  assert.deepEqual(mismatches, [], mismatches.join("\n\n"));
});
