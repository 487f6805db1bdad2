/**
 * What the drift job never writes down: the value under a secret-named key (`password`, `token`, …)
 * or under a key the spec marks `writeOnly`, in any body sent or received, whoever sent it.
 */
import { isWriteOnlyKey } from "../checks/write-only-returned";
import { parseJson } from "../json-text";
import { isSecretKey, redactValue, valuesUnderKeys } from "../redact";

export function isSecretField(key: string): boolean {
  return isSecretKey(key) || isWriteOnlyKey(key);
}

/**
 * A body as text, with the value of every secret field replaced, however short (scrubbing by
 * value skips short ones). A body that holds none is returned exactly as it came.
 */
export function scrubBodyText(text: string): string {
  const parsed = parseJson(text);
  if (!parsed.ok || valuesUnderKeys(parsed.value, isSecretField).length === 0) return text;
  return JSON.stringify(redactValue(parsed.value, [], isSecretField));
}
