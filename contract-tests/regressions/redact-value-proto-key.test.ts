/**
 * Regression: `redactValue` copied objects by assignment, so a `__proto__` key in a server's JSON
 * (an own data property after `JSON.parse`) hit the `__proto__` setter of the copy: the key
 * vanished from the scrubbed copy and its value became the copy's prototype. A hostile error body
 * `{"__proto__":{"polluted":"yes"},"error":"Not Found"}` thus set the prototype of `ApiError.body`,
 * and the key was lost from every scrubbed rendering.
 */
import { redactValue } from "../../src/redact";

const hostile =
  '{"__proto__":{"polluted":"yes","password":"p4ss-w0rd-x"},"constructor":{"prototype":{"polluted":"yes"}},"error":"Not Found","nested":[{"__proto__":7}]}';

test("a __proto__ key is copied as data, scrubbed like any other, and never becomes a prototype", () => {
  const copy = redactValue(JSON.parse(hostile), ["p4ss-w0rd-x"]) as Record<string, any>;
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(copy.polluted).toBeUndefined();
  expect(Object.keys(copy)).toEqual(["__proto__", "constructor", "error", "nested"]);
  expect(JSON.stringify(copy)).toBe(
    '{"__proto__":{"polluted":"yes","password":"[REDACTED]"},"constructor":{"prototype":{"polluted":"yes"}},"error":"Not Found","nested":[{"__proto__":7}]}',
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
