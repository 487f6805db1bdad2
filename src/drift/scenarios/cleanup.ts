/**
 * Removing what drift runs created. Two guards keep foreign endpoints safe: an endpoint is only
 * deleted when its username, as the server reports it, starts with the expected prefix; and the
 * prefix always includes `drift-` and a run id.
 */
import { RunStopped, StepIncomplete, type DriftSession } from "../session";
import { walkPages } from "../walk";
import type { ScenarioConfig } from "./config";
import type { OwnedEndpoints } from "./owned";
import { isSuccess } from "../../http-status";

/** Usernames drift runs create: `drift-<run id>-…`, run ids being lower-case base 36. */
export const LEFTOVER_PATTERN = /^drift-[0-9a-z]{6,}-/;

/**
 * Deletes every endpoint this run created and has not deleted yet; then lists the run's prefix,
 * deletes whatever of its own is still there (a create whose answer was lost, a delete that did
 * not take), and lists once more to report what could not be removed.
 */
export async function removeOwned(
  session: DriftSession,
  config: ScenarioConfig,
  owned: OwnedEndpoints,
): Promise<Array<{ id: string; username: string }>> {
  for (const { id } of owned.remaining()) await deleteQuietly(session, id, () => owned.deleted(id));
  try {
    for (const { id, username } of await listOwned(session, config, owned)) {
      owned.add(id, username);
      await deleteQuietly(session, id, () => owned.deleted(id));
    }
    const leftovers = new Map(owned.remaining().map((e) => [e.id, e.username]));
    for (const { id, username } of await listOwned(session, config, owned)) leftovers.set(id, username);
    return [...leftovers].map(([id, username]) => ({ id, username }));
  } catch (error) {
    if (error instanceof RunStopped || error instanceof StepIncomplete)
      throw new StepIncomplete(`cleanup could not list what is left: ${error.reason}`);
    throw error;
  }
}

async function listOwned(
  session: DriftSession,
  config: ScenarioConfig,
  owned: OwnedEndpoints,
): Promise<Array<{ id: string; username: string }>> {
  const found: Array<{ id: string; username: string }> = [];
  await walkPages(
    session,
    {
      query: { filter_username: owned.prefix },
      maxPages: config.maxPages,
      baseUrl: config.baseUrl,
      what: "the cleanup list",
      cleanup: true,
    },
    ({ items }) => {
      for (const item of items) {
        const { id, username } = (item ?? {}) as { id?: unknown; username?: unknown };
        if (typeof id === "string" && owned.owns(username)) found.push({ id, username });
      }
    },
  );
  return found;
}

/**
 * `--cleanup`: deletes the leftovers of earlier runs (usernames matching `LEFTOVER_PATTERN`) and
 * nothing else. Ids are collected first and deleted after the walk, so deleting does not shift
 * the pages being walked.
 */
export async function removeLeftovers(
  session: DriftSession,
  config: Pick<ScenarioConfig, "baseUrl" | "maxPages">,
): Promise<{ found: Array<{ id: string; username: string }>; remaining: Array<{ id: string; username: string }> }> {
  const found: Array<{ id: string; username: string }> = [];
  await session.step("find leftovers of earlier runs", async () => {
    await walkPages(
      session,
      {
        query: { filter_username: "drift-" },
        maxPages: config.maxPages,
        baseUrl: config.baseUrl,
        what: "the leftover list",
      },
      ({ items }) => {
        for (const item of items) {
          const { id, username } = (item ?? {}) as { id?: unknown; username?: unknown };
          if (typeof id === "string" && typeof username === "string" && LEFTOVER_PATTERN.test(username))
            found.push({ id, username });
        }
      },
    );
  });
  const remaining = [...found];
  await session.step(`delete ${found.length} leftover(s)`, async () => {
    for (const leftover of found)
      await deleteQuietly(session, leftover.id, () => remaining.splice(remaining.indexOf(leftover), 1));
  });
  return { found, remaining };
}

/** A delete during cleanup: a failure is recorded as a leftover, not thrown, so cleanup goes on. */
async function deleteQuietly(session: DriftSession, id: string, onDeleted: () => void): Promise<void> {
  try {
    const sent = await session.request({ operationId: "delete_sip_endpoint", params: { id } }, { cleanup: true });
    if (isSuccess(sent.exchange.status) || sent.exchange.status === 404) onDeleted();
  } catch (error) {
    // Unreachable, or the budget ended: the endpoint stays in `remaining()` and the report lists it.
    // Anything else is a bug, not the target's doing.
    if (!(error instanceof RunStopped)) throw error;
  }
}
