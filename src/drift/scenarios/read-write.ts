/**
 * The read-write scenario, the default against the mock and opt-in against a live Space. Creates
 * one valid endpoint per handler kind and several invalid ones (expect 422), updates, retrieves,
 * lists and finds them, deletes them and makes sure they are gone. Every endpoint it creates is
 * removed in `finally`, also when the run is interrupted or stops early.
 */
import { SCENARIO_CHECKS } from "../../checks";
import {
  invalidCreateBodies,
  invalidUpdateBodies,
  kindsWithoutReference,
  newPassword,
  validCreateBodies,
  type CompanionValues,
} from "../fixtures";
import type { SpaceFacts } from "./read-only";
import { StepIncomplete, type DriftSession, type Sent } from "../session";
import { walkPages } from "../walk";
import type { ScenarioConfig } from "./config";
import { removeOwned } from "./cleanup";
import { OwnedEndpoints } from "./owned";
import { isSuccess } from "../../http-status";

const {
  authNotEnforced,
  invalidInputAccepted,
  resourceMismatch,
  resourceStillAvailable,
  resourceUnavailable,
  updateNotApplied,
  updateSideEffect,
} = SCENARIO_CHECKS;

const UPDATE = { caller_id: "drift check (updated)" };

export interface CleanupRecord {
  created: number;
  deleted: number;
  leftovers: Array<{ id: string; username: string }>;
}

/**
 * Runs the write steps; `onCleanup` receives what cleanup achieved even when the steps stop early
 * (the error then propagates after cleanup).
 */
export async function readWriteScenario(
  session: DriftSession,
  config: ScenarioConfig,
  onCleanup: (record: CleanupRecord) => void,
  facts: SpaceFacts = { references: new Map() },
): Promise<void> {
  const owned = new OwnedEndpoints(config.prefix);
  const password = () => {
    const value = newPassword();
    session.addSecrets([value]);
    return value;
  };
  const values: CompanionValues = { given: config.fixtures, seen: facts.references, invent: config.inventReferences };
  try {
    await writeSteps(session, config, owned, password, values);
  } finally {
    const leftovers = await session.step("clean up what this run created", () => removeOwned(session, config, owned));
    onCleanup({ created: owned.created, deleted: owned.deletedCount, leftovers: leftovers ?? owned.remaining() });
  }
}

async function writeSteps(
  session: DriftSession,
  config: ScenarioConfig,
  owned: OwnedEndpoints,
  password: () => string,
  values: CompanionValues,
): Promise<void> {
  const created: string[] = [];
  /** What each create answered, to tell an update that was not applied from one that was. */
  const asCreated = new Map<string, Record<string, unknown>>();
  const updated = new Set<string>();
  const remember = (body: unknown) => {
    const { id, username } = (body ?? {}) as { id?: unknown; username?: unknown };
    return owned.add(id, username) ? (id as string) : undefined;
  };
  /** A step about this run's endpoints judges nothing without them: it is then skipped, saying why, never passed. */
  const stepAbout = async (ids: readonly string[], none: string, name: string, body: () => Promise<void>) => {
    if (ids.length > 0) await session.step(name, body);
    else session.skip(name, none);
  };
  const NONE_CREATED = "this run created no endpoint (see the create steps)";

  // A kind whose companion names a resource of the Space the run knows none of is not created:
  // an invented id would only be refused, and that refusal is no drift.
  for (const { handler, field, what } of kindsWithoutReference(values)) {
    session.skip(
      createStep(handler),
      `the run knows no ${what.replace(/^an? /, "")} to name in ${field}: give one with --fixture ${field}=<id> (or have an endpoint of the Space use one)`,
    );
  }
  // One step per handler kind: a refused create fails that kind's case, and the others go on.
  for (const { handler, body, reference } of validCreateBodies(config.prefix, password, values)) {
    await session.step(createStep(handler), async () => {
      const sent = await session.request({ operationId: "create_sip_endpoint", body });
      // A Space that does not know the resource a reference names is within its rights to refuse it.
      const refused = reference && refusalNaming(sent, reference.field);
      if (refused !== undefined)
        throw new StepIncomplete(
          `the Space refused ${reference!.field} ${JSON.stringify(body[reference!.field])} (${refused}): give one it has with --fixture ${reference!.field}=<id>`,
        );
      session.expectStatus(sent, "2xx", `a valid create (${handler})`);
      const answer = session.requireJson(sent, `create (${handler})`);
      const id = remember(answer);
      session.judge(resourceMismatch, {
        exchange: sent.exchange,
        body: answer,
        sent: body,
        invalidAt: schemaPointers(sent),
      });
      if (id) {
        created.push(id);
        asCreated.set(id, answer as Record<string, unknown>);
      }
    });
  }

  await session.step("create invalid endpoints (expect 422)", async () => {
    for (const invalid of invalidCreateBodies(config.prefix, password)) {
      const sent = await session.request(
        { operationId: "create_sip_endpoint", body: invalid.body },
        { invalidInput: true },
      );
      session.expectRefusal(
        invalidInputAccepted,
        { exchange: sent.exchange, pointer: invalid.pointer, rule: invalid.rule },
        422,
        `a create whose ${invalid.pointer} ${invalid.rule}`,
      );
      // Accepted anyway: remove it at once, so its invalid data cannot show up in later answers.
      const id =
        sent.analysis.parsed.ok && isSuccess(sent.exchange.status) ? remember(sent.analysis.parsed.value) : undefined;
      if (id) await deleteOwn(session, owned, id);
    }
  });

  await stepAbout(created, NONE_CREATED, "update the created endpoints", async () => {
    for (const id of created) {
      const sent = await session.request({ operationId: "update_sip_endpoint", params: { id }, body: UPDATE });
      session.expectStatus(sent, "2xx", `updating created endpoint ${id}`);
      const answer = session.requireJson(sent, `update ${id}`);
      const before = asCreated.get(id) ?? {};
      session.judge(updateNotApplied, { exchange: sent.exchange, body: answer, sent: UPDATE, before });
      session.judge(updateSideEffect, { exchange: sent.exchange, body: answer, sent: UPDATE, before });
      session.judge(resourceMismatch, {
        exchange: sent.exchange,
        body: answer,
        expectedId: id,
        sent: UPDATE,
        before,
        invalidAt: schemaPointers(sent),
      });
      updated.add(id);
    }
  });

  await stepAbout(created, NONE_CREATED, "retrieve the created endpoints", async () => {
    for (const id of created) {
      const sent = await session.request({ operationId: "retrieve_sip_endpoint", params: { id } });
      const situation = `retrieving created endpoint ${id}`;
      session.requireAnswer(sent, situation);
      // Either the answer says the endpoint is gone, or it must be the 2xx of one that is there.
      const gone = session.judge(resourceUnavailable, { exchange: sent.exchange, createdId: id }).length > 0;
      if (!gone) session.expectStatus(sent, "2xx", situation);
      if (!isSuccess(sent.exchange.status) || !sent.analysis.parsed.ok) continue;
      const body = sent.analysis.parsed.value;
      session.judge(resourceMismatch, { exchange: sent.exchange, body, expectedId: id });
      if (updated.has(id)) {
        const evidence = { exchange: sent.exchange, body, sent: UPDATE, before: asCreated.get(id) ?? {} };
        session.judge(updateNotApplied, evidence);
        session.judge(updateSideEffect, evidence);
      }
    }
  });

  await stepAbout(created, NONE_CREATED, "list and find the created endpoints", async () => {
    const listed = new Set<string>();
    const walk = await walkPages(
      session,
      {
        query: { filter_username: config.prefix },
        maxPages: config.maxPages,
        baseUrl: config.baseUrl,
        what: "the filtered list",
      },
      ({ ids }) => {
        for (const id of ids) listed.add(id);
      },
    );
    // A walk that stopped early (--max-pages, a body that is no list) cannot say an unseen one is missing.
    const unseen = created.filter((id) => !listed.has(id));
    if (unseen.length > 0 && !walk.complete)
      throw new StepIncomplete(
        `the filtered list ended before showing ${unseen.length} created endpoint(s), so whether they are listed is unknown`,
      );
    if (walk.last)
      for (const id of created)
        session.judge(resourceUnavailable, { exchange: walk.last.sent.exchange, createdId: id, listed });
  });

  await stepAbout(created, NONE_CREATED, "update with an invalid body (expect 422)", async () => {
    // Last before the delete, so that if it is accepted no later answer shows the invalid value.
    for (const invalid of invalidUpdateBodies()) {
      const sent = await session.request(
        { operationId: "update_sip_endpoint", params: { id: created[0]! }, body: invalid.body },
        { invalidInput: true },
      );
      session.expectRefusal(
        invalidInputAccepted,
        { exchange: sent.exchange, pointer: invalid.pointer, rule: invalid.rule },
        422,
        `an update whose ${invalid.pointer} ${invalid.rule}`,
      );
    }
  });

  await stepAbout(created, NONE_CREATED, "create, update and delete without credentials (expect 401)", async () => {
    // Only this run's own endpoints are touched; one the server wrongly lets through is removed, or counted as deleted.
    const target = created[0]!;
    const refused = (sent: Sent, what: string) =>
      session.expectRefusal(
        authNotEnforced,
        { exchange: sent.exchange, credentials: "none" },
        401,
        `${what} with no credentials`,
      );
    const create = validCreateBodies(`${config.prefix}no-auth-`, password, values)[0]!.body;
    const made = await session.request({ operationId: "create_sip_endpoint", body: create, auth: "none" });
    const id =
      made.analysis.parsed.ok && isSuccess(made.exchange.status) ? remember(made.analysis.parsed.value) : undefined;
    refused(made, "a create");
    if (id) await deleteOwn(session, owned, id);
    refused(
      await session.request({ operationId: "update_sip_endpoint", params: { id: target }, body: UPDATE, auth: "none" }),
      "an update",
    );
    const removed = await session.request({ operationId: "delete_sip_endpoint", params: { id: target }, auth: "none" });
    if (isSuccess(removed.exchange.status)) owned.deleted(target);
    refused(removed, "a delete");
  });

  await stepAbout(created, NONE_CREATED, "delete the created endpoints", async () => {
    for (const id of created) if (!owned.isDeleted(id)) await deleteOwn(session, owned, id);
  });

  const deleted = created.filter((id) => owned.isDeleted(id));
  await stepAbout(
    deleted,
    "no endpoint of this run was deleted (see the delete step)",
    "retrieve and list after delete (expect 404, not listed)",
    async () => {
      for (const id of deleted) {
        const sent = await session.request({ operationId: "retrieve_sip_endpoint", params: { id } });
        session.requireAnswer(sent, `retrieving deleted endpoint ${id}`);
        // Either the answer says the endpoint is still there, or it must be the 404 of one that is gone.
        const stillThere = session.judge(resourceStillAvailable, { exchange: sent.exchange, deletedId: id }).length > 0;
        if (!stillThere) session.expectStatus(sent, [404], `retrieving deleted endpoint ${id}`);
      }
      const walk = await walkPages(
        session,
        {
          query: { filter_username: config.prefix },
          maxPages: config.maxPages,
          baseUrl: config.baseUrl,
          what: "the list after delete",
        },
        ({ sent }) => {
          for (const id of deleted) session.judge(resourceStillAvailable, { exchange: sent.exchange, deletedId: id });
        },
      );
      // Pages it did not read could still list them.
      if (!walk.complete)
        throw new StepIncomplete(
          `the list after delete ended before its last page, so whether the ${deleted.length} deleted endpoint(s) are still listed is unknown`,
        );
    },
  );
}

const schemaPointers = (sent: Sent) => new Set(sent.analysis.schemaProblems.map((p) => p.pointer));

const createStep = (handler: string) => `create one endpoint (handler ${handler})`;

/**
 * The `detail` of a 422 item that names `field` (as written, or in words: "Call video room id"),
 * or undefined when the answer is no such refusal.
 */
function refusalNaming(sent: Sent, field: string): string | undefined {
  if (sent.exchange.status !== 422 || !sent.analysis.parsed.ok) return undefined;
  const errors = (sent.analysis.parsed.value as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const names = [field, field.replace(/_/g, " ")].map((name) => name.toLowerCase());
  for (const item of errors) {
    const detail = (item as { detail?: unknown } | null)?.detail;
    if (typeof detail === "string" && names.some((name) => detail.toLowerCase().includes(name))) return detail;
  }
  return undefined;
}

async function deleteOwn(session: DriftSession, owned: OwnedEndpoints, id: string): Promise<void> {
  const sent = await session.request({ operationId: "delete_sip_endpoint", params: { id } });
  if (isSuccess(sent.exchange.status)) owned.deleted(id);
  // Deleting what the run made must succeed; anything else is a finding, a 5xx no evidence.
  session.expectStatus(sent, "2xx", `deleting endpoint ${id}, which this run created`);
}
