/**
 * `npm install <git URL>`, as an app installs the package straight from the repository: npm clones
 * the commit, installs its dependencies there, runs `prepare` (the build) and packs the result.
 * npm resolves the clone's dependencies itself (it may ask the registry for metadata its cache
 * lacks), so this suite is not part of the offline `npm test`: `.ci/run` runs it beside it, with
 * `npm run test:git-install`. It installs HEAD, the committed state: in CI the commit under test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../package/install";

const dir = mkdtempSync(join(tmpdir(), "sip-git-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a git dependency gets the built package and its bins, and imports under plain node", () => {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "git-consumer", private: true, type: "module" }));
  execFileSync(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", `git+file://${ROOT}`],
    { cwd: dir, stdio: "pipe", timeout: 170_000 },
  );
  const installed = join(dir, "node_modules/signalwire-sip-endpoints-contract");
  expect(existsSync(join(installed, "dist/index.mjs"))).toBe(true);
  expect(existsSync(join(dir, "node_modules/.bin/sip-endpoints-drift"))).toBe(true);
  const script =
    'import { createSipEndpointsClient, isNotFoundError } from "signalwire-sip-endpoints-contract"; console.log(typeof createSipEndpointsClient, typeof isNotFoundError);';
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout.trim()).toBe("function function");
}, 180_000);
