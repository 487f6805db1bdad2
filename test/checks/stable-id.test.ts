import { checkResponse, stableFindingId } from "../../src/checks";
import { describeValue } from "../../src/checks/finding";
import { exchange, listBody, validEndpoint } from "./exchanges";

describe("stable finding ids", () => {
  it("are the same for the same drift on another list item and with other values", () => {
    const a = checkResponse(
      exchange("list_sip_endpoints", 200, listBody([validEndpoint({ encryption: "sometimes" })])),
    );
    const b = checkResponse(
      exchange(
        "list_sip_endpoints",
        200,
        listBody([validEndpoint(), validEndpoint(), validEndpoint({ encryption: "never" })]),
      ),
    );
    expect(a.map((f) => f.pointer)).toEqual(["/data/0/encryption"]);
    expect(b.map((f) => f.pointer)).toEqual(["/data/2/encryption"]);
    expect(a[0]!.id).toBe(b[0]!.id);
  });

  it.each([
    {
      given: ["field-missing", "retrieve_sip_endpoint", "/username"],
      other: ["field-missing", "retrieve_sip_endpoint", "/send_as"],
    },
    {
      given: ["field-missing", "retrieve_sip_endpoint", "/username"],
      other: ["field-missing", "update_sip_endpoint", "/username"],
    },
    {
      given: ["field-missing", "retrieve_sip_endpoint", "/username"],
      other: ["field-type-mismatch", "retrieve_sip_endpoint", "/username"],
    },
  ])("differ when check, operation or pointer differ: $other", ({ given, other }) => {
    expect(stableFindingId(given[0]!, given[1]!, given[2]!)).not.toBe(stableFindingId(other[0]!, other[1]!, other[2]!));
  });
});

describe("stable finding ids, past single digits", () => {
  it.each([10, 42, 999, 100000])("a drift on list item %s has the id of the same drift on item 0", (index) => {
    expect(stableFindingId("field-missing", "list_sip_endpoints", `/data/${index}/username`)).toBe(
      stableFindingId("field-missing", "list_sip_endpoints", "/data/0/username"),
    );
  });

  it("keeps an index apart from a key of the same path without it", () => {
    expect(stableFindingId("field-missing", "list_sip_endpoints", "/data/0/username")).not.toBe(
      stableFindingId("field-missing", "list_sip_endpoints", "/data/username"),
    );
  });

  it("drops an index that ends the pointer too", () => {
    expect(stableFindingId("field-type-mismatch", "list_sip_endpoints", "/data/10")).toBe(
      stableFindingId("field-type-mismatch", "list_sip_endpoints", "/data/0"),
    );
  });

  it("keeps digits that are part of a key", () => {
    expect(stableFindingId("field-undocumented", "retrieve_sip_endpoint", "/x10")).not.toBe(
      stableFindingId("field-undocumented", "retrieve_sip_endpoint", "/x0"),
    );
  });
});

describe("quoted values", () => {
  it("are cut at 80 characters with an ellipsis, and kept whole up to that", () => {
    expect(describeValue("a".repeat(78))).toBe(`"${"a".repeat(78)}"`);
    const cut = describeValue("b".repeat(200));
    expect(cut).toHaveLength(80);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.startsWith('"bbb')).toBe(true);
    expect(describeValue(undefined)).toBe("absent");
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });
});
