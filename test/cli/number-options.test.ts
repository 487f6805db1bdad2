/**
 * One rule per kind of option for every command (drift, mock, soak, fuzz), whether the value comes
 * from the command line or from a file of settings: whole numbers are digits only (white space
 * around them ignored; no exponent, fraction, sign unless negatives are allowed, or unit) within
 * their range; durations are seconds with an optional fraction; choices are one of a list; pairs
 * are KEY=VALUE, each key once. Every refusal names the flag (or the key) and the rule.
 */
import { defineCommand, UsageError, valueFromJson, type OptionSpec } from "../../src/cli/command";
import { mockCommand } from "../../src/cli/mock";

const OPTIONS = {
  count: { kind: "count", min: 0, help: "" },
  small: { kind: "count", min: 0, max: 10, help: "" },
  signed: { kind: "count", min: -10, help: "" },
  seconds: { kind: "duration", max: 3600, flag: "wait", help: "" },
  colour: { kind: "choice", choices: ["red", "green"], help: "" },
  limits: { kind: "pairs", of: "percent", keys: ["a", "b"], example: "a=50", help: "" },
} as const satisfies Record<string, OptionSpec>;

const demo = defineCommand({ invocation: "demo", summary: "", options: OPTIONS, run: async () => 0 });
const parse = (...argv: string[]) => demo.parse(argv).values;

describe("from the command line", () => {
  it.each([
    [["--count", "5"], { count: 5 }],
    [["--count", " 5 "], { count: 5 }],
    [["--small", "0"], { small: 0 }],
    [["--small", "10"], { small: 10 }],
    [["--signed=-3"], { signed: -3 }],
    [["--wait", "1.5"], { seconds: 1500 }],
    [["--wait", " 10 "], { seconds: 10_000 }],
    [["--colour", "green"], { colour: "green" }],
    [["--limits", "a=50", "--limits", "b=12.5%"], { limits: { a: 50, b: 12.5 } }],
  ])("%j gives %j", (argv, want) => expect(parse(...argv)).toEqual(want));

  it.each([
    [["--count", "1e1"], '--count must be a whole number of at least 0, not "1e1"'],
    [["--count", "5.0"], '--count must be a whole number of at least 0, not "5.0"'],
    [["--count", "10s"], '--count must be a whole number of at least 0, not "10s"'],
    [["--count=-1"], '--count must be a whole number of at least 0, not "-1"'],
    [["--count", "0x10"], '--count must be a whole number of at least 0, not "0x10"'],
    [["--count="], '--count must be a whole number of at least 0, not ""'],
    [["--small", "11"], '--small must be a whole number from 0 to 10, not "11"'],
    [["--count", "99999999999999999999"], '--count must be a whole number of at least 0, not "99999999999999999999"'],
    [["--wait", "0"], '--wait must be a number of seconds above 0 and at most 3600, not "0"'],
    [["--wait", "1e2"], '--wait must be a number of seconds above 0 and at most 3600, not "1e2"'],
    [["--wait", "3601"], '--wait must be a number of seconds above 0 and at most 3600, not "3601"'],
    [["--wait", "10s"], '--wait must be a number of seconds above 0 and at most 3600, not "10s"'],
    [["--seconds", "1"], "unknown option --seconds"],
    [["--colour", "blue"], '--colour must be one of red, green, not "blue"'],
    [["--limits", "a"], '--limits takes KEY=VALUE (e.g. a=50), not "a"'],
    [["--limits", "c=1"], '--limits: "c" is not one of a, b'],
    [["--limits", "a=101"], '--limits a must be a percentage from 0 to 100, not "101"'],
    [["--limits", "a=1", "--limits", "a=2"], "--limits a was given more than once; give it once"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parse(...argv)).toThrow(new UsageError(message));
  });
});

describe("from a file of settings, by the same rule", () => {
  it.each([
    ["count", 5, 5],
    ["signed", -3, -3],
    ["seconds", 1500, 1500],
    ["colour", "red", "red"],
    ["limits", { a: 12.5 }, { a: 12.5 }],
  ] as const)("%s: %j is %j", (key, given, want) => {
    expect(valueFromJson(OPTIONS[key], given)).toEqual({ value: want });
  });

  it.each([
    ["count", "5", "must be a whole number of at least 0"],
    ["count", 1.5, "must be a whole number of at least 0"],
    ["small", 11, "must be a whole number from 0 to 10"],
    ["seconds", 0, "must be a whole number of milliseconds from 1 to 3600000"],
    ["colour", "blue", "must be one of red, green"],
    ["limits", [], "must be an object of KEY=VALUE pairs, e.g. a=50"],
  ] as const)("%s: %j is refused", (key, given, problem) => {
    expect(valueFromJson(OPTIONS[key], given)).toEqual({ problem });
  });

  it("a pair's problem points at its key", () => {
    expect(valueFromJson(OPTIONS.limits, { c: 1 })).toEqual({ problem: "is not one of a, b", at: "/c" });
    expect(valueFromJson(OPTIONS.limits, { a: "50" })).toEqual({
      problem: "must be a percentage from 0 to 100",
      at: "/a",
    });
  });
});

it("the mock's --port follows the same rule as the drift job's counts", async () => {
  let stderr = "";
  const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: "." };
  expect(await mockCommand("sip-endpoints-mock").main(["--port", "1e1"], io)).toBe(2);
  expect(stderr).toContain('--port must be a whole number from 0 to 65535, not "1e1"');
});
