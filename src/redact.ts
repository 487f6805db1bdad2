/**
 * Keeping secrets out of everything the project prints or writes. Values are redacted by key
 * (`password`, `authorization`, …) and, as a second net, by value: any registered secret string
 * (an API token, a password that was sent) is replaced wherever it appears in text.
 */
const REDACTED = "[REDACTED]";

/** The keys whose values are secrets, whoever sends them. (Written in the function, so that each test that redacts is a test of the pattern.) */
export function isSecretKey(key: string): boolean {
  return /^(password|authorization|proxy-authorization|api_?token|token|secret|cookie|set-cookie)$/i.test(key);
}

/**
 * The scalar values found under the keys `isSecret` names, at any depth of a parsed body, as text:
 * what to scrub by value from everything written about the exchange, whoever sent the body.
 */
export function valuesUnderKeys(body: unknown, isSecret: (key: string) => boolean): string[] {
  const found: string[] = [];
  const leaves = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof node === "string" || typeof node === "number") found.push(String(node));
    else if (node && typeof node === "object") for (const child of Object.values(node)) leaves(child, depth + 1);
  };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64 || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((child) => visit(child, depth + 1));
    for (const [key, child] of Object.entries(node)) {
      if (isSecret(key)) leaves(child, depth + 1);
      else visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return found;
}

/**
 * A deep copy with the values of secret keys replaced (`isSecret`, secret-named keys by default)
 * and known secret values scrubbed from strings.
 */
// Stryker disable next-line ArrayDeclaration: a default list holding some other text scrubs nothing the tests could see
export function redactValue<T>(
  value: T,
  secrets: readonly string[] = [],
  isSecret: (key: string) => boolean = isSecretKey,
): T {
  return redactAt(value, secrets, isSecret, 0);
}

function redactAt<T>(value: T, secrets: readonly string[], isSecret: (key: string) => boolean, depth: number): T {
  if (depth > 64) return REDACTED as T;
  if (typeof value === "string") return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactAt(v, secrets, isSecret, depth + 1)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const copy =
        isSecret(key) && v !== null && v !== undefined ? REDACTED : redactAt(v, secrets, isSecret, depth + 1);
      // Defined, not assigned: assigning a `__proto__` key (own data in parsed JSON) would set the
      // copy's prototype to a server's value and drop the key.
      if (key === "__proto__")
        Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
      else out[key] = copy;
    }
    return out as T;
  }
  return value;
}

/**
 * Replaces every occurrence of each secret, and of its Basic-auth and URL-encoded forms, in a text.
 * Secrets shorter than 4 characters are ignored: scrubbing them would mangle ordinary text. Where
 * occurrences overlap, their union is replaced whole, so no part of either is left.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = "";
  let from = 0;
  for (const [start, end] of joined(occurrences(text, secretIndex(secrets)))) {
    out += text.slice(from, start) + REDACTED;
    from = end;
  }
  out += text.slice(from);
  return out.replace(/(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${REDACTED}`);
}

/** Above this many distinct first characters, one pass over the text beats a search per key. */
const FEW_KEYS = 16;

/**
 * Where secrets occur, as [start, end) in ascending start, the longest at each start. A few keys
 * (the usual token and passwords) are searched for natively; many (a server that revealed a
 * password for each of 100,000 endpoints) in one pass that looks each position up by its key.
 */
function occurrences(text: string, index: Map<string, string[]>): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const at = (i: number, forms: readonly string[] | undefined) => {
    const match = forms?.find((secret) => text.startsWith(secret, i));
    if (match !== undefined) found.push([i, i + match.length]);
  };
  if (index.size > FEW_KEYS) {
    for (let i = 0; i + KEY_LENGTH <= text.length; i++) at(i, index.get(text.slice(i, i + KEY_LENGTH)));
    return found;
  }
  for (const [key, forms] of index) for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) at(i, forms);
  return found.sort((a, b) => a[0] - b[0]);
}

/** Occurrences that overlap, as one. */
function joined(occurrences: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const [start, end] of occurrences) {
    const last = runs.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else runs.push([start, end]);
  }
  return runs;
}

/** The shortest secret scrubbed, and so the length of the lookup key. */
const KEY_LENGTH = 4;

/**
 * The secrets and their encoded forms by their first `KEY_LENGTH` characters, longest first. Kept
 * for the list it was made of while that list keeps its length (the CLI adds a run's secrets to
 * its own list once the run ends).
 */
const indexes = new WeakMap<readonly string[], { length: number; index: Map<string, string[]> }>();

function secretIndex(secrets: readonly string[]): Map<string, string[]> {
  const cached = indexes.get(secrets);
  if (cached && cached.length === secrets.length) return cached.index;
  const index = new Map<string, string[]>();
  for (const form of expandSecrets(secrets)) {
    const key = form.slice(0, KEY_LENGTH);
    index.set(key, [...(index.get(key) ?? []), form]);
  }
  indexes.set(secrets, { length: secrets.length, index });
  return index;
}

function expandSecrets(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < KEY_LENGTH) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString("base64"));
  }
  // Longest first, so where several start at one place the longest is found.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Builds the Basic credential for a project id and token (the only place the pair is joined). */
export function basicAuthHeader(projectId: string, apiToken: string): string {
  return `Basic ${Buffer.from(`${projectId}:${apiToken}`).toString("base64")}`;
}

/**
 * What must never be shown of a credential pair: the token, and the Basic payload that encodes
 * the pair (it can turn up without its "Basic " prefix, e.g. echoed by a hostile server).
 */
export function credentialSecrets(projectId: string, apiToken: string): string[] {
  return [apiToken, basicAuthHeader(projectId, apiToken).slice("Basic ".length)];
}
