/**
 * The list commands of the fuzzer: a query generated from the spec (or a page token the server
 * handed out), and following a `next`/`prev` link verbatim. Each page is judged against the model.
 */
import { coerceQuery, operations } from "../spec";
import type { Command } from "./commands";
import { expectNamed, expectPage, expectStatus, rememberLinks } from "./expect";
import type { StoreModel } from "./model";
import { queryProblems, type QueryCase } from "./queries";
import { call, type Answer, type FuzzTarget } from "./target";

const LIST = operations.list_sip_endpoints.path;

export class List implements Command {
  /** `useToken`: swap the query's page token for one the server handed out, when there is one. */
  constructor(
    readonly query: QueryCase,
    readonly useToken: number | null,
  ) {}
  check = () => true as const;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    let text = this.query.text;
    const params = new URLSearchParams(text);
    if (this.useToken !== null && model.tokens.size > 0 && this.query.kind !== "raw" && params.has("page_token")) {
      params.set("page_token", [...model.tokens][this.useToken % model.tokens.size]!);
      text = params.toString();
    }
    const answer = await call(target, "GET", `${LIST}${text ? `?${text}` : ""}`);
    judgePage(target, model, answer, new URL(`http://x/?${text}`).search.slice(1), this.query);
  }
  toString = () =>
    `list(${this.query.kind} "${this.query.text}"${this.useToken === null ? "" : `, seen token #${this.useToken}`})`;
}

export class FollowLink implements Command {
  constructor(readonly index: number) {}
  check = (model: Readonly<StoreModel>) => model.links.length > 0;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    const link = model.links[this.index % model.links.length]!;
    const answer = await call(target, "GET", link);
    judgePage(target, model, answer, new URL(link).search.slice(1), { kind: "valid", text: "" });
  }
  toString = () => `followLink(#${this.index})`;
}

function judgePage(target: FuzzTarget, model: StoreModel, answer: Answer, text: string, asked: QueryCase): void {
  const query = coerceQuery("list_sip_endpoints", new URLSearchParams(text));
  if (queryProblems("list_sip_endpoints", text).length > 0) {
    expectStatus(target, answer, [422], `a query the spec refuses (${asked.kind})`);
    if (asked.kind === "broken" && asked.field) expectNamed(target, answer, asked.field);
    return;
  }
  if (query.page_token !== undefined && !model.tokens.has(String(query.page_token))) {
    expectStatus(target, answer, [422], "a page token the server never handed out");
    return expectNamed(target, answer, "page_token");
  }
  expectStatus(target, answer, [200], "a valid query");
  expectPage(target, model, answer, query);
  rememberLinks(model, answer.json.links);
}
