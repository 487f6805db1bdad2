#!/usr/bin/env node
import { createRequire as __bundleRequire } from "node:module";
const require = __bundleRequire(import.meta.url);
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};

// package.json
var name, version;
var init_package = __esm({
  "package.json"() {
    name = "signalwire-sip-endpoints-contract";
    version = "0.1.0";
  }
});

// src/cli/command.ts
import { parseArgs } from "node:util";
function flagOf(key, spec) {
  return `--${spec.flag ?? key}`;
}
function allowed(spec, from) {
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
      return from === "text" ? `a number of seconds above 0 and at most ${spec.max}` : `a whole number of milliseconds from 1 to ${spec.max * 1e3}`;
    case "choice":
      return `one of ${spec.choices.join(", ")}`;
    case "pairs":
      if (spec.of === "count")
        return allowed({ kind: "count", min: 0, ...spec.max !== void 0 ? { max: spec.max } : {}, help: "" }, from);
      return spec.of === "percent" ? "a percentage from 0 to 100" : "a string";
  }
}
function wholeNumber(text, min, max) {
  const trimmed = text.trim();
  const value = Number(trimmed);
  const pattern = min < 0 ? /^-?\d+$/ : /^\d+$/;
  return pattern.test(trimmed) && Number.isSafeInteger(value) && value >= min && value <= max ? value : void 0;
}
function decimal(text) {
  const trimmed = text.trim();
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : void 0;
}
function valueFromText(key, spec, text) {
  const refuse = () => {
    throw new UsageError(`${flagOf(key, spec)} must be ${allowed(spec, "text")}, not ${quoted(text)}`);
  };
  switch (spec.kind) {
    case "count":
      return wholeNumber(text, spec.min, spec.max ?? Number.MAX_SAFE_INTEGER) ?? refuse();
    case "duration": {
      const seconds = decimal(text);
      return seconds !== void 0 && seconds > 0 && seconds <= spec.max ? Math.round(seconds * 1e3) : refuse();
    }
    case "choice":
      return spec.choices.includes(text) ? text : refuse();
    default:
      return text;
  }
}
function pairFromText(key, spec, text) {
  const at = text.indexOf("=");
  const flag = flagOf(key, spec);
  if (at <= 0 || at === text.length - 1)
    throw new UsageError(`${flag} takes ${spec.value ?? "KEY=VALUE"} (e.g. ${spec.example}), not ${quoted(text)}`);
  const name2 = text.slice(0, at);
  const raw = text.slice(at + 1);
  if (spec.keys && !spec.keys.includes(name2))
    throw new UsageError(`${flag}: ${quoted(name2)} is not one of ${spec.keys.join(", ")}`);
  if (spec.of === "text") return [name2, raw];
  if (spec.of === "count") {
    const value = wholeNumber(raw, 0, spec.max ?? Number.MAX_SAFE_INTEGER);
    if (value === void 0)
      throw new UsageError(`${flag} ${name2} must be ${allowed(spec, "text")}, not ${quoted(raw)}`);
    return [name2, value];
  }
  const percent = decimal(raw.endsWith("%") ? raw.slice(0, -1) : raw);
  if (percent === void 0 || percent > 100)
    throw new UsageError(`${flag} ${name2} must be ${allowed(spec, "text")}, not ${quoted(raw)}`);
  return [name2, percent];
}
function defineCommand(spec) {
  const options = { ...spec.options, help: HELP, version: VERSION };
  const help = () => helpText(spec, options);
  return {
    help,
    parse(argv) {
      const { values, positionals } = parseCommandLine(argv, options, spec);
      return { values, positionals };
    },
    async main(argv, io) {
      const refuse = (error) => {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`error: ${error.message}
Run \`${spec.invocation} --help\` for the options.
`);
        return 2;
      };
      let parsed;
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
        io.stdout.write(`${name} ${version}
`);
        return 0;
      }
      try {
        return await spec.run({ values: parsed.values, positionals: parsed.positionals }, io);
      } catch (error) {
        return refuse(error);
      }
    }
  };
}
function parseCommandLine(argv, options, { positionals, unknownOptionHint }) {
  const byFlag = new Map(Object.entries(options).map(([key, o]) => [o.flag ?? key, key]));
  const config = Object.fromEntries(
    Object.entries(options).map(([key, o]) => [
      o.flag ?? key,
      { type: o.kind === "switch" ? "boolean" : "string", ...o.short ? { short: o.short } : {}, multiple: true }
    ])
  );
  const { tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const values = {};
  const rest = [];
  let help = false;
  let version2 = false;
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      rest.push(token.value);
      continue;
    }
    const key = byFlag.get(token.name);
    const spec = key === void 0 ? void 0 : options[key];
    if (key === void 0 || !spec) {
      const hint = unknownOptionHint?.(token.rawName);
      throw new UsageError(`unknown option ${token.rawName}${hint ? ` (${hint})` : ""}`);
    }
    const flag = flagOf(key, spec);
    if (spec.kind === "switch") {
      if (token.value !== void 0) throw new UsageError(`option ${flag} takes no value`);
      if (spec === HELP) help = true;
      else if (spec === VERSION) version2 = true;
      else values[key] = true;
      continue;
    }
    if (token.value === void 0 || !token.inlineValue && token.value.startsWith("-") && token.value !== "-") {
      throw new UsageError(
        `option ${flag} needs a value${token.value !== void 0 ? ` (write ${flag}=VALUE for a value that starts with "-")` : ""}`
      );
    }
    if (spec.kind === "pairs") {
      const [name2, value] = pairFromText(key, spec, token.value);
      const pairs = values[key] ??= {};
      if (Object.hasOwn(pairs, name2)) throw new UsageError(`${flag} ${name2} was given more than once; give it once`);
      pairs[name2] = value;
    } else if (spec.kind === "text" && spec.multiple) {
      (values[key] ??= []).push(token.value);
    } else if (key in values) {
      throw new UsageError(`option ${flag} was given more than once; give it once`);
    } else {
      values[key] = valueFromText(key, spec, token.value);
    }
  }
  const max = positionals?.max ?? 0;
  if (!help && !version2 && rest.length > max) {
    throw new UsageError(
      max === 0 ? "unexpected argument: this command takes options only" : `at most ${max} ${positionals.placeholder} argument${max === 1 ? "" : "s"} expected, got ${rest.length}`
    );
  }
  return { values, positionals: rest, help, version: version2 };
}
function placeholder(spec) {
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
function labelOf(key, o) {
  return `${o.short ? `-${o.short}, ` : ""}${flagOf(key, o)}${o.kind === "switch" ? "" : ` ${placeholder(o)}`}`;
}
function helpText(spec, options) {
  const labels = Object.entries(options).map(([key, o]) => labelOf(key, o));
  const width = Math.min(28, Math.max(...labels.map((l) => l.length)) + 2);
  const lines = Object.values(options).map((o, i) => {
    const [first = "", ...more] = o.help.split("\n");
    const head = labels[i].padEnd(width);
    return [
      `  ${head}${labels[i].length >= width ? `
  ${" ".repeat(width)}` : ""}${first}`,
      ...more.map((m) => `  ${" ".repeat(width)}${m}`)
    ].join("\n");
  });
  const positional = spec.positionals ? ` [${spec.positionals.placeholder}]` : "";
  const epilog = spec.epilog ? `
${spec.epilog().trimEnd()}
` : "";
  return `Usage: ${spec.invocation} [options]${positional}

${spec.summary.trimEnd()}

Options:
${lines.join("\n")}
${epilog}`;
}
function runCommand(command, argv = process.argv.slice(2)) {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name2) => {
    signals += 1;
    if (signals === 1) controller.abort(name2);
    else {
      process.stderr.write(`
${name2} again: quitting at once
`);
      process.exit(2);
    }
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
      if (!controller.signal.aborted) controller.abort("the output pipe closed");
    });
  }
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal
  };
  command.main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}
`);
      if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}
`);
      process.exitCode = 2;
    }
  );
}
var UsageError, quoted, HELP, VERSION;
var init_command = __esm({
  "src/cli/command.ts"() {
    "use strict";
    init_package();
    UsageError = class extends Error {
      name = "UsageError";
    };
    quoted = (text) => JSON.stringify(text.slice(0, 40));
    HELP = { kind: "switch", short: "h", help: "show this help" };
    VERSION = { kind: "switch", help: "print the package's name and version" };
  }
});

// src/checks/types.ts
var SEVERITY_RANK, SEVERITIES;
var init_types = __esm({
  "src/checks/types.ts"() {
    "use strict";
    SEVERITY_RANK = { info: 0, warning: 1, breaking: 2 };
    SEVERITIES = Object.keys(SEVERITY_RANK).sort(
      (a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a]
    );
  }
});

// src/drift/report/markdown-text.ts
function cell(text) {
  return oneLine(String(text ?? "")).replace(/[&<>]/g, (c) => ENTITY[c]).replace(/`/g, "'");
}
function pointerCell(pointer) {
  return pointer === "" ? "(whole body)" : `\`${oneLine(pointer).replace(/`/g, "'")}\``;
}
var ENTITY, oneLine;
var init_markdown_text = __esm({
  "src/drift/report/markdown-text.ts"() {
    "use strict";
    ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
    oneLine = (text) => text.replace(/\r\n?|\n/g, " ").replace(/\|/g, "\\|");
  }
});

// src/drift/issues.ts
function issueBody(f, runUrl) {
  return [
    `<!-- drift-finding:${f.id} -->`,
    `<!-- drift-check:${f.check} ${f.operationId} -->`,
    cell(f.message),
    "",
    "| | |",
    "|---|---|",
    `| check | \`${f.check}\` (${f.severity}) |`,
    `| operation | \`${f.operationId}\` ${f.method} \`${f.path}\` |`,
    `| status | ${f.status ?? ""} |`,
    `| pointer (first) | ${pointerCell(f.pointer)} |`,
    `| expected | ${cell(f.expected)} |`,
    `| actual | ${cell(f.actual)} |`,
    `| occurrences in the last run | ${f.occurrences} |`,
    `| finding id | \`${f.id}\` |`,
    "",
    `Last seen: ${runUrl}`
  ].join("\n");
}
function issueTitle(f) {
  return `Drift: ${f.check} on ${f.operationId} at ${f.pointer === "" ? "(whole body)" : f.pointer}`;
}
function planIssues(report, openIssues, runUrl) {
  const plan = { open: [], refresh: [], close: [], keep: [], label: [] };
  const acknowledged = new Map(
    (report.acknowledgements ?? []).filter((a) => a.status === "active").map((a) => [a.finding, a])
  );
  const threshold = SEVERITY_RANK[report.failOn];
  const seen = new Map(report.findings.map((f) => [f.id, f]));
  const evaluated = new Set(report.evaluated.map((p) => `${p.check} ${p.operationId}`));
  const conclusive = report.outcome === "pass" || report.outcome === "drift";
  const tracked = /* @__PURE__ */ new Set();
  for (const issue of openIssues) {
    const findingId = FINDING_MARK.exec(issue.body)?.[1];
    if (!findingId) continue;
    tracked.add(findingId);
    const finding = seen.get(findingId);
    const ack = acknowledged.get(findingId);
    if (ack) {
      plan.label.push({
        number: issue.number,
        findingId,
        label: ACKNOWLEDGED_LABEL,
        comment: `Acknowledged until ${ack.until}: ${ack.reason}. Still seen in ${runUrl}.`
      });
    } else if (finding && SEVERITY_RANK[finding.severity] >= threshold) {
      plan.refresh.push({
        number: issue.number,
        findingId,
        body: issueBody(finding, runUrl),
        comment: `Still seen in ${runUrl} (${finding.occurrences} occurrence${finding.occurrences === 1 ? "" : "s"}).`
      });
    } else if (finding) {
      plan.keep.push({ number: issue.number, findingId, reason: `still seen, below --fail-on ${report.failOn}` });
    } else if (!conclusive) {
      plan.keep.push({ number: issue.number, findingId, reason: `the run was ${report.outcome}` });
    } else {
      const check = CHECK_MARK.exec(issue.body);
      if (!check)
        plan.keep.push({ number: issue.number, findingId, reason: "the issue does not say which check found it" });
      else if (!evaluated.has(`${check[1]} ${check[2]}`))
        plan.keep.push({
          number: issue.number,
          findingId,
          reason: `${check[1]} was not evaluated on ${check[2]} in this run`
        });
      else
        plan.close.push({
          number: issue.number,
          findingId,
          comment: `Not seen in ${runUrl}, a conclusive run that evaluated ${check[1]} on ${check[2]}; closing. It comes back as a new issue if it returns.`
        });
    }
  }
  for (const finding of report.findings) {
    if (tracked.has(finding.id) || acknowledged.has(finding.id) || SEVERITY_RANK[finding.severity] < threshold)
      continue;
    plan.open.push({ findingId: finding.id, title: issueTitle(finding), body: issueBody(finding, runUrl) });
  }
  return plan;
}
var ACKNOWLEDGED_LABEL, FINDING_MARK, CHECK_MARK;
var init_issues = __esm({
  "src/drift/issues.ts"() {
    "use strict";
    init_types();
    init_markdown_text();
    ACKNOWLEDGED_LABEL = "drift-acknowledged";
    FINDING_MARK = /<!-- drift-finding:([0-9a-f]+) -->/;
    CHECK_MARK = /<!-- drift-check:([a-z-]+) ([a-z_]+) -->/;
  }
});

// src/redact.ts
function redactText(text, secrets) {
  let out = "";
  let from = 0;
  for (const [start, end] of joined(occurrences(text, secretIndex(secrets)))) {
    out += text.slice(from, start) + REDACTED;
    from = end;
  }
  out += text.slice(from);
  return out.replace(/(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${REDACTED}`);
}
function occurrences(text, index) {
  const found = [];
  const at = (i, forms) => {
    const match = forms?.find((secret) => text.startsWith(secret, i));
    if (match !== void 0) found.push([i, i + match.length]);
  };
  if (index.size > FEW_KEYS) {
    for (let i = 0; i + KEY_LENGTH <= text.length; i++) at(i, index.get(text.slice(i, i + KEY_LENGTH)));
    return found;
  }
  for (const [key, forms] of index) for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) at(i, forms);
  return found.sort((a, b) => a[0] - b[0]);
}
function joined(occurrences2) {
  const runs = [];
  for (const [start, end] of occurrences2) {
    const last = runs.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else runs.push([start, end]);
  }
  return runs;
}
function secretIndex(secrets) {
  const cached = indexes.get(secrets);
  if (cached && cached.length === secrets.length) return cached.index;
  const index = /* @__PURE__ */ new Map();
  for (const form of expandSecrets(secrets)) {
    const key = form.slice(0, KEY_LENGTH);
    index.set(key, [...index.get(key) ?? [], form]);
  }
  indexes.set(secrets, { length: secrets.length, index });
  return index;
}
function expandSecrets(secrets) {
  const forms = /* @__PURE__ */ new Set();
  for (const s of secrets) {
    if (!s || s.length < KEY_LENGTH) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString("base64"));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
var REDACTED, FEW_KEYS, KEY_LENGTH, indexes;
var init_redact = __esm({
  "src/redact.ts"() {
    "use strict";
    REDACTED = "[REDACTED]";
    FEW_KEYS = 16;
    KEY_LENGTH = 4;
    indexes = /* @__PURE__ */ new WeakMap();
  }
});

// src/cli/github-issues.ts
function githubTracker({
  repository,
  token,
  apiUrl = "https://api.github.com",
  fetch: send = fetch
}) {
  const base = `${apiUrl.replace(/\/+$/, "")}/repos/${repository}`;
  const call = async (method, path, body, allowed2 = []) => {
    let response;
    try {
      response = await send(`${base}${path}`, {
        method,
        headers: {
          accept: "application/vnd.github+json",
          authorization: `Bearer ${token}`,
          "x-github-api-version": "2022-11-28",
          "user-agent": "sip-endpoints-issues",
          ...body === void 0 ? {} : { "content-type": "application/json" }
        },
        body: body === void 0 ? void 0 : JSON.stringify(body)
      });
    } catch (error) {
      throw new GitHubError(
        redactText(`${method} ${path}: no answer from ${apiUrl} (${error.message})`, [token])
      );
    }
    const text = await response.text();
    if (!response.ok && !allowed2.includes(response.status)) {
      const said = /"message"\s*:\s*"([^"]{0,200})"/.exec(text)?.[1];
      throw new GitHubError(
        redactText(`${method} /repos/${repository}${path} answered ${response.status}${said ? `: ${said}` : ""}`, [
          token
        ])
      );
    }
    return text === "" ? void 0 : JSON.parse(text);
  };
  return {
    async openIssues(label) {
      const found = [];
      for (let page = 1; ; page++) {
        const items = await call(
          "GET",
          `/issues?state=open&labels=${encodeURIComponent(label)}&per_page=${PAGE}&page=${page}`
        );
        for (const item of items)
          if (item.pull_request === void 0) found.push({ number: item.number, body: item.body ?? "" });
        if (items.length < PAGE) return found;
      }
    },
    async ensureLabel(label) {
      await call("POST", "/labels", label, [422]);
    },
    async create(issue) {
      await call("POST", "/issues", issue);
    },
    async edit(number, body) {
      await call("PATCH", `/issues/${number}`, { body });
    },
    async comment(number, body) {
      await call("POST", `/issues/${number}/comments`, { body });
    },
    async close(number) {
      await call("PATCH", `/issues/${number}`, { state: "closed", state_reason: "completed" });
    },
    async addLabels(number, labels) {
      await call("POST", `/issues/${number}/labels`, { labels });
    }
  };
}
var GitHubError, PAGE;
var init_github_issues = __esm({
  "src/cli/github-issues.ts"() {
    "use strict";
    init_redact();
    GitHubError = class extends Error {
      name = "GitHubError";
    };
    PAGE = 100;
  }
});

// src/cli/sync-issues.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
function syncIssuesCommand(invocation, tracker = githubTracker) {
  return defineCommand({
    invocation,
    summary: "Opens, refreshes and closes the repository's drift issues (one per finding id) from a run's report.json, through GitHub's REST API.",
    options: {
      report: { kind: "text", value: "FILE", help: "the run's report.json (default drift-report/report.json)" },
      "run-url": {
        kind: "text",
        value: "URL",
        help: "the run's page, named in every issue and comment\n(default: this workflow run's, from GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID)"
      },
      repo: {
        kind: "text",
        value: "OWNER/NAME",
        help: "the repository whose issues to keep (default GITHUB_REPOSITORY)"
      },
      apply: { kind: "switch", help: "carry the plan out (default: print it only)" }
    },
    epilog: () => `Environment: GITHUB_TOKEN (or GH_TOKEN; in a workflow, with \`permissions: issues: write\`),
GITHUB_REPOSITORY, GITHUB_API_URL (GitHub Enterprise Server), GITHUB_SERVER_URL and GITHUB_RUN_ID.
Exit codes: 0 done (or planned), 2 bad usage or a GitHub call that failed.`,
    async run({ values }, io) {
      const file = resolve(io.cwd, values.report ?? "drift-report/report.json");
      let report;
      try {
        report = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        throw new UsageError(`cannot read the report ${file}: ${error.message}`);
      }
      if (report.tool !== "sip-endpoints-drift" || !Array.isArray(report.findings))
        throw new UsageError(`${file} is not a drift report`);
      const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
      if (!token)
        throw new UsageError(
          "needs GITHUB_TOKEN (or GH_TOKEN) in the environment, a token that may read and write the repository's issues"
        );
      const repository = values.repo ?? io.env.GITHUB_REPOSITORY;
      if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository))
        throw new UsageError(
          `needs the repository as OWNER/NAME: --repo, or GITHUB_REPOSITORY${repository ? ` (not "${repository}")` : ""}`
        );
      const { GITHUB_SERVER_URL: server, GITHUB_RUN_ID: runId } = io.env;
      const runUrl = values["run-url"] ?? (server && runId ? `${server}/${repository}/actions/runs/${runId}` : "(run URL not given)");
      const issues = tracker({
        repository,
        token,
        ...io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}
      });
      try {
        const plan = planIssues(report, await issues.openIssues(LABEL.name), runUrl);
        io.stdout.write(`${JSON.stringify(plan, null, 2)}
`);
        if (!values.apply) return 0;
        await issues.ensureLabel(LABEL);
        for (const issue of plan.refresh) {
          await issues.edit(issue.number, issue.body);
          await issues.comment(issue.number, issue.comment);
        }
        for (const issue of plan.open)
          await issues.create({ title: issue.title, body: issue.body, labels: [LABEL.name] });
        for (const issue of plan.close) {
          await issues.comment(issue.number, issue.comment);
          await issues.close(issue.number);
        }
        if (plan.label.length > 0) await issues.ensureLabel(ACKNOWLEDGED);
        for (const issue of plan.label) {
          await issues.addLabels(issue.number, [issue.label]);
          await issues.comment(issue.number, issue.comment);
        }
        io.stderr.write(
          `sync-issues: opened ${plan.open.length}, refreshed ${plan.refresh.length}, closed ${plan.close.length}, labelled ${plan.label.length} acknowledged, kept ${plan.keep.length}
`
        );
        return 0;
      } catch (error) {
        if (!(error instanceof GitHubError)) throw error;
        io.stderr.write(`error: ${redactText(error.message, [token])}
`);
        return 2;
      }
    }
  });
}
var LABEL, ACKNOWLEDGED;
var init_sync_issues = __esm({
  "src/cli/sync-issues.ts"() {
    "use strict";
    init_issues();
    init_redact();
    init_command();
    init_github_issues();
    LABEL = { name: "drift", color: "B60205", description: "The live API drifted from the spec" };
    ACKNOWLEDGED = {
      name: ACKNOWLEDGED_LABEL,
      color: "FBCA04",
      description: "Known drift, acknowledged in the drift job's configuration until a date"
    };
  }
});

// src/bin/sip-endpoints-issues.ts
var require_sip_endpoints_issues = __commonJS({
  "src/bin/sip-endpoints-issues.ts"() {
    init_command();
    init_sync_issues();
    runCommand(syncIssuesCommand("sip-endpoints-issues"));
  }
});
export default require_sip_endpoints_issues();
