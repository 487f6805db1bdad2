/**
 * The one way a command is declared: its options (each with its kind and its help line), what it
 * does with them, and nothing else. Every script and bin gets the same `-h`/`--help`, the same
 * usage errors (exit 2, a message of our own that never echoes a secret), a refusal of repeated
 * options and positionals it does not take, and a `main(argv, io)` that tests call.
 *
 * An option's kind is the one rule for its values, wherever they come from: the command line
 * (`valueFromText`) or a JSON file of settings (`valueFromJson`) say the same about the same value.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { name as packageName, version as packageVersion } from "../../package.json";

export interface CommandIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where relative paths given on the command line are resolved. */
  cwd: string;
  /** Aborted when the process is asked to stop; its reason is the signal's name (`SIGINT`, `SIGTERM`). */
  signal?: AbortSignal;
}

interface OptionBase {
  /** Its spelling on the command line when that is not its key (the values are keyed by the key). */
  flag?: string;
  short?: string;
  /** The value's placeholder in the help text, e.g. `N` or `URL`. */
  value?: string;
  help: string;
}

/** What an option takes, and so how its value is read and refused. */
export type OptionSpec = OptionBase &
  (
    | { kind: "switch" }
    | { kind: "text" /** Allowed more than once; the values are kept in order. */; multiple?: boolean }
    /** A whole number within `min`…`max`. */
    | { kind: "count"; min: number; max?: number }
    /** Seconds on the command line (a fraction allowed), at most `max`; the value is in milliseconds. */
    | { kind: "duration"; max: number }
    | { kind: "choice"; choices: readonly string[] }
    /**
     * `KEY=VALUE`, repeatable, each key once (one of `keys` when given); values are text,
     * percentages or whole numbers from 0 to `max`.
     */
    | { kind: "pairs"; of: "text" | "percent" | "count"; max?: number; keys?: readonly string[]; example: string }
  );

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O extends { kind: "switch" }
  ? boolean
  : O extends { kind: "text"; multiple: true }
    ? string[]
    : O extends { kind: "text" }
      ? string
      : O extends { kind: "count" | "duration" }
        ? number
        : O extends { kind: "choice"; choices: readonly (infer C)[] }
          ? C
          : O extends { kind: "pairs"; of: "percent" | "count" }
            ? Record<string, number>
            : Record<string, string>;
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> };

export interface CommandSpec<O extends OptionSpecs> {
  /** How the user runs it, e.g. `npm run mock --` or `sip-endpoints-mock`. */
  invocation: string;
  /** What it does, one paragraph. */
  summary: string;
  options: O;
  /** Positional arguments it takes (none unless given). */
  positionals?: { placeholder: string; max: number };
  /** A hint added to "unknown option" (e.g. where credentials come from instead). */
  unknownOptionHint?: (rawName: string) => string | undefined;
  /** Text after the option list: environment, exit codes. */
  epilog?: () => string;
  run(args: { values: OptionValues<O>; positionals: string[] }, io: CommandIo): Promise<number>;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  main(argv: string[], io: CommandIo): Promise<number>;
  /** The values the command line gives, by option key; throws `UsageError`. */
  parse(argv: string[]): { values: OptionValues<O>; positionals: string[] };
  help(): string;
}

/** A mistake on the command line; `main` prints it with a pointer to `--help` and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** How an option is written on the command line. */
export function flagOf(key: string, spec: OptionSpec): string {
  return `--${spec.flag ?? key}`;
}

/** The values an option allows, in words, for messages. */
function allowed(spec: OptionSpec, from: "text" | "json"): string {
  switch (spec.kind) {
    case "switch":
      return "true or false";
    case "text":
      return from === "json" && spec.multiple ? "a list of strings" : "a string";
    case "count": {
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      return `a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${spec.min}` : `from ${spec.min} to ${max}`}`;
    }
    case "duration":
      return from === "text"
        ? `a number of seconds above 0 and at most ${spec.max}`
        : `a whole number of milliseconds from 1 to ${spec.max * 1000}`;
    case "choice":
      return `one of ${spec.choices.join(", ")}`;
    case "pairs":
      if (spec.of === "count")
        return allowed({ kind: "count", min: 0, ...(spec.max !== undefined ? { max: spec.max } : {}), help: "" }, from);
      return spec.of === "percent" ? "a percentage from 0 to 100" : "a string";
  }
}

const quoted = (text: string) => JSON.stringify(text.slice(0, 40));

/**
 * A whole number as text: surrounding white space ignored, then digits only (a minus sign only
 * where `min` is below 0), no exponent, fraction or unit, within the safe integers and the range.
 */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  const pattern = min < 0 ? /^-?\d+$/ : /^\d+$/;
  return pattern.test(trimmed) && Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** Digits with an optional fraction, white space around them ignored. */
function decimal(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** One value of an option as the command line gives it; throws `UsageError` naming the flag. */
function valueFromText(key: string, spec: OptionSpec, text: string): unknown {
  const refuse = (): never => {
    throw new UsageError(`${flagOf(key, spec)} must be ${allowed(spec, "text")}, not ${quoted(text)}`);
  };
  switch (spec.kind) {
    case "count":
      return wholeNumber(text, spec.min, spec.max ?? Number.MAX_SAFE_INTEGER) ?? refuse();
    case "duration": {
      const seconds = decimal(text);
      return seconds !== undefined && seconds > 0 && seconds <= spec.max ? Math.round(seconds * 1000) : refuse();
    }
    case "choice":
      return spec.choices.includes(text) ? text : refuse();
    default:
      return text;
  }
}

/** One `KEY=VALUE` of a `pairs` option, its value read by the option's rule. */
function pairFromText(key: string, spec: OptionSpec & { kind: "pairs" }, text: string): [string, string | number] {
  const at = text.indexOf("=");
  const flag = flagOf(key, spec);
  if (at <= 0 || at === text.length - 1)
    throw new UsageError(`${flag} takes ${spec.value ?? "KEY=VALUE"} (e.g. ${spec.example}), not ${quoted(text)}`);
  const name = text.slice(0, at);
  const raw = text.slice(at + 1);
  if (spec.keys && !spec.keys.includes(name))
    throw new UsageError(`${flag}: ${quoted(name)} is not one of ${spec.keys.join(", ")}`);
  if (spec.of === "text") return [name, raw];
  if (spec.of === "count") {
    const value = wholeNumber(raw, 0, spec.max ?? Number.MAX_SAFE_INTEGER);
    if (value === undefined)
      throw new UsageError(`${flag} ${name} must be ${allowed(spec, "text")}, not ${quoted(raw)}`);
    return [name, value];
  }
  const percent = decimal(raw.endsWith("%") ? raw.slice(0, -1) : raw);
  if (percent === undefined || percent > 100)
    throw new UsageError(`${flag} ${name} must be ${allowed(spec, "text")}, not ${quoted(raw)}`);
  return [name, percent];
}

/**
 * An option's value as a JSON file of settings gives it: the value, or the problem (and the
 * pointer below the option's own where it lies), in words for a message.
 */
export function valueFromJson(spec: OptionSpec, value: unknown): { value: unknown } | { problem: string; at?: string } {
  const problem = { problem: `must be ${allowed(spec, "json")}` };
  switch (spec.kind) {
    case "switch":
      return typeof value === "boolean" ? { value } : problem;
    case "text":
      if (spec.multiple) return Array.isArray(value) && value.every((v) => typeof v === "string") ? { value } : problem;
      return typeof value === "string" ? { value } : problem;
    case "count": {
      const ok =
        typeof value === "number" &&
        Number.isSafeInteger(value) &&
        value >= spec.min &&
        value <= (spec.max ?? Number.MAX_SAFE_INTEGER);
      return ok ? { value } : problem;
    }
    case "duration":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 && value <= spec.max * 1000
        ? { value }
        : problem;
    case "choice":
      return typeof value === "string" && spec.choices.includes(value) ? { value } : problem;
    case "pairs": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return { problem: `must be an object of ${spec.value ?? "KEY=VALUE"} pairs, e.g. ${spec.example}` };
      for (const [name, v] of Object.entries(value)) {
        if (spec.keys && !spec.keys.includes(name))
          return { problem: `is not one of ${spec.keys.join(", ")}`, at: `/${name}` };
        const ok =
          spec.of === "text"
            ? typeof v === "string"
            : spec.of === "percent"
              ? typeof v === "number" && v >= 0 && v <= 100
              : typeof v === "number" &&
                Number.isSafeInteger(v) &&
                v >= 0 &&
                v <= (spec.max ?? Number.MAX_SAFE_INTEGER);
        if (!ok) return { problem: `must be ${allowed(spec, "json")}`, at: `/${name}` };
      }
      return { value };
    }
  }
}

/** The JSON Schema of an option's value in a file of settings: what `valueFromJson` accepts, for editors. */
export function jsonSchemaOf(spec: OptionSpec): Record<string, unknown> {
  switch (spec.kind) {
    case "switch":
      return { type: "boolean" };
    case "text":
      return spec.multiple ? { type: "array", items: { type: "string" } } : { type: "string" };
    case "count":
      return { type: "integer", minimum: spec.min, ...(spec.max !== undefined ? { maximum: spec.max } : {}) };
    case "duration":
      return { type: "integer", minimum: 1, maximum: spec.max * 1000 };
    case "choice":
      return { enum: [...spec.choices] };
    case "pairs": {
      const value =
        spec.of === "text"
          ? { type: "string" }
          : spec.of === "percent"
            ? { type: "number", minimum: 0, maximum: 100 }
            : jsonSchemaOf({ kind: "count", min: 0, ...(spec.max !== undefined ? { max: spec.max } : {}), help: "" });
      return {
        type: "object",
        ...(spec.keys ? { propertyNames: { enum: [...spec.keys] } } : {}),
        additionalProperties: value,
      };
    }
  }
}

const HELP: OptionSpec = { kind: "switch", short: "h", help: "show this help" };
const VERSION: OptionSpec = { kind: "switch", help: "print the package's name and version" };

export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): Command<O> {
  const options: OptionSpecs = { ...spec.options, help: HELP, version: VERSION };
  const help = () => helpText(spec, options);
  return {
    help,
    parse(argv) {
      const { values, positionals } = parseCommandLine<O>(argv, options, spec);
      return { values, positionals };
    },
    async main(argv, io) {
      const refuse = (error: unknown): number => {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`error: ${error.message}\nRun \`${spec.invocation} --help\` for the options.\n`);
        return 2;
      };
      let parsed: { values: OptionValues<O>; positionals: string[]; help: boolean; version: boolean };
      try {
        parsed = parseCommandLine(argv, options, spec);
      } catch (error) {
        return refuse(error);
      }
      if (parsed.help) {
        io.stdout.write(help());
        return 0;
      }
      if (parsed.version) {
        io.stdout.write(`${packageName} ${packageVersion}\n`);
        return 0;
      }
      try {
        return await spec.run({ values: parsed.values, positionals: parsed.positionals }, io);
      } catch (error) {
        return refuse(error);
      }
    },
  };
}

/**
 * Node's `parseArgs` in its lenient mode hands back every token as it was written; the rules (and
 * the wording of every refusal) are ours, so no message of another program is ever parsed.
 */
function parseCommandLine<O extends OptionSpecs>(
  argv: string[],
  options: OptionSpecs,
  { positionals, unknownOptionHint }: Pick<CommandSpec<O>, "positionals" | "unknownOptionHint">,
): { values: OptionValues<O>; positionals: string[]; help: boolean; version: boolean } {
  const byFlag = new Map(Object.entries(options).map(([key, o]) => [o.flag ?? key, key]));
  const config: ParseArgsConfig["options"] = Object.fromEntries(
    Object.entries(options).map(([key, o]) => [
      o.flag ?? key,
      { type: o.kind === "switch" ? "boolean" : "string", ...(o.short ? { short: o.short } : {}), multiple: true },
    ]),
  );
  const { tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  const rest: string[] = [];
  let help = false;
  let version = false;
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      rest.push(token.value);
      continue;
    }
    const key = byFlag.get(token.name);
    const spec = key === undefined ? undefined : options[key];
    if (key === undefined || !spec) {
      const hint = unknownOptionHint?.(token.rawName);
      throw new UsageError(`unknown option ${token.rawName}${hint ? ` (${hint})` : ""}`);
    }
    const flag = flagOf(key, spec);
    if (spec.kind === "switch") {
      if (token.value !== undefined) throw new UsageError(`option ${flag} takes no value`);
      if (spec === HELP) help = true;
      else if (spec === VERSION) version = true;
      else values[key] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value !== "-")) {
      throw new UsageError(
        `option ${flag} needs a value${token.value !== undefined ? ` (write ${flag}=VALUE for a value that starts with "-")` : ""}`,
      );
    }
    if (spec.kind === "pairs") {
      const [name, value] = pairFromText(key, spec, token.value);
      const pairs = (values[key] ??= {}) as Record<string, unknown>;
      if (Object.hasOwn(pairs, name)) throw new UsageError(`${flag} ${name} was given more than once; give it once`);
      pairs[name] = value;
    } else if (spec.kind === "text" && spec.multiple) {
      ((values[key] ??= []) as string[]).push(token.value);
    } else if (key in values) {
      throw new UsageError(`option ${flag} was given more than once; give it once`);
    } else {
      values[key] = valueFromText(key, spec, token.value);
    }
  }
  const max = positionals?.max ?? 0;
  if (!help && !version && rest.length > max) {
    throw new UsageError(
      max === 0
        ? "unexpected argument: this command takes options only"
        : `at most ${max} ${positionals!.placeholder} argument${max === 1 ? "" : "s"} expected, got ${rest.length}`,
    );
  }
  return { values: values as OptionValues<O>, positionals: rest, help, version };
}

/** The placeholder an option's value gets in the help text when it names none. */
function placeholder(spec: OptionSpec): string {
  if (spec.value) return spec.value;
  switch (spec.kind) {
    case "count":
      return "N";
    case "duration":
      return "SECONDS";
    case "choice":
      return spec.choices.join("|");
    case "pairs":
      return "KEY=VALUE";
    default:
      return "VALUE";
  }
}

/** How an option is shown in help: its short form, its flag and its value's placeholder. */
function labelOf(key: string, o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ""}${flagOf(key, o)}${o.kind === "switch" ? "" : ` ${placeholder(o)}`}`;
}

/** Each option as the help shows it, its help in one line: for a reference page's table of them. */
export function optionRows(options: OptionSpecs): Array<{ option: string; help: string }> {
  return Object.entries(options).map(([key, o]) => ({ option: labelOf(key, o), help: o.help.replace(/\n/g, " ") }));
}

function helpText(spec: CommandSpec<OptionSpecs>, options: OptionSpecs): string {
  const labels = Object.entries(options).map(([key, o]) => labelOf(key, o));
  const width = Math.min(28, Math.max(...labels.map((l) => l.length)) + 2);
  const lines = Object.values(options).map((o, i) => {
    const [first = "", ...more] = o.help.split("\n");
    const head = labels[i]!.padEnd(width);
    return [
      `  ${head}${labels[i]!.length >= width ? `\n  ${" ".repeat(width)}` : ""}${first}`,
      ...more.map((m) => `  ${" ".repeat(width)}${m}`),
    ].join("\n");
  });
  const positional = spec.positionals ? ` [${spec.positionals.placeholder}]` : "";
  const epilog = spec.epilog ? `\n${spec.epilog().trimEnd()}\n` : "";
  return `Usage: ${spec.invocation} [options]${positional}\n\n${spec.summary.trimEnd()}\n\nOptions:\n${lines.join("\n")}\n${epilog}`;
}

/**
 * Runs a command as the process: real streams and environment, SIGINT/SIGTERM abort its signal
 * (a second one quits at once), and the exit code is the command's. An unexpected error prints its
 * message, not a stack of library frames, and exits 2, the code of "could not do the job".
 */
export function runCommand(command: Command, argv: string[] = process.argv.slice(2)): void {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => {
    signals += 1;
    if (signals === 1) controller.abort(name);
    else {
      process.stderr.write(`\n${name} again: quitting at once\n`);
      process.exit(2);
    }
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  // A reader that went away (`sip-endpoints-mock | head`) stops the command as a signal would,
  // quietly: what it still writes has nowhere to go.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
      if (!controller.signal.aborted) controller.abort("the output pipe closed");
    });
  }
  const io: CommandIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
  command.main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 2;
    },
  );
}
