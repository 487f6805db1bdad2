import { checkResponse, stableFindingId } from "../../src/checks";
import { exchange, listBody, validEndpoint } from "./exchanges";

describe("stable finding ids", () => {
  it("are the same for the same drift on another list item and with other values", () => {
    const a = checkResponse(exchange("list_sip_endpoints", 200, listBody([validEndpoint({ encryption: "sometimes" })])));
    const b = checkResponse(exchange("list_sip_endpoints", 200, listBody([validEndpoint(), validEndpoint(), validEndpoint({ encryption: "never" })])));
    expect(a.map((f) => f.pointer)).toEqual(["/data/0/encryption"]);
    expect(b.map((f) => f.pointer)).toEqual(["/data/2/encryption"]);
    expect(a[0]!.id).toBe(b[0]!.id);
  });

  it.each([
    { given: ["field-missing", "retrieve_sip_endpoint", "/username"], other: ["field-missing", "retrieve_sip_endpoint", "/send_as"] },
    { given: ["field-missing", "retrieve_sip_endpoint", "/username"], other: ["field-missing", "update_sip_endpoint", "/username"] },
    { given: ["field-missing", "retrieve_sip_endpoint", "/username"], other: ["field-type-mismatch", "retrieve_sip_endpoint", "/username"] },
  ])("differ when check, operation or pointer differ: $other", ({ given, other }) => {
    expect(stableFindingId(given[0]!, given[1]!, given[2]!)).not.toBe(stableFindingId(other[0]!, other[1]!, other[2]!));
  });
});
