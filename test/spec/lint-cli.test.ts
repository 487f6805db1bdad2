/** `npm run lint:spec` as a user runs it: the printed lines, the summary and the exit codes. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { lineContaining, realSpecText, replaceOnce, tempDir } from "./spec-copies";

const ROOT = resolve(__dirname, "../..");
const dir = tempDir("lint-spec-cli-");
afterAll(() => dir.remove());

function lintSpecCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/lint-spec.ts", ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

test("a broken copy: one line per problem naming file, line, pointer and rule, a summary, exit 1", async () => {
  const text = replaceOnce(realSpecText(), "      summary: Retrieve a SIP endpoint\n", "");
  const file = dir.write("broken.yaml", text);
  const line = lineContaining(text, "^      operationId: retrieve_sip_endpoint");

  const { code, stdout, stderr } = await lintSpecCli(file);

  expect(code).toBe(1);
  expect(stdout).toBe("");
  const [problem, summary, ...rest] = stderr.split("\n");
  expect(problem).toBe(
    `${file}:${line} #/paths/~1endpoints~1sip~1{id}/get operation-summary-missing: retrieve_sip_endpoint has no summary`,
  );
  expect(summary).toMatch(/^lint:spec: .*broken\.yaml: 1 error, 0 warnings \(\d+ ms\)$/);
  expect(rest).toEqual([""]);
});
