/**
 * The fuzzer's commands: one request each, generated from the spec, run against the mock and
 * judged against the model (fast-check's model-based testing). Each prints itself with secrets
 * scrubbed, because a failing sequence is printed for replay.
 */
import { isDeepStrictEqual } from "node:util";
import fc, { type Arbitrary, type AsyncCommand } from "fast-check";
import { basicAuthHeader, redactValue } from "../redact";
import { operations, type OperationId } from "../spec";
import { acceptedValue, bodyArb, type BodyCase, type GeneratorOptions } from "./bodies";
import { expectNamed, expectStatus, expectStored, successStatuses } from "./expect";
import { FollowLink, List } from "./list-commands";
import { queryArb } from "./queries";
import type { IdChoice, StoreModel } from "./model";
import { call, fail, type Answer, type FuzzTarget } from "./target";

export type Command = AsyncCommand<StoreModel, FuzzTarget>;

const LIST = operations.list_sip_endpoints.path;
const ONE = (id: string) => operations.retrieve_sip_endpoint.path.replace("{id}", encodeURIComponent(id));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function show(value: unknown, max = 240): string {
  const text = JSON.stringify(redactValue(value)) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function showBody(body: BodyCase): string {
  if (body.kind === "raw")
    return `raw ${body.what} (${body.bytes.byteLength} bytes, ${body.contentType ?? "no content type"})`;
  if (body.kind === "broken") return `broken ${body.field ?? "body"}/${body.rule} ${show(body.value)}`;
  return `valid ${show(body.value)}`;
}

/** The request a body case stands for, when the spec accepts it. */
function acceptedBody(
  operationId: "create_sip_endpoint" | "update_sip_endpoint",
  body: BodyCase,
): Record<string, unknown> | undefined {
  if (body.kind === "valid") return body.value;
  if (body.kind === "raw") return acceptedValue(operationId, body)?.value;
  return undefined;
}

/** A refused body: 422, and a broken rule is named. */
function expectRefused(target: FuzzTarget, answer: Answer, body: BodyCase): void {
  expectStatus(target, answer, [422], `a ${body.kind} body${body.kind === "raw" ? ` (${body.what})` : ""}`);
  if (body.kind === "broken") expectNamed(target, answer, body.field);
}

class Create implements Command {
  constructor(readonly body: BodyCase) {}
  check = () => true as const;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    const answer = await call(target, "POST", LIST, this.body);
    const sent = acceptedBody("create_sip_endpoint", this.body);
    if (!sent) return expectRefused(target, answer, this.body);
    if (model.ownerOf(sent.username) !== undefined) {
      expectStatus(target, answer, [422], "a username already taken");
      return expectNamed(target, answer, "username");
    }
    expectStatus(target, answer, successStatuses("create_sip_endpoint"), "a valid create");
    model.add(expectStored(target, answer, sent, undefined));
  }
  toString = () => `create(${showBody(this.body)})`;
}

class Update implements Command {
  constructor(
    readonly target: IdChoice,
    readonly body: BodyCase,
  ) {}
  check = () => true as const;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    const id = model.pick(this.target);
    const answer = await call(target, "PUT", ONE(id), this.body);
    const before = model.live.get(id);
    if (!before) return expectStatus(target, answer, UUID.test(id) ? [404] : [404, 422], "an id that is not stored");
    const sent = acceptedBody("update_sip_endpoint", this.body);
    if (!sent) return expectRefused(target, answer, this.body);
    const owner = "username" in sent ? model.ownerOf(sent.username) : undefined;
    if (owner !== undefined && owner !== id) {
      expectStatus(target, answer, [422], "a username another endpoint uses");
      return expectNamed(target, answer, "username");
    }
    expectStatus(target, answer, successStatuses("update_sip_endpoint"), "a valid update");
    model.live.set(id, expectStored(target, answer, sent, before));
  }
  toString = () =>
    `update(${this.target.kind}#${this.target.index}/${show(this.target.stranger, 40)}, ${showBody(this.body)})`;
}

class Retrieve implements Command {
  constructor(readonly target: IdChoice) {}
  check = () => true as const;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    const id = model.pick(this.target);
    const answer = await call(target, "GET", ONE(id));
    const known = model.live.get(id);
    if (!known) return expectStatus(target, answer, UUID.test(id) ? [404] : [404, 422], "an id that is not stored");
    expectStatus(target, answer, [200], "a stored endpoint");
    if (!isDeepStrictEqual(answer.json, known))
      fail(target, `${answer.what}: differs from the endpoint's last reported state`);
  }
  toString = () => `retrieve(${this.target.kind}#${this.target.index}/${show(this.target.stranger, 40)})`;
}

class Delete implements Command {
  constructor(readonly target: IdChoice) {}
  check = () => true as const;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    const id = model.pick(this.target);
    const answer = await call(target, "DELETE", ONE(id));
    if (!model.live.has(id))
      return expectStatus(target, answer, UUID.test(id) ? [404] : [400, 404], "an id that is not stored");
    expectStatus(target, answer, successStatuses("delete_sip_endpoint"), "a stored endpoint");
    model.remove(id);
  }
  toString = () => `delete(${this.target.kind}#${this.target.index}/${show(this.target.stranger, 40)})`;
}

/** Wrong `Authorization` headers; none of them may contain the real token. */
const WRONG_AUTH: Arbitrary<{ what: string; header: string | null }> = fc.oneof(
  fc.constant({ what: "none", header: null }),
  fc
    .tuple(fc.string({ maxLength: 12 }), fc.nat())
    .map(([user, n]) => ({ what: "a wrong token", header: basicAuthHeader(user, `wrong-token-${n}`) })),
  fc.string({ maxLength: 30 }).map((text) => ({ what: "garbage", header: text })),
  fc.base64String({ maxLength: 24 }).map((b64) => ({ what: "Basic without a colon", header: `Basic ${b64}` })),
  fc
    .string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 8, maxLength: 24 })
    .map((token) => ({ what: "a bearer token", header: `Bearer ${token}` })),
);

/** Any operation of the spec without valid credentials: 401 (every operation requires basic auth), and nothing changes. */
class Unauthorized implements Command {
  constructor(
    readonly operationId: OperationId,
    readonly target: IdChoice,
    readonly auth: { what: string; header: string | null },
    readonly body: BodyCase,
  ) {}
  check = () => true as const;
  async run(model: StoreModel, target: FuzzTarget): Promise<void> {
    const op = operations[this.operationId];
    const path = op.path.replace("{id}", encodeURIComponent(model.pick(this.target)));
    const answer = await call(target, op.method, path, op.requestBody ? this.body : undefined, this.auth.header);
    expectStatus(target, answer, [401], `${this.auth.what} as credentials`);
  }
  toString = () => `unauthorized(${this.operationId}, ${this.auth.what}, ${this.target.kind}#${this.target.index})`;
}

const idChoice: Arbitrary<IdChoice> = fc.record({
  kind: fc.constantFrom("live", "live", "live", "gone", "stranger"),
  index: fc.nat(),
  stranger: fc.oneof(
    fc.uuid(),
    fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== "." && s !== ".."),
  ),
}) as Arbitrary<IdChoice>;

/** Every command, with generators derived from the spec. */
export function commandArbs(options: GeneratorOptions): Array<Arbitrary<Command>> {
  return [
    bodyArb("create_sip_endpoint", options).map((b) => new Create(b)),
    fc.tuple(idChoice, bodyArb("update_sip_endpoint", options)).map(([t, b]) => new Update(t, b)),
    idChoice.map((t) => new Retrieve(t)),
    idChoice.map((t) => new Delete(t)),
    fc.tuple(queryArb("list_sip_endpoints"), fc.option(fc.nat(), { nil: null })).map(([q, t]) => new List(q, t)),
    fc.nat().map((i) => new FollowLink(i)),
    fc
      .tuple(
        fc.constantFrom(...(Object.keys(operations) as OperationId[])),
        idChoice,
        WRONG_AUTH,
        bodyArb("create_sip_endpoint", options),
      )
      .map(([op, t, auth, b]) => new Unauthorized(op, t, auth, b)),
  ];
}
