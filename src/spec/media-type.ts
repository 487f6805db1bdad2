/** Media types of `Content-Type` values, compared the way HTTP does (parameters and case aside). */
/** The media type of a Content-Type value, without parameters, lower-cased ("" when absent). */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isJsonMediaType(type: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json$/.test(mediaTypeOf(type));
}
