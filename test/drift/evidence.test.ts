/**
 * The evidence behind schema findings, which suggestions are made from: every occurrence counted,
 * the JSON types seen, a bounded sample of distinct values, and an undocumented status's
 * content type.
 */
import { analyseResponse, type Finding } from "../../src/checks";
import { EvidenceCollector } from "../../src/drift/evidence";
import { aFinding } from "./report-fixture";

const analysis = (bodyText: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  analyseResponse({
    operationId: "list_sip_endpoints",
    method: "GET",
    url: "https://example.signalwire.com/api/relay/rest/endpoints/sip",
    status: 200,
    headers,
    bodyText,
  });
const at = (pointer: string, over: Partial<Finding> = {}) => aFinding({ pointer, ...over });

describe("EvidenceCollector", () => {
  it("counts every occurrence and keeps each distinct value once, objects compared by value", () => {
    const evidence = new EvidenceCollector();
    evidence.add(
      [at("/data/0/x"), at("/data/1/x"), at("/data/2/x")],
      analysis('{"data":[{"x":{"a":1}},{"x":{"a":1}},{"x":"text"}]}'),
    );
    evidence.add([at("/data/0/x")], analysis('{"data":[{"x":2.5}]}'));
    const seen = evidence.get(aFinding().id)!;
    expect(seen.occurrences).toBe(4);
    expect([...seen.values.values()]).toEqual([{ a: 1 }, "text", 2.5]);
    expect([...seen.types].sort()).toEqual(["number", "object", "string"]);
    expect(seen.more).toBe(false);
    expect(seen.contentType).toBeUndefined();
  });

  it("tells whole numbers from others, and null from objects", () => {
    const evidence = new EvidenceCollector();
    evidence.add(
      [at("/data/0/x"), at("/data/1/x"), at("/data/2/x")],
      analysis('{"data":[{"x":3},{"x":null},{"x":[1]}]}'),
    );
    expect([...evidence.get(aFinding().id)!.types].sort()).toEqual(["array", "integer", "null"]);
  });

  it("keeps 20 distinct values and says when there were more", () => {
    const evidence = new EvidenceCollector();
    const items = Array.from({ length: 21 }, (_, i) => ({ x: `v${i}` }));
    evidence.add(
      items.map((_, i) => at(`/data/${i}/x`)),
      analysis(JSON.stringify({ data: items })),
    );
    const seen = evidence.get(aFinding().id)!;
    expect(seen.values.size).toBe(20);
    expect([...seen.values.values()].at(-1)).toBe("v19");
    expect(seen.more).toBe(true);
    expect(seen.occurrences).toBe(21);
  });

  it("a repeated value past the sample is not more", () => {
    const evidence = new EvidenceCollector();
    const items = [...Array.from({ length: 20 }, (_, i) => ({ x: `v${i}` })), { x: "v0" }];
    evidence.add(
      items.map((_, i) => at(`/data/${i}/x`)),
      analysis(JSON.stringify({ data: items })),
    );
    expect(evidence.get(aFinding().id)!.more).toBe(false);
  });

  it("sees no value for a missing key, nothing where the pointer leads nowhere, and none in a body that is not JSON", () => {
    const evidence = new EvidenceCollector();
    evidence.add([at("/data/0/x", { check: "field-missing" })], analysis('{"data":[{"y":"other"}]}'));
    evidence.add([at("/data/5/x", { id: "b" })], analysis('{"data":[]}'));
    evidence.add([at("/data/0/x", { id: "c" })], analysis("<html>"));
    for (const id of [aFinding().id, "b", "c"])
      expect(evidence.get(id)).toEqual({ occurrences: 1, types: new Set(), values: new Map(), more: false });
  });

  it("keeps the first content type of an undocumented status, even when its body is not JSON", () => {
    const evidence = new EvidenceCollector();
    const undocumented = at("", { check: "status-code-undocumented" });
    evidence.add([undocumented], analysis("<html>", { "content-type": "text/html" }));
    evidence.add([undocumented], analysis("{}", { "content-type": "application/json" }));
    const seen = evidence.get(aFinding().id)!;
    expect(seen.contentType).toBe("text/html");
    expect([...seen.values.values()]).toEqual([{}]);
    expect(evidence.get("unknown")).toBeUndefined();
  });
});
