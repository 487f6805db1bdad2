/** Server text in the drift job's Markdown: one line per cell, HTML and code spans kept literal. */
import { cell, pointerCell } from "../../src/drift/report/markdown-text";

describe("cell", () => {
  it.each([
    ["a\rb", "a b"],
    ["a\r\nb", "a b"],
    ["a\nb", "a b"],
    ["a|b", "a\\|b"],
    ["<b>&`x`", "&lt;b&gt;&amp;'x'"],
  ])("%j → %j", (text, want) => expect(cell(text)).toBe(want));

  it("shows nothing for a missing value", () => {
    expect([cell(null), cell(undefined), cell(0)]).toEqual(["", "", "0"]);
  });
});

describe("pointerCell", () => {
  it("is a code span on one line, a backtick turned into a quote; the empty pointer is the whole body", () => {
    expect(pointerCell("/a`b\r\n|c")).toBe("`/a'b \\|c`");
    expect(pointerCell("")).toBe("(whole body)");
  });
});
