/**
 * One rule for the whole numbers and seconds of every command (drift, mock, soak, fuzz): surrounding
 * white space ignored, digits only, no exponent, fraction, sign (unless negatives are allowed) or
 * unit, within the range, the message naming the flag and the range.
 */
import { secondsOption, UsageError, wholeNumberOption } from "../../src/cli/command";
import { mockCommand } from "../../src/cli/mock";

describe("whole numbers", () => {
  it.each([
    ["5", 0, undefined, 5],
    [" 5 ", 0, undefined, 5],
    ["0", 0, 10, 0],
    ["10", 0, 10, 10],
    ["-3", -10, undefined, -3],
  ])("%j (from %i to %s) is %i", (text, min, max, want) => {
    expect(wholeNumberOption("n", text, min, max)).toBe(want);
  });

  it.each([
    ["1e1", 0, undefined, '--n must be a whole number of at least 0, not "1e1"'],
    ["5.0", 0, undefined, '--n must be a whole number of at least 0, not "5.0"'],
    ["10s", 1, undefined, '--n must be a whole number of at least 1, not "10s"'],
    ["-1", 0, undefined, '--n must be a whole number of at least 0, not "-1"'],
    ["0x10", 0, undefined, '--n must be a whole number of at least 0, not "0x10"'],
    ["", 0, undefined, '--n must be a whole number of at least 0, not ""'],
    ["11", 0, 10, '--n must be a whole number from 0 to 10, not "11"'],
    ["99999999999999999999", 0, undefined, '--n must be a whole number of at least 0, not "99999999999999999999"'],
  ])("%j is refused", (text, min, max, message) => {
    expect(() => wholeNumberOption("n", text, min, max)).toThrow(new UsageError(message));
  });
});

describe("seconds", () => {
  it.each([
    ["1.5", 1.5],
    [" 10 ", 10],
  ])("%j is %d", (text, want) => expect(secondsOption("d", text, 3600)).toBe(want));
  it.each(["0", "1e2", "-1", "3601", "10s"])("%j is refused", (text) =>
    expect(() => secondsOption("d", text, 3600)).toThrow(UsageError),
  );
});

it("the mock's --port follows the same rule as the drift job's counts", async () => {
  let stderr = "";
  const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: "." };
  expect(await mockCommand("sip-endpoints-mock").main(["--port", "1e1"], io)).toBe(2);
  expect(stderr).toContain('--port must be a whole number from 0 to 65535, not "1e1"');
});
