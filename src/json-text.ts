/**
 * Parsing a body's text as JSON without leaking it. Shared by the checks (response bodies) and the
 * mock (request bodies), so a body that does not parse is described the same way on both sides.
 */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The parser's own message is not kept: its wording differs between Node versions, and V8 quotes
 * the start of the body in it, which may hold a secret nobody registered. The verdict names only
 * the first character, which is enough to tell an HTML page from cut-off JSON.
 */
export function parseJson(text: string): ParsedJson {
  const start = text.trimStart();
  if (start === "") return { ok: false, error: "the body is empty" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      error: `not valid JSON (it starts with ${JSON.stringify(String.fromCodePoint(start.codePointAt(0)!))})`,
    };
  }
}
