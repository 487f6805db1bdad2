/**
 * The few calls of GitHub's REST API that keeping one issue per finding needs, made with the
 * platform's `fetch` and a token (a workflow's `GITHUB_TOKEN`): no other tool on the runner. The
 * token goes only into the `Authorization` header and never into a message.
 */
import { redactText } from "../redact";
import type { OpenIssue } from "../drift/issues";

export interface IssueTracker {
  /** Open issues (not pull requests) that carry the label, every page of them. */
  openIssues(label: string): Promise<OpenIssue[]>;
  /** Creates the label; one that exists already is left as it is. */
  ensureLabel(label: { name: string; color: string; description: string }): Promise<void>;
  create(issue: { title: string; body: string; labels: string[] }): Promise<void>;
  edit(number: number, body: string): Promise<void>;
  comment(number: number, body: string): Promise<void>;
  close(number: number): Promise<void>;
  /** Adds labels to an issue (those it has stay). */
  addLabels(number: number, labels: string[]): Promise<void>;
}

/** A GitHub API call that did not do what it should; the message names the call and the status. */
export class GitHubError extends Error {
  override name = "GitHubError";
}

interface Options {
  /** `owner/name`. */
  repository: string;
  token: string;
  /** Default `https://api.github.com` (GitHub Enterprise Server: its `/api/v3`). */
  apiUrl?: string;
  fetch?: typeof fetch;
}

const PAGE = 100;

export function githubTracker({
  repository,
  token,
  apiUrl = "https://api.github.com",
  fetch: send = fetch,
}: Options): IssueTracker {
  const base = `${apiUrl.replace(/\/+$/, "")}/repos/${repository}`;
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    allowed: readonly number[] = [],
  ): Promise<unknown> => {
    let response: Response;
    try {
      response = await send(`${base}${path}`, {
        method,
        headers: {
          accept: "application/vnd.github+json",
          authorization: `Bearer ${token}`,
          "x-github-api-version": "2022-11-28",
          "user-agent": "sip-endpoints-issues",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new GitHubError(
        redactText(`${method} ${path}: no answer from ${apiUrl} (${(error as Error).message})`, [token]),
      );
    }
    const text = await response.text();
    if (!response.ok && !allowed.includes(response.status)) {
      const said = /"message"\s*:\s*"([^"]{0,200})"/.exec(text)?.[1];
      throw new GitHubError(
        redactText(`${method} /repos/${repository}${path} answered ${response.status}${said ? `: ${said}` : ""}`, [
          token,
        ]),
      );
    }
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  };
  return {
    async openIssues(label) {
      const found: OpenIssue[] = [];
      for (let page = 1; ; page++) {
        const items = (await call(
          "GET",
          `/issues?state=open&labels=${encodeURIComponent(label)}&per_page=${PAGE}&page=${page}`,
        )) as Array<{ number: number; body: string | null; pull_request?: unknown }>;
        for (const item of items)
          if (item.pull_request === undefined) found.push({ number: item.number, body: item.body ?? "" });
        if (items.length < PAGE) return found;
      }
    },
    async ensureLabel(label) {
      // 422: a label of that name exists already.
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
    },
  };
}
