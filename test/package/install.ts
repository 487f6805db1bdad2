/**
 * Packs the repository as `npm pack` would for the registry and installs the tarball into a fresh
 * project outside the repository, with `npm ci` and no network: the project's lockfile pins the
 * tarball by its integrity and the package's dependencies by the entries of this repository's
 * lockfile, whose tarballs `npm ci` of the repository has already put in npm's cache.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isBuildFresh } from "../../scripts/build-inputs";

export const ROOT = resolve(__dirname, "../..");

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface PackResult {
  name: string;
  version: string;
  filename: string;
  integrity: string;
}

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });

/**
 * The lockfile entries a package's dependencies resolve to, found the way Node resolves them. An
 * entry without `resolved` (npm can be set to leave registry URLs out of lockfiles) gets the
 * registry's tarball address, so `npm ci` finds the tarball in the cache by its integrity alone.
 */
function closure(
  lock: Record<string, LockEntry>,
  dependencies: Record<string, string>,
  registry: string,
): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const visit = (from: string, deps: Record<string, string>) => {
    for (const name of Object.keys(deps)) {
      let at = from;
      let key = `${at}node_modules/${name}`;
      while (!(key in lock) && at !== "") {
        at = at.replace(/node_modules\/(?:@[^/]+\/)?[^/]+\/$/, "");
        key = `${at}node_modules/${name}`;
      }
      const entry = lock[key];
      if (!entry) throw new Error(`dependency ${name} is not in package-lock.json`);
      if (key in out) continue;
      const unscoped = name.replace(/^@[^/]+\//, "");
      out[key] = entry.resolved
        ? entry
        : { ...entry, resolved: `${registry}${name}/-/${unscoped}-${entry.version}.tgz` };
      visit(`${key}/`, entry.dependencies ?? {});
    }
  };
  visit("", dependencies);
  return out;
}

function registryUrl(): string {
  const url = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  return url.endsWith("/") ? url : `${url}/`;
}

export interface Installed {
  /** The consumer project. */
  dir: string;
  tarball: string;
  /** The installed package inside the project's node_modules. */
  packageDir: string;
  pkg: { name: string; version: string; bin: Record<string, string>; dependencies: Record<string, string> };
  remove(): void;
}

export function packAndInstall(): Installed {
  const work = mkdtempSync(join(tmpdir(), "sip-package-"));
  // `npm pack` builds through `prepare`; a build the tree has not changed since is packed as it is.
  const build = isBuildFresh() ? ["--ignore-scripts"] : [];
  const [packed] = JSON.parse(npm(["pack", "--json", ...build, "--pack-destination", work], ROOT)) as PackResult[];
  if (!packed) throw new Error("npm pack reported no tarball");
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Installed["pkg"] & {
    engines?: unknown;
    license?: string;
  };
  const repoLock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const dir = join(work, "app");
  const spec = `file:../${packed.filename}`;
  const manifest = { name: "consumer-app", version: "1.0.0", private: true, dependencies: { [pkg.name]: spec } };
  const lock = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies },
      [`node_modules/${pkg.name}`]: {
        version: pkg.version,
        resolved: spec,
        integrity: packed.integrity,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
      ...closure(repoLock.packages, pkg.dependencies, registryUrl()),
    },
  };
  execFileSync("mkdir", ["-p", dir]);
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
  npm(["ci", "--offline", "--ignore-scripts"], dir);
  return {
    dir,
    tarball: join(work, packed.filename),
    packageDir: join(dir, "node_modules", pkg.name),
    pkg,
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
