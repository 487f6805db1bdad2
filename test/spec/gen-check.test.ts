/**
 * gen:check's comparison (src/codegen) on copies of generated/ in a temp folder: a fresh copy
 * passes; a stale, missing or extra file fails and the diff names it. Generation itself is
 * deterministic and does not depend on where the checkout lives.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findStaleFiles } from "../../src/codegen/check";
import type { Artefacts } from "../../src/codegen/generate";
import { generateInChild } from "./generate-in-child";
import { realSpecText, REAL_SPEC, replaceOnce, tempDir } from "./spec-copies";

const ROOT = resolve(__dirname, "../..");
const dir = tempDir("gen-check-");
let fromSpec: Artefacts;
let fromEditedSpec: Artefacts;
let fromSpecElsewhere: Artefacts;
let copies = 0;

beforeAll(async () => {
  const text = realSpecText();
  const edited = replaceOnce(
    text,
    "description: Returns one SIP endpoint by its id.",
    "description: Returns one SIP endpoint, looked up by its id.",
  );
  // One child process for all three: the real spec, the spec edited without running gen, and the
  // real spec read from another folder.
  [fromSpec, fromEditedSpec, fromSpecElsewhere] = (await generateInChild([
    { file: REAL_SPEC, text },
    { file: REAL_SPEC, text: edited },
    { file: join(dir.path, "elsewhere", "openapi.yaml"), text },
  ])) as [Artefacts, Artefacts, Artefacts];
});
afterAll(() => dir.remove());

/** A private copy of the committed generated/ folder. */
function copyOfGenerated(): string {
  const copy = join(dir.path, `generated-${++copies}`);
  cpSync(join(ROOT, "generated"), copy, { recursive: true });
  return copy;
}

describe("findStaleFiles", () => {
  test("a copy of the committed generated/ matches what the spec generates", () => {
    expect(findStaleFiles(copyOfGenerated(), fromSpec)).toEqual([]);
  });

  test("a hand-edited file is stale, and its diff names it and shows the change both ways", () => {
    const copy = copyOfGenerated();
    const file = join(copy, "openapi.ts");
    writeFileSync(
      file,
      replaceOnce(
        readFileSync(file, "utf8"),
        'Encryption: "default" | "required" | "optional";',
        'Encryption: "default" | "required" | "optional" | "always";',
      ),
    );

    const stale = findStaleFiles(copy, fromSpec);

    expect(stale.map(({ file, kind }) => ({ file, kind }))).toEqual([
      { file: "generated/openapi.ts", kind: "changed" },
    ]);
    const diff = stale[0]!.diff;
    expect(diff).toMatch(/^--- generated\/openapi\.ts\tcommitted\n\+\+\+ generated\/openapi\.ts\tfrom npm run gen\n/m);
    expect(diff).toContain('-        Encryption: "default" | "required" | "optional" | "always";');
    expect(diff).toContain('+        Encryption: "default" | "required" | "optional";');
  });

  test("a missing file and an extra file are both reported by name", () => {
    const copy = copyOfGenerated();
    rmSync(join(copy, "operations.ts"));
    writeFileSync(join(copy, "old-client.ts"), "export {};\n");

    const stale = findStaleFiles(copy, fromSpec);

    expect(stale.map(({ file, kind }) => ({ file, kind }))).toEqual([
      { file: "generated/operations.ts", kind: "missing" },
      { file: "generated/old-client.ts", kind: "extra" },
    ]);
    expect(stale[0]!.diff).toContain("+++ generated/operations.ts");
    expect(stale[1]!.diff).toContain("generated/old-client.ts");
  });

  test("a checkout with CRLF line endings is still fresh (only content counts)", () => {
    const copy = copyOfGenerated();
    for (const name of readdirSync(copy)) {
      const file = join(copy, name);
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    }
    expect(findStaleFiles(copy, fromSpec)).toEqual([]);
  });

  test("a spec edited without running gen makes the committed files stale", () => {
    const stale = findStaleFiles(copyOfGenerated(), fromEditedSpec);

    expect(stale.map((s) => s.file).sort()).toEqual([
      "generated/openapi.json",
      "generated/openapi.ts",
      "generated/spec-facts.ts",
      "generated/spec-source.ts",
    ]);
    const types = stale.find((s) => s.file === "generated/openapi.ts")!;
    expect(types.diff).toMatch(/^-.*Returns one SIP endpoint by its id\.$/m);
    expect(types.diff).toMatch(/^\+.*Returns one SIP endpoint, looked up by its id\.$/m);
  });
});

describe("generateArtefacts", () => {
  test("is deterministic and independent of where the spec file lives", () => {
    expect(fromSpecElsewhere).toEqual(fromSpec);
  });

  test("writes LF only, no timestamps and no machine paths", () => {
    expect(Object.keys(fromSpec).sort()).toEqual([
      "README.md",
      "openapi.json",
      "openapi.ts",
      "operations.ts",
      "spec-facts.ts",
      "spec-lines.ts",
      "spec-source.ts",
      "validators.d.ts",
      "validators.js",
    ]);
    for (const [name, content] of Object.entries(fromSpec)) {
      expect({ name, cr: content.includes("\r") }).toEqual({ name, cr: false });
      expect({ name, timestamp: /\d{4}-\d\d-\d\dT\d\d:\d\d/.exec(content)?.[0] }).toEqual({
        name,
        timestamp: undefined,
      });
      expect({ name, root: content.includes(ROOT) }).toEqual({ name, root: false });
      expect(content.endsWith("\n")).toBe(true);
    }
  });
});
