/**
 * What `npm run build` read and what it wrote, as two digests kept beside node_modules' other
 * caches. The packaging test packs dist/ as it stands when both still match (nothing the build
 * reads has changed and nobody touched dist/ since), and builds first otherwise: in CI and after
 * `npm ci`, `prepare` has just built, and building again would cost the test most of its time.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const ROOT = join(__dirname, "..");
/** Everything pkgroll reads: the sources, the generated modules, the entries and the tool versions. */
const INPUTS = ["src", "generated", "package.json", "package-lock.json", "tsconfig.json"];
const STAMP = join(ROOT, "node_modules", ".cache", "signalwire-sip-endpoints-contract", "build.json");

interface Stamp {
  inputs: string;
  dist: string;
}

function digest(paths: string[]): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(`${relative(ROOT, path)}\0`);
    hash.update(readFileSync(path));
    hash.update("\0");
  };
  for (const path of paths) if (existsSync(path)) visit(path);
  return hash.digest("hex");
}

function current(): Stamp {
  return { inputs: digest(INPUTS.map((p) => join(ROOT, p))), dist: digest([join(ROOT, "dist")]) };
}

export function writeBuildStamp(): void {
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${JSON.stringify(current())}\n`);
}

/** Whether dist/ is what a build of the tree as it is now wrote. */
export function isBuildFresh(): boolean {
  if (!existsSync(STAMP) || !existsSync(join(ROOT, "dist"))) return false;
  const stamp = JSON.parse(readFileSync(STAMP, "utf8")) as Stamp;
  const now = current();
  return stamp.inputs === now.inputs && stamp.dist === now.dist;
}
