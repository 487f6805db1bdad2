/**
 * The one way a command is declared: its options (each with its help line), what it does with
 * them, and nothing else. Every script and bin gets the same `-h`/`--help`, the same usage errors
 * (exit 2, a message of our own that never echoes a value, which might be a secret), a refusal of
 * repeated options and positionals it does not take, and a `main(argv, io)` that tests call.
 */
import { parseArgs } from "node:util";
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

interface OptionSpec {
  type: "string" | "boolean";
  /** The value's placeholder in the help text, e.g. `N` or `URL`. */
  value?: string;
  short?: string;
  /** Allowed more than once; the values are kept in order. */
  multiple?: boolean;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O["type"] extends "boolean"
  ? boolean
  : O["multiple"] extends true
    ? string[]
    : string;
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

export interface Command {
  main(argv: string[], io: CommandIo): Promise<number>;
  help(): string;
}

/** A mistake on the command line; `main` prints it with a pointer to `--help` and exits 2. */
/**
 * A whole number given on the command line, the one rule of every command: surrounding white
 * space is ignored, then digits only (a minus sign only where `min` is below 0), no exponent,
 * fraction or unit, within the safe integers and within `min`…`max`.
 */
export function wholeNumberOption(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  const pattern = min < 0 ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(trimmed) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${flag} must be a whole number ${range}, not ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value;
}

/** A number of seconds given on the command line: digits with an optional fraction, above 0 and at most `max`. */
export function secondsOption(flag: string, text: string, max: number): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+(?:\.\d+)?$/.test(trimmed) || value <= 0 || value > max)
    throw new UsageError(
      `--${flag} must be a number of seconds above 0 and at most ${max}, not ${JSON.stringify(text.slice(0, 40))}`,
    );
  return value;
}

export class UsageError extends Error {
  override name = "UsageError";
}

const HELP: OptionSpec = { type: "boolean", short: "h", help: "show this help" };
const VERSION: OptionSpec = { type: "boolean", help: "print the package's name and version" };

export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const options: OptionSpecs = { ...spec.options, help: HELP, version: VERSION };
  const help = () => helpText(spec, options);
  return {
    help,
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
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), multiple: true },
    ]),
  );
  const { tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | string[]> = {};
  const rest: string[] = [];
  let help = false;
  let version = false;
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      rest.push(token.value);
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(options, token.name) ? options[token.name] : undefined;
    if (!spec) {
      const hint = unknownOptionHint?.(token.rawName);
      throw new UsageError(`unknown option ${token.rawName}${hint ? ` (${hint})` : ""}`);
    }
    const flag = `--${token.name}`;
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`option ${flag} takes no value`);
      if (spec === HELP) help = true;
      else if (spec === VERSION) version = true;
      else values[token.name] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value !== "-")) {
      throw new UsageError(
        `option ${flag} needs a value${token.value !== undefined ? ` (write ${flag}=VALUE for a value that starts with "-")` : ""}`,
      );
    }
    if (spec.multiple) {
      const list = (values[token.name] as string[] | undefined) ?? [];
      list.push(token.value);
      values[token.name] = list;
    } else if (token.name in values) {
      throw new UsageError(`option ${flag} was given more than once; give it once`);
    } else {
      values[token.name] = token.value;
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

function helpText(spec: CommandSpec<OptionSpecs>, options: OptionSpecs): string {
  const label = (name: string, o: OptionSpec) =>
    `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
  const labels = Object.entries(options).map(([name, o]) => label(name, o));
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
