/**
 * How long each test file took in the dry run, which Stryker makes in one of its test-runner
 * processes before any mutant: that process saves the times in a file beside nothing else of the
 * project (the temp folder, named after the sandbox), and every process reads them before its
 * first mutant. The sequencer orders files by them; the environment sets each file's time limit
 * from them.
 */
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

function durationsFile(rootDir) {
  return join(
    tmpdir(),
    `sip-endpoints-mutation-${createHash("sha256").update(rootDir).digest("hex").slice(0, 16)}.json`,
  );
}

let known;

/** Test file → its dry-run time in ms; empty before the dry run has saved any. */
function dryRunDurations(rootDir) {
  if (known === undefined) {
    try {
      known = new Map(Object.entries(JSON.parse(readFileSync(durationsFile(rootDir), "utf8"))));
    } catch {
      known = new Map();
    }
  }
  return known;
}

function saveDryRunDurations(rootDir, measured) {
  known = new Map(Object.entries(measured));
  writeFileSync(durationsFile(rootDir), JSON.stringify(measured));
}

module.exports = { dryRunDurations, saveDryRunDurations };
