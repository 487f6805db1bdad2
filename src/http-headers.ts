/**
 * A WHATWG `Headers` as a plain record with lower-case names, as exchanges hold headers. Shared by
 * the client (requests openapi-fetch built, answers of a `fetch`) and the matchers (a `Response`
 * handed to `toMatchSpec`). Names are lower-cased again for `Headers` look-alikes of other fetches.
 */
export function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}
