/**
 * The `fetch` the client uses when none is given. On Node 20 that is undici's own `fetch` (the
 * `undici` package, loaded on the first request): the first request of a Node 20 process through
 * the `fetch` Node bundles never settles when the server closes the connection before answering,
 * so such a server cost a whole deadline instead of a `NetworkError` at once. Newer Node lines,
 * and every other runtime, use the global `fetch`.
 */
import type { FetchLike } from "./types";

const nodeMajor = typeof process === "object" ? Number(process.versions?.node?.split(".")[0]) : NaN;

let undiciFetch: Promise<FetchLike> | undefined;

/**
 * Named, not written as a literal import: a bundler then leaves the import to run time instead of
 * inlining undici (whose CommonJS build cannot run inside an ESM bundle). A bundle shipped without
 * node_modules falls back to the global fetch.
 */
const UNDICI: string = "undici";

export function defaultFetch(): FetchLike | undefined {
  if (nodeMajor !== 20) return typeof globalThis.fetch === "function" ? globalThis.fetch : undefined;
  return async (input, init) => {
    const fetch = await (undiciFetch ??= import(UNDICI).then(
      (m: { fetch: FetchLike }) => m.fetch,
      () => globalThis.fetch,
    ));
    return fetch(input, init);
  };
}
