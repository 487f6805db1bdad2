/**
 * `--config FILE`: a drift job's settings in one JSON file, for a job run night after night.
 * `checks` switch checks off or re-grade them, `acknowledged` holds findings the team knows about
 * until a date, `fixtures` gives the Space's own resource ids, and every run option may be set by
 * its engine name. A flag on the command line wins over the file. The file is checked here, key
 * by key, against the rules `drift-config.schema.json` (shipped beside it, for editors) states;
 * any problem names its key's JSON pointer.
 */
import { ALL_CHECKS, SEVERITIES, type Severity } from "../checks";
import { operations } from "../spec";
import { isPlainObject } from "../spec/json-pointer";
import { jsonSchemaOf, valueFromJson } from "./command";
import { DRIFT_OPTIONS, type DriftSetting, type DriftSettings } from "./drift-plan";
import type { DriftPolicy } from "../drift/policy";

export class DriftConfigError extends Error {
  override name = "DriftConfigError";
}

/** What only the command line says: which file to read, a recording, a cleanup, the output's form. */
const COMMAND_ONLY = ["config", "replay", "cleanup", "json"] as const satisfies readonly DriftSetting[];

/** The run options a file may set, by the engine's names. */
export const FILE_SETTINGS = (Object.keys(DRIFT_OPTIONS) as DriftSetting[]).filter(
  (key) => !(COMMAND_ONLY as readonly string[]).includes(key),
);

const KEYS = ["$schema", "checks", "acknowledged", ...FILE_SETTINGS];

export interface LoadedConfig {
  /** The run options the file sets, each read by its option's rule. */
  settings: DriftSettings;
  policy: DriftPolicy;
}

/** Reads a config file's text; `shownAs` names it in messages. Throws `DriftConfigError`. */
export function readDriftConfig(text: string, shownAs: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DriftConfigError(`${shownAs} is not JSON: ${(error as Error).message}`);
  }
  const fail = (pointer: string, problem: string): never => {
    throw new DriftConfigError(`${shownAs}: ${pointer || "the top level"} ${problem}`);
  };
  if (!isPlainObject(raw)) return fail("", "must be an object");
  for (const key of Object.keys(raw))
    if (!KEYS.includes(key))
      fail(
        `/${key}`,
        `is no setting of the drift job; the settings are ${KEYS.filter((k) => k !== "$schema").join(", ")}`,
      );

  const settings: Record<string, unknown> = {};
  for (const key of FILE_SETTINGS) {
    if (raw[key] === undefined) continue;
    const read = valueFromJson(DRIFT_OPTIONS[key], raw[key]);
    if ("problem" in read) fail(`/${key}${read.at ?? ""}`, read.problem);
    else settings[key] = read.value;
  }
  return {
    settings: settings as DriftSettings,
    policy: { checks: checksOf(raw.checks, fail), acknowledged: acknowledgedOf(raw.acknowledged, fail) },
  };
}

type Fail = (pointer: string, problem: string) => never;

function checksOf(raw: unknown, fail: Fail): DriftPolicy["checks"] {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) return fail("/checks", "must be an object keyed by check id");
  const known = ALL_CHECKS.map((c) => c.id as string);
  const ops = Object.keys(operations);
  const out: Record<string, DriftPolicy["checks"][string]> = {};
  for (const [id, entry] of Object.entries(raw)) {
    const at = `/checks/${id}`;
    if (!known.includes(id)) fail(at, `is no check id; the checks are ${known.join(", ")}`);
    if (!isPlainObject(entry)) fail(at, "must be an object: { enabled?, severity?, operations? }");
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e))
      if (!["enabled", "severity", "operations"].includes(key))
        fail(`${at}/${key}`, "is no setting of a check; give enabled, severity or operations");
    if (e.enabled !== undefined && typeof e.enabled !== "boolean") fail(`${at}/enabled`, "must be true or false");
    if (e.severity !== undefined && !SEVERITIES.includes(e.severity as Severity))
      fail(`${at}/severity`, `must be one of ${SEVERITIES.join(", ")}`);
    if (e.enabled === undefined && e.severity === undefined)
      fail(at, "changes nothing: give enabled: false or a severity");
    if (e.operations !== undefined) {
      if (!Array.isArray(e.operations) || e.operations.length === 0)
        fail(`${at}/operations`, "must be a non-empty list of operation ids");
      (e.operations as unknown[]).forEach((op, i) => {
        if (typeof op !== "string" || !ops.includes(op))
          fail(`${at}/operations/${i}`, `is no operation id; the operations are ${ops.join(", ")}`);
      });
    }
    out[id] = {
      ...(e.enabled !== undefined ? { enabled: e.enabled as boolean } : {}),
      ...(e.severity !== undefined ? { severity: e.severity as Severity } : {}),
      ...(e.operations !== undefined ? { operations: e.operations as string[] } : {}),
    };
  }
  return out;
}

const FINDING_ID = /^[0-9a-f]{16}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function acknowledgedOf(raw: unknown, fail: Fail): DriftPolicy["acknowledged"] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail("/acknowledged", "must be a list of { finding, reason, until }");
  return raw.map((entry, i) => {
    const at = `/acknowledged/${i}`;
    if (!isPlainObject(entry)) fail(at, "must be an object: { finding, reason, until }");
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e))
      if (!["finding", "reason", "until"].includes(key))
        fail(`${at}/${key}`, "is no setting of an acknowledgement; give finding, reason and until");
    if (typeof e.finding !== "string" || !FINDING_ID.test(e.finding))
      fail(`${at}/finding`, "must be a finding id: 16 hex digits, as the reports show it");
    if (typeof e.reason !== "string" || e.reason.trim() === "")
      fail(`${at}/reason`, "must say why (a ticket, a decision)");
    if (typeof e.until !== "string" || !isDate(e.until)) fail(`${at}/until`, "must be a date, YYYY-MM-DD");
    return { finding: e.finding as string, reason: e.reason as string, until: e.until as string };
  });
}

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The key's description in the schema: its flag's help, with the unit a file gives it in. */
function describe(key: DriftSetting): string {
  const option = DRIFT_OPTIONS[key];
  const help = option.help.replace(/\n/g, " ");
  return option.kind === "duration" || ("value" in option && option.value === "MS")
    ? `${help}. In milliseconds.`
    : help;
}

/**
 * `drift-config.schema.json`, which `npm run gen` writes and the package ships for editors: the
 * same rules the reader applies, from the same sources (the catalogue's check ids, the spec's
 * operation ids, the command's options).
 */
export function driftConfigSchema(): Record<string, unknown> {
  const settings = Object.fromEntries(
    FILE_SETTINGS.map((key) => [key, { description: describe(key), ...jsonSchemaOf(DRIFT_OPTIONS[key]) }]),
  );
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "sip-endpoints-drift configuration",
    description: "Settings of the drift job (--config FILE). A flag on the command line wins over the file.",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      checks: {
        description:
          "By check id: switch a check off or give it another severity, for every operation or those listed.",
        type: "object",
        propertyNames: { enum: ALL_CHECKS.map((c) => c.id) },
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          anyOf: [{ required: ["enabled"] }, { required: ["severity"] }],
          properties: {
            enabled: { type: "boolean" },
            severity: { enum: [...SEVERITIES] },
            operations: { type: "array", minItems: 1, items: { enum: Object.keys(operations) } },
          },
        },
      },
      acknowledged: {
        description:
          "Known findings: each stays in the reports, marked, and does not make the run drift until the day after `until`.",
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["finding", "reason", "until"],
          properties: {
            finding: { type: "string", pattern: FINDING_ID.source, description: "The finding id the reports show." },
            reason: { type: "string", minLength: 1, pattern: "\\S" },
            until: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
          },
        },
      },
      ...settings,
    },
  };
}
