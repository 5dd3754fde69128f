// Mistakes the types must catch (types.test.mjs expects tsc to reject each
// line marked below, and nothing else).
import { diagnose, explain } from "scopelens";
import type { Verdict } from "scopelens";

const verdict: Verdict = "fine"; // MISTAKE: not a verdict
diagnose("{}", { intents: ["fly"] }); // MISTAKE: not an intent
diagnose("{}", { app_id: "1" }); // MISTAKE: the option is appId
const count: string = diagnose("{}").findings.length; // MISTAKE: a number
explain(true); // MISTAKE: a code is a number or a string
console.log(verdict, count);
