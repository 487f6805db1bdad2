/**
 * Regression: the mock decoded request bodies leniently, so a create whose username held bytes
 * that are not UTF-8 was stored with U+FFFD in their place and answered 200: bad input was
 * silently altered instead of refused. JSON text must be UTF-8 (RFC 8259, 8.1); such a body now
 * gets the documented 422 and nothing is stored. Found by `npm run fuzz` (seed 5).
 */
import { startMockServer } from "../../src/mock";
import { basicAuthHeader } from "../../src/redact";

test.each([
  ["a lone 0xFF", [0xff]],
  ["a broken two-byte sequence", [0xc3, 0x28]],
  ["an encoded surrogate", [0xed, 0xa0, 0x80]],
])("a create with %s in the username → 422, nothing stored", async (_what, bad) => {
  const mock = await startMockServer({ port: 0, env: {} });
  try {
    const body = Buffer.concat([
      Buffer.from('{"username":"a'),
      Buffer.from(bad),
      Buffer.from('b","password":"pw-123456"}'),
    ]);
    const response = await fetch(`${mock.url}/endpoints/sip`, {
      method: "POST",
      headers: {
        authorization: basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken),
        "content-type": "application/json",
      },
      body,
    });
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { errors: Array<{ detail: string; title: string }> };
    expect(answer.errors).toEqual([
      expect.objectContaining({
        title: "Invalid Attribute",
        detail: expect.stringMatching(/^The request body is not valid JSON/),
      }),
    ]);
    expect(mock.endpoints()).toEqual([]);
  } finally {
    await mock.close();
  }
});
