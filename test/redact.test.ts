/**
 * Redaction's own rules, each shown on its own: by key (whatever the value), by value (registered
 * secrets, in their Basic and URL-encoded forms), the 4-character minimum, and the longest secret
 * replaced first.
 */
import {
  basicAuthHeader,
  credentialSecrets,
  isSecretKey,
  redactText,
  redactValue,
  valuesUnderKeys,
} from "../src/redact";

describe("valuesUnderKeys", () => {
  it("gives every scalar under a named key at any depth, as text, and nothing else", () => {
    const body = {
      data: [
        { id: "a", password: "pw-one" },
        { id: "b", nested: { password: ["pw-two", 4711, { deep: "pw-three" }, null, true] } },
      ],
      password_hint: "shown",
    };
    expect(valuesUnderKeys(body, isSecretKey)).toEqual(["pw-one", "pw-two", "4711", "pw-three"]);
  });

  it("finds nothing in a body without such keys, or in no body", () => {
    expect(valuesUnderKeys({ username: "alice", links: { self: "token" } }, isSecretKey)).toEqual([]);
    expect(valuesUnderKeys(undefined, isSecretKey)).toEqual([]);
    expect(valuesUnderKeys("password", isSecretKey)).toEqual([]);
  });
});

describe("redactValue", () => {
  it("scrubs a secret-named key by its name, even when its value was never registered", () => {
    const scrubbed = redactValue({
      password: "never-registered-1",
      Authorization: "Token abc",
      api_token: "x-y-z-1",
      nested: { cookie: "c=1", keep: "visible" },
    });
    expect(scrubbed).toEqual({
      password: "[REDACTED]",
      Authorization: "[REDACTED]",
      api_token: "[REDACTED]",
      nested: { cookie: "[REDACTED]", keep: "visible" },
    });
  });

  it("leaves a secret-named key that holds null or nothing as it is", () => {
    expect(redactValue({ password: null, token: undefined })).toEqual({ password: null, token: undefined });
  });

  it("scrubs registered secrets inside other values, arrays included", () => {
    expect(redactValue({ note: "token PTsecret-9 here", list: ["PTsecret-9"] }, ["PTsecret-9"])).toEqual({
      note: "token [REDACTED] here",
      list: ["[REDACTED]"],
    });
  });
});

describe("redactText", () => {
  it("ignores secrets shorter than 4 characters, which would mangle ordinary text", () => {
    expect(redactText("abc and abcd", ["abc"])).toBe("abc and abcd");
    expect(redactText("abc and abcd", ["abcd"])).toBe("abc and [REDACTED]");
  });

  it("replaces the longest secret first, so one that contains another goes whole", () => {
    expect(redactText("key=PTlong-secret-token", ["secret", "PTlong-secret-token"])).toBe("key=[REDACTED]");
  });

  it("replaces overlapping secrets as one, so no part of either is left", () => {
    expect(redactText("ab-token-long!", ["token-long", "b-tok"])).toBe("a[REDACTED]!");
  });

  it("scrubs many secrets (a server that revealed one per endpoint) exactly as it scrubs each alone", () => {
    const secrets = Array.from({ length: 40 }, (_, i) => `pw-${i}-${"x".repeat(i % 7)}`);
    const text = JSON.stringify(secrets.map((password, i) => ({ id: i, password, note: `was ${password}.` })));
    const oneByOne = secrets.reduce((out, secret) => redactText(out, [secret]), text);
    expect(redactText(text, secrets)).toBe(oneByOne);
    for (const secret of secrets) expect(redactText(text, secrets)).not.toContain(`"${secret}"`);
  });

  it("scrubs a secret's URL-encoded and base64 forms", () => {
    const secret = "p@ss word/1";
    expect(redactText(`q=${encodeURIComponent(secret)} b=${Buffer.from(secret).toString("base64")}`, [secret])).toBe(
      "q=[REDACTED] b=[REDACTED]",
    );
  });

  it("scrubs any Basic or Bearer credential, registered or not", () => {
    expect(redactText(`auth: ${basicAuthHeader("p", "unregistered-token")}; Bearer abcdefgh1234`, [])).toBe(
      "auth: Basic [REDACTED]; Bearer [REDACTED]",
    );
  });

  it("credentialSecrets covers the token and the Basic payload of the pair", () => {
    const secrets = credentialSecrets("project", "PTtoken-1234");
    const payload = basicAuthHeader("project", "PTtoken-1234").slice("Basic ".length);
    expect(redactText(`echo ${payload} and PTtoken-1234`, secrets)).toBe("echo [REDACTED] and [REDACTED]");
  });
});

describe("redactValue's limits", () => {
  const nested = (depth: number): unknown => {
    let value: unknown = "leaf";
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  const leafOf = (value: unknown): unknown => {
    while (Array.isArray(value)) value = value[0];
    return value;
  };

  it("copies 64 levels deep and cuts anything deeper, so a hostile body cannot exhaust the stack", () => {
    expect(leafOf(redactValue(nested(64)))).toBe("leaf");
    expect(leafOf(redactValue(nested(65)))).toBe("[REDACTED]");
    expect(leafOf(redactValue(nested(10_000)))).toBe("[REDACTED]");
  });

  it("counts object levels the same way", () => {
    const deep = (depth: number): unknown => {
      let value: unknown = "leaf";
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };
    const leaf = (value: unknown): unknown => {
      while (value !== null && typeof value === "object") value = (value as { a: unknown }).a;
      return value;
    };
    expect(leaf(redactValue(deep(64)))).toBe("leaf");
    expect(leaf(redactValue(deep(65)))).toBe("[REDACTED]");
  });

  it("keeps a __proto__ key as an ordinary, enumerable and writable own key", () => {
    const copy = redactValue(JSON.parse('{"__proto__":{"a":1},"b":2}') as Record<string, unknown>);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")).toEqual({
      value: { a: 1 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.keys(copy)).toEqual(["__proto__", "b"]);
  });
});

it("scrubs a Basic or Bearer credential after any run of white space", () => {
  expect(redactText("Authorization: Bearer \t  abcdefgh12345", [])).toBe("Authorization: Bearer [REDACTED]");
});

describe("the secret keys", () => {
  it.each([
    "password",
    "Authorization",
    "proxy-authorization",
    "api_token",
    "apitoken",
    "API_TOKEN",
    "token",
    "secret",
    "cookie",
    "Set-Cookie",
  ])("%s is one, in any case", (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    "password_hint",
    "my_password",
    "x-authorization",
    "api__token",
    "api-token",
    "tokens",
    "secrets",
    "cookies",
    "set_cookie",
    "username",
    "",
  ])("%s is none: the whole key must be one of them", (key) => expect(isSecretKey(key)).toBe(false));
});
