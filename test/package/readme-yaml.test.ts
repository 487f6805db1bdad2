/**
 * Every YAML block of the README and of docs/drift.md parses, a workflow in it names only secrets
 * GitHub allows (letters, digits and underscores, not starting with a digit or GITHUB_, also those
 * a matrix builds with `format`), and a step that uses the action gives it only inputs it has.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { ROOT } from "./install";

const pages = ["README.md", "docs/drift.md"].map((page) => readFileSync(join(ROOT, page), "utf8"));
const blocks = pages.flatMap((text) => [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!));
const ACTION_INPUTS = Object.keys(
  (parseDocument(readFileSync(join(ROOT, "action.yml"), "utf8")).toJS() as { inputs: Record<string, unknown> }).inputs,
);
const SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i;

/** The values a matrix gives a key: a list under the key, or the key of each `include` entry. */
function matrixValues(doc: any, key: string): string[] {
  const values: string[] = [];
  for (const job of Object.values<any>(doc?.jobs ?? {})) {
    const matrix = job?.strategy?.matrix ?? {};
    if (Array.isArray(matrix[key])) values.push(...matrix[key].map(String));
    for (const entry of matrix.include ?? []) if (entry?.[key] !== undefined) values.push(String(entry[key]));
  }
  return values;
}

test("the README and docs/drift.md have YAML blocks", () => {
  expect(blocks.length).toBeGreaterThan(1);
});

test.each(blocks.map((text, i) => [i + 1, text]))(
  "YAML block %i parses, and every secret it names is a valid secret name",
  (_n, text) => {
    const parsed = parseDocument(text);
    expect(parsed.errors.map((e) => e.message)).toEqual([]);
    const doc = parsed.toJS();
    const names = [...text.matchAll(/secrets\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    for (const [, prefix, key] of text.matchAll(/secrets\[format\('([^']*)\{0\}', matrix\.([\w-]+)\)\]/g)) {
      const values = matrixValues(doc, key!);
      expect({ key, values: values.length > 0 }).toEqual({ key, values: true });
      names.push(...values.map((value) => `${prefix}${value}`));
    }
    for (const name of names) expect({ name, valid: SECRET_NAME.test(name) }).toEqual({ name, valid: true });
    for (const job of Object.values<any>(doc?.jobs ?? {}))
      for (const step of job?.steps ?? [])
        if (String(step?.uses ?? "").includes("signalwire-sip-endpoints-contract"))
          expect(Object.keys(step.with ?? {}).filter((input) => !ACTION_INPUTS.includes(input))).toEqual([]);
  },
);
