// The installed package's TypeScript declarations: a sample consumer
// type-checks with strict settings, and typical mistakes are caught.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import test from "node:test";
import { TSC } from "./helpers.mjs";

function tsc(file, module = "nodenext") {
  const config = `tsconfig.${file.replace(/\W/g, "_")}.json`;
  writeFileSync(config, JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "es2022",
      lib: ["es2022", "dom", "esnext.disposable"],
      module,
      moduleResolution: module,
      skipLibCheck: false,
      types: [],
    },
    files: [file],
  }));
  const result = spawnSync(process.execPath, [TSC, "-p", config], { encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, output: result.stdout + result.stderr };
}

test("a TypeScript consumer type-checks against the installed declarations", { skip: !TSC }, () => {
  const { status, output } = tsc("test/consumer.ts");
  assert.equal(status, 0, output);
});

// `node16`: Node 18's rules, under which CommonJS cannot require an ES
// module (`nodenext` now lets it, so it would accept the ES module's
// declarations for a `require` too).
test("a CommonJS TypeScript consumer type-checks against the declarations require() resolves to", { skip: !TSC }, () => {
  const { status, output } = tsc("test/consumer_require.cts", "node16");
  assert.equal(status, 0, output);
});

test("the declarations reject a wrong verdict, intent, option name, field type and code type", { skip: !TSC }, () => {
  const { status, output } = tsc("test/consumer_mistakes.ts");
  assert.notEqual(status, 0);
  const lines = readFileSync("test/consumer_mistakes.ts", "utf8").split("\n");
  const expected = lines.flatMap((line, i) => (line.includes("// MISTAKE") ? [i + 1] : []));
  const reported = [...new Set([...output.matchAll(/consumer_mistakes\.ts\((\d+),/g)].map((m) => Number(m[1])))];
  assert.deepEqual(reported.sort((a, b) => a - b), expected, output);
});
