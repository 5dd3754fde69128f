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

// A fixed seed by default, so a failure can be replayed; SCOPELENS_SEED picks another.
const SEED = Number(process.env.SCOPELENS_SEED ?? 20261203);

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What people paste is often cut short or wrapped in other text: each
// fixture, cut at a random point and with random text around it, read from
// standard input, still gets the same diagnosis from both.
test("every fixture cut short and wrapped in other text is diagnosed as the Rust CLI does", () => {
  const next = random(SEED);
  const noise = ["", "ERROR send failed: ", "> ", "  ", "response: ", "\u00a0", "\n\n"];
  const pick = (items) => items[Math.floor(next() * items.length)];
  const mismatches = [];
  for (const fixture of manifest()) {
    const whole = readLikeTheCli(join(FIXTURES, fixture.file));
    const chars = [...whole];
    const cut = chars.slice(0, Math.ceil(next() * chars.length)).join("");
    const text = `${pick(noise)}${cut}${pick(noise)}`;
    const cli = rust(["diagnose", "--format", "json", ...contextArgs(fixture.context)], text);
    const fromPackage = diagnose(text, contextOptions(fixture.context));
    try {
      assert.deepStrictEqual(fromPackage, JSON.parse(cli.stdout));
    } catch (error) {
      mismatches.push(`${fixture.file} cut to ${cut.length} characters (seed ${SEED}): ${error.message.split("\n").slice(0, 12).join("\n")}`);
    }
  }
  assert.deepEqual(mismatches, [], mismatches.join("\n\n"));
});
