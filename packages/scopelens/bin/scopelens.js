#!/usr/bin/env node
// `npx scopelens`: the Rust CLI's `diagnose`, `explain`, `endpoint`, `share`,
// `open` and `triage`, with its arguments, output and exit statuses. What is
// printed is rendered by scopelens-core (the same code the Rust CLI prints
// with); this file only reads arguments and files and writes the result.
//
// Exit status: 0 for the verdicts `ok` and `warning`, 1 for
// `action_required`, 2 for `invalid_input` and usage errors; `explain` exits 1
// for a code the catalog does not have, `endpoint` when nothing matches.

import { createReadStream, openSync, readSync, closeSync, readFileSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { shareLink } from "../index.js";
import {
  LogTriage,
  commandDiagnose,
  commandEndpoint,
  commandExplain,
  commandOpen,
} from "../wasm/scopelens.js";

const USAGE_STATUS = 2;
// The most `diagnose` reads (scopelens-core's MAX_INPUT_BYTES), plus one
// byte so the core can tell that the input was longer.
const MAX_INPUT_BYTES = 5 * 1024 * 1024;
const DEFAULT_SHARE_BASE = "http://127.0.0.1:8080/";
const FORMATS = ["text", "json", "markdown"];
const TRIAGE_FORMATS = ["text", "json", "markdown", "csv"];

const HELP = `Diagnose Meta Graph API and WhatsApp Business Platform token, permission and error problems.

Usage: scopelens <COMMAND>

Commands:
  diagnose  Diagnose a pasted payload: debug_token, /me/permissions, a Graph error, a webhook, curl output, a token
  explain   Explain an error code: \`190\`, \`190/463\`, \`100/2388019\`
  endpoint  Which permission an API call needs: \`"POST /v24.0/1234/messages"\`
  share     Print a share link for a payload (secrets removed)
  open      Diagnose what a share link carries
  triage    Count and group the errors in logs: JSON Lines, JSON arrays, webhook dumps, text logs; plain or gzip
  check     (Rust CLI only) Ask the Graph API itself
  recommend (Rust CLI only) Recommend an access path

Options common to diagnose and share:
  --intent <INTENT>  What you want to do (repeatable; default: a production integration)
  --waba <ID>        The WhatsApp Business Account ID being called
  --app-id <ID>      The app ID the token should belong to
  --now <UNIX>       Diagnose as of this time (unix seconds) instead of now
  --kind <KIND>      Force the input kind instead of detecting it
`;

/** A mistake in the command line: reported on standard error with status 2. */
class UsageError extends Error {}

// A reader that has gone (`… | head`) is not a failure worth a word.
process.stdout.on("error", () => {});

const colour = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;

/**
 * Reads `args` against a command's options: `value` options (given once),
 * `list` options (repeatable) and flags; returns the options and the
 * positional arguments.
 */
function parse(args, { value = [], list = [], flags = [] }) {
  const options = {};
  const positional = [];
  for (const name of list) options[name] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      if (arg.startsWith("-") && arg !== "-") {
        throw new UsageError(`unexpected argument '${arg}' found`);
      }
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (flags.includes(name)) {
      options[name] = true;
      continue;
    }
    if (!value.includes(name) && !list.includes(name)) {
      throw new UsageError(`unexpected argument '--${name}' found`);
    }
    let given;
    if (eq !== -1) {
      given = arg.slice(eq + 1);
    } else if (i + 1 < args.length) {
      given = args[++i];
    } else {
      throw new UsageError(`a value is required for '--${name}' but none was supplied`);
    }
    if (list.includes(name)) {
      options[name].push(given);
    } else if (name in options) {
      throw new UsageError(`the argument '--${name}' cannot be used multiple times`);
    } else {
      options[name] = given;
    }
  }
  return { options, positional };
}

function oneOf(name, given, allowed, fallback) {
  if (given === undefined) return fallback;
  if (!allowed.includes(given)) {
    throw new UsageError(
      `invalid value '${given}' for '--${name}' [possible values: ${allowed.join(", ")}]`,
    );
  }
  return given;
}

function positionals(positional, names, min) {
  if (positional.length < min) {
    throw new UsageError(`the required argument <${names[positional.length]}> was not provided`);
  }
  if (positional.length > names.length) {
    throw new UsageError(`unexpected argument '${positional[names.length]}' found`);
  }
  return positional;
}

const CONTEXT = { value: ["waba", "app-id", "now", "kind", "format"], list: ["intent"] };

function diagnoseOptions(options) {
  const result = {};
  if (options.intent.length > 0) result.intents = options.intent;
  if (options.waba !== undefined) result.waba = options.waba;
  if (options["app-id"] !== undefined) result.appId = options["app-id"];
  if (options.kind !== undefined) result.kind = options.kind;
  if (options.now !== undefined) {
    if (!/^[+-]?\d+$/.test(options.now)) {
      throw new UsageError(`invalid value '${options.now}' for '--now <NOW>': invalid digit found in string`);
    }
    result.now = Number(options.now);
  }
  return result;
}

/** A file or standard input (`-`), at most 5 MiB and one byte, invalid UTF-8 replaced. */
async function readInput(file) {
  const limit = MAX_INPUT_BYTES + 1;
  let bytes;
  try {
    bytes = file === "-" ? await readStdin(limit) : readFileStart(file, limit);
  } catch (error) {
    throw new UsageError(`cannot read ${file === "-" ? "standard input" : file}: ${error.message}`);
  }
  return new TextDecoder().decode(bytes);
}

function readFileStart(file, limit) {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(limit);
    let filled = 0;
    while (filled < limit) {
      const n = readSync(fd, buffer, filled, limit - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

async function readStdin(limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** Runs one command; returns its exit status. */
async function run(command, args) {
  switch (command) {
    case "diagnose": {
      const { options, positional } = parse(args, CONTEXT);
      const [file = "-"] = positionals(positional, ["FILE"], 0);
      const format = oneOf("format", options.format, FORMATS, "text");
      const text = await readInput(file);
      return print(commandDiagnose(text, diagnoseOptions(options), format, colour));
    }
    case "explain": {
      const { options, positional } = parse(args, { value: ["format"] });
      const [code] = positionals(positional, ["CODE"], 1);
      const format = oneOf("format", options.format, FORMATS, "text");
      return print(commandExplain(code, format, colour));
    }
    case "endpoint": {
      const { options, positional } = parse(args, { value: ["format"] });
      const [request] = positionals(positional, ["REQUEST"], 1);
      const format = oneOf("format", options.format, FORMATS, "text");
      return print(commandEndpoint(request, format, colour));
    }
    case "share": {
      const { options, positional } = parse(args, {
        value: [...CONTEXT.value.filter((name) => name !== "format"), "base"],
        list: CONTEXT.list,
      });
      const [file = "-"] = positionals(positional, ["FILE"], 0);
      const text = await readInput(file);
      const link = shareLink(text, options.base ?? DEFAULT_SHARE_BASE, diagnoseOptions(options));
      process.stdout.write(`${link}\n`);
      return 0;
    }
    case "open": {
      const { options, positional } = parse(args, { value: ["format"] });
      const [link] = positionals(positional, ["LINK"], 1);
      const format = oneOf("format", options.format, FORMATS, "text");
      return print(commandOpen(link, format, colour));
    }
    case "triage":
      return triageCommand(args);
    case "check":
    case "recommend":
      process.stderr.write(
        `scopelens: \`${command}\` is in the Rust CLI only (cargo install --path crates/scopelens-cli, or cargo run -p scopelens-cli -- ${command}); npx scopelens has diagnose, explain, endpoint, share, open and triage\n`,
      );
      return USAGE_STATUS;
    case "--version":
    case "-V":
      process.stdout.write(`scopelens ${packageVersion()}\n`);
      return 0;
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return 0;
    case undefined:
      process.stderr.write(HELP);
      return USAGE_STATUS;
    default:
      throw new UsageError(`unrecognized subcommand '${command}'`);
  }
}

function print({ stdout, status }) {
  process.stdout.write(stdout);
  return status;
}

function packageVersion() {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return manifest.version;
}

async function triageCommand(args) {
  const { options, positional } = parse(args, {
    value: ["format", "jobs"],
    list: ["by"],
  });
  const files = positional.length > 0 ? positional : ["-"];
  const format = oneOf("format", options.format, TRIAGE_FORMATS, "text");
  // `--jobs` is accepted for the Rust CLI's sake; WebAssembly reads on one thread.
  if (options.jobs !== undefined && !/^\d+$/.test(options.jobs)) {
    throw new UsageError(`invalid value '${options.jobs}' for '--jobs <JOBS>': invalid digit found in string`);
  }
  const started = performance.now();
  let reader;
  try {
    reader = new LogTriage({ by: options.by });
  } catch (error) {
    throw new UsageError(error.message);
  }
  let failed = false;
  let bytes = 0;
  try {
    for (const file of files) {
      try {
        bytes += await triageOne(file, reader);
      } catch (error) {
        process.stderr.write(`scopelens: ${file === "-" ? "standard input" : file}: ${error.message}\n`);
        failed = true;
      }
      reader.endInput();
    }
    reader.finish();
    process.stdout.write(reader.render(format, colour));
    process.stderr.write(
      reader.summary(bytes, (performance.now() - started) / 1000, files.length),
    );
  } finally {
    reader.free();
  }
  return failed ? USAGE_STATUS : 0;
}

/** Feeds one file (gzip or plain) or standard input to `reader`; returns the bytes read. */
async function triageOne(file, reader) {
  let bytes = 0;
  const counted = async function* (stream) {
    for await (const chunk of stream) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  let source;
  if (file === "-") {
    source = counted(process.stdin);
  } else {
    const raw = createReadStream(file);
    const [first, rest] = await peek(raw);
    const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
    const whole = (async function* () {
      if (first.length > 0) yield first;
      yield* rest;
    })();
    const read = counted(whole);
    source = gzip ? gunzip(read) : read;
  }
  for await (const chunk of source) {
    reader.push(chunk);
  }
  return bytes;
}

async function peek(stream) {
  const iterator = stream[Symbol.asyncIterator]();
  const { done, value } = await iterator.next();
  return [done ? Buffer.alloc(0) : value, { [Symbol.asyncIterator]: () => iterator }];
}

async function* gunzip(chunks) {
  const inflater = createGunzip();
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (!inflater.write(chunk)) {
          await new Promise((resolve) => inflater.once("drain", resolve));
        }
      }
      inflater.end();
    } catch (error) {
      inflater.destroy(error);
    }
  })();
  yield* inflater;
  await feeding;
}

const [command, ...args] = process.argv.slice(2);
try {
  process.exitCode = await run(command, args);
} catch (error) {
  process.stderr.write(`scopelens: ${error.message}\n`);
  process.exitCode = USAGE_STATUS;
}
