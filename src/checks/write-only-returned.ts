import { specFacts } from "../spec/facts";
import { isPlainObject, pointer } from "../spec/json-pointer";
import { jsonTypeOf } from "./finding";
import type { ResponseCheck } from "./response-check";

let known: { from: readonly string[]; keys: ReadonlySet<string> } | undefined;

/** Whether some schema of the spec the run judges by marks the property `writeOnly` (`password`, the request-only ids). */
export function isWriteOnlyKey(key: string): boolean {
  if (known?.from !== specFacts.writeOnlyProperties)
    known = { from: specFacts.writeOnlyProperties, keys: new Set(specFacts.writeOnlyProperties) };
  return known.keys.has(key);
}

/**
 * Where a body carries a write-only key, at any depth. Only the places are given, never the
 * values: a returned password must not reach a finding's text.
 */
function writeOnlyPlaces(body: unknown): Array<{ pointer: string; key: string; value: unknown }> {
  const places: Array<{ pointer: string; key: string; value: unknown }> = [];
  const visit = (node: unknown, at: string, depth: number) => {
    if (depth > 64) return;
    if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${at}/${i}`, depth + 1));
    else if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        const here = at + pointer(key);
        if (isWriteOnlyKey(key)) places.push({ pointer: here, key, value: child });
        else visit(child, here, depth + 1);
      }
    }
  };
  visit(body, "", 0);
  return places;
}

export const writeOnlyReturned: ResponseCheck<"write-only-returned"> = {
  id: "write-only-returned",
  severity: "breaking",
  firesWhen:
    "a response carries a key the spec marks `writeOnly` (`password`, `call_flow_id`, `call_flow_version`, `call_ai_agent_id`); its value is never shown",
  run: ({ parsed }) =>
    parsed.ok
      ? writeOnlyPlaces(parsed.value).map(({ pointer: at, key, value }) => ({
          pointer: at,
          expected: "never returned (writeOnly)",
          actual: `key present (${jsonTypeOf(value)})`,
          message: `write-only key "${key}" came back at ${at}; its value is not shown`,
        }))
      : [],
};
