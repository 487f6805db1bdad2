/**
 * Prism, the comparison point for mock throughput. It is large, so it is not a dependency: the
 * bench installs one pinned version into the git-ignored `.bench-tools/` on first use and reuses
 * it afterwards. When that install fails (no registry, no disk), Prism is reported as
 * unavailable with the reason, and the rest of the bench goes on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { waitForExit } from "./children";
import { npmCommand, runCommand } from "./processes";

const PRISM_PACKAGE = "@stoplight/prism-cli";
/** Pinned exactly; 5.14.2 is the newest release that still runs on Node 20 (5.15 needs Node 24). */
const PRISM_VERSION = "5.14.2";
const TOOLS_DIR = ".bench-tools";

export type PrismInstall = { available: true; version: string; script: string } | { available: false; reason: string };

function installed(root: string): PrismInstall | undefined {
  const dir = join(root, TOOLS_DIR, "node_modules", PRISM_PACKAGE);
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { version?: string; bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.prism;
  if (pkg.version !== PRISM_VERSION || !bin) return undefined;
  return { available: true, version: pkg.version, script: join(dir, bin) };
}

/** The installed Prism, installing it first if needed (`onInstall` is told, since that takes a while). */
export async function ensurePrism(root: string, onInstall?: (message: string) => void): Promise<PrismInstall> {
  const found = installed(root);
  if (found) return found;
  onInstall?.(`installing ${PRISM_PACKAGE}@${PRISM_VERSION} into ${TOOLS_DIR}/ (once; reused by later runs)`);
  const [command, args] = npmCommand([
    "install",
    "--prefix",
    TOOLS_DIR,
    "--no-save",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    `${PRISM_PACKAGE}@${PRISM_VERSION}`,
  ]);
  const result = await runCommand(command, args, { cwd: root, timeoutMs: 5 * 60_000 });
  const after = installed(root);
  if (result.code === 0 && after) return after;
  const said = result.head
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s*(npm error\s+)?at /.test(line))
    .slice(0, 4)
    .join(" | ")
    .slice(0, 400);
  return {
    available: false,
    reason: `npm install of ${PRISM_PACKAGE}@${PRISM_VERSION} failed (exit ${result.code ?? "none"}): ${said || "no output"}`,
  };
}

/** A free port on 127.0.0.1 (Prism wants a number; it cannot report an ephemeral one back). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPrism {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `prism mock` on a spec file, logging errors only (its default logs every request, which
 * would measure its logging rather than its mocking), and waits until `probeUrl`'s path answers.
 */
export async function startPrism(
  script: string,
  specPath: string,
  probe: (baseUrl: string) => Promise<boolean>,
): Promise<RunningPrism> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [script, "mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", specPath],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-1500);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill("SIGTERM");
    await waitForExit(child, 5_000);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await probe(url).catch(() => false)) return { url, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`prism mock did not answer within 60 s${stderr.trim() ? `: ${stderr.trim().slice(-300)}` : ""}`);
}
