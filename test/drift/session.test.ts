/**
 * The drift session on its own, against scripted answers: when a request stops the run and with
 * what reason, when a step is incomplete and what its note says, what is filed and counted, and
 * which findings a step is failed for.
 */
import { ArgumentError } from "../../src/client/errors";
import { RunStopped, StepIncomplete, type ProgressEvent, type Sent } from "../../src/drift/session";
import type { DriftExchange } from "../../src/drift/types";
import { sessionAnswering, thrownBy } from "./harness";

const URL_ = "https://example.signalwire.com/api/relay/rest/endpoints/sip";
const PAGE = '{"links":{"self":"a","first":"a"},"data":[]}';
/** A page with one undocumented key: one finding per answer. */
const ODD_PAGE = '{"links":{"self":"a","first":"a"},"data":[],"x":1}';

function exchange(over: Partial<DriftExchange> = {}): DriftExchange {
  return {
    operationId: "list_sip_endpoints",
    method: "GET",
    url: URL_,
    status: 200,
    headers: { "content-type": "application/json" },
    bodyText: PAGE,
    ...over,
  };
}

const failure = async (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("a request", () => {
  it("counts requests and retries, per run and per step, and records the statuses seen", async () => {
    const { session } = sessionAnswering(() => exchange({ attempts: 3 }));
    await session.step("a", async () => {
      await session.request({ operationId: "list_sip_endpoints" });
      await session.request({ operationId: "list_sip_endpoints" });
    });
    await session.request({ operationId: "list_sip_endpoints" });
    expect([session.requests, session.retries, session.steps[0]!.requests]).toEqual([3, 6, 2]);
    expect(session.coverage.summary().operations[0]!.exercised).toEqual({ "200": 3 });
  });

  it("that gets no answer stops the run, naming the operation and the error, and still counts", async () => {
    const { session } = sessionAnswering(() => {
      throw Object.assign(new Error("socket hang up"), { name: "NetworkError" });
    });
    const stopped = await failure(session.request({ operationId: "retrieve_sip_endpoint", params: { id: "x" } }));
    expect(stopped).toBeInstanceOf(RunStopped);
    expect((stopped as RunStopped).reason).toBe(
      "retrieve_sip_endpoint: the target gave no answer (NetworkError: socket hang up)",
    );
    expect(session.requests).toBe(1);
  });

  it("names a plain Error by its message alone, and what is no Error as text", async () => {
    const plain = sessionAnswering(() => {
      throw new Error("boom");
    }).session;
    expect(((await failure(plain.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "list_sip_endpoints: the target gave no answer (boom)",
    );
    const odd = sessionAnswering(() => {
      throw 42;
    }).session;
    expect(((await failure(odd.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "list_sip_endpoints: the target gave no answer (42)",
    );
  });

  it("that could not be built stops the run as unsent, and is not counted", async () => {
    const { session } = sessionAnswering(() => {
      throw new ArgumentError("the id is empty");
    });
    const stopped = (await failure(
      session.request({ operationId: "retrieve_sip_endpoint", params: { id: "" } }),
    )) as RunStopped;
    expect(stopped.reason).toBe(
      "retrieve_sip_endpoint: the request could not be sent (ArgumentError: the id is empty)",
    );
    expect(session.requests).toBe(0);
  });

  it("answered 401 with the run's own credentials stops the run; with none or other ones it is judged", async () => {
    const { session } = sessionAnswering(() => exchange({ status: 401, bodyText: '{"errors":[]}' }));
    expect(await session.request({ operationId: "list_sip_endpoints", auth: "none" })).toMatchObject({
      exchange: { status: 401 },
    });
    expect(
      await session.request({ operationId: "list_sip_endpoints", auth: { projectId: "p", apiToken: "wrong" } }),
    ).toMatchObject({ exchange: { status: 401 } });
    for (const auth of [undefined, "default" as const]) {
      const stopped = (await failure(session.request({ operationId: "list_sip_endpoints", auth }))) as RunStopped;
      expect(stopped.reason).toBe("the target refused the given credentials (401 on list_sip_endpoints)");
    }
  });

  it("once the run is interrupted, is not sent; the reason is the signal's when it names the run", async () => {
    const controller = new AbortController();
    const { session, asked } = sessionAnswering(() => exchange(), { signal: controller.signal });
    controller.abort("the run reached --max-duration 60 s");
    expect(((await failure(session.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "the run reached --max-duration 60 s",
    );
    expect(asked).toEqual([]);
    const other = new AbortController();
    const plain = sessionAnswering(() => exchange(), { signal: other.signal }).session;
    other.abort(new Error("SIGINT"));
    expect(((await failure(plain.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "the run was interrupted",
    );
    expect(plain.interrupted).toBe(true);
    const text = new AbortController();
    const withText = sessionAnswering(() => exchange(), { signal: text.signal }).session;
    text.abort("SIGTERM");
    expect(((await failure(withText.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "the run was interrupted",
    );
  });

  it("that fails because the run was interrupted meanwhile stops with the interruption, not the error", async () => {
    const controller = new AbortController();
    const { session } = sessionAnswering(
      () => {
        controller.abort("the run reached --max-duration 1 s (less the time kept for cleanup)");
        throw new Error("aborted");
      },
      { signal: controller.signal },
    );
    expect(((await failure(session.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "the run reached --max-duration 1 s (less the time kept for cleanup)",
    );
  });

  it("for cleanup goes on after an interruption, carries the cleanup signal, and stops only when that one ends", async () => {
    const run = new AbortController();
    const everything = new AbortController();
    let fail = false;
    const { session, asked } = sessionAnswering(
      () => {
        if (fail) throw new Error("aborted");
        return exchange({ operationId: "delete_sip_endpoint", method: "DELETE", status: 204, bodyText: "" });
      },
      { signal: run.signal, cleanupSignal: everything.signal },
    );
    run.abort("interrupted");
    await session.request({ operationId: "delete_sip_endpoint", params: { id: "a" } }, { cleanup: true });
    expect(asked[0]!.signal).toBe(everything.signal);
    fail = true;
    everything.abort("the run reached --max-duration 60 s");
    expect(
      (
        (await failure(
          session.request({ operationId: "delete_sip_endpoint", params: { id: "a" } }, { cleanup: true }),
        )) as RunStopped
      ).reason,
    ).toBe("the run reached --max-duration 60 s");
  });

  it("outside cleanup, a failure is the target's even when the cleanup signal has ended", async () => {
    const everything = new AbortController();
    everything.abort("the run reached --max-duration 60 s");
    const { session } = sessionAnswering(
      () => {
        throw new Error("reset");
      },
      { cleanupSignal: everything.signal },
    );
    expect(((await failure(session.request({ operationId: "list_sip_endpoints" }))) as RunStopped).reason).toBe(
      "list_sip_endpoints: the target gave no answer (reset)",
    );
  });

  it("passes the run's signal on, and none when there is none", async () => {
    const controller = new AbortController();
    const withSignal = sessionAnswering(() => exchange(), { signal: controller.signal });
    await withSignal.session.request({ operationId: "list_sip_endpoints" });
    expect(withSignal.asked[0]!.signal).toBe(controller.signal);
    const without = sessionAnswering(() => exchange());
    await without.session.request({ operationId: "list_sip_endpoints" });
    expect("signal" in without.asked[0]!).toBe(false);
  });

  it("of invalid input that is accepted files no echo of it, but what else is wrong with the answer", async () => {
    const echoed = exchange({
      operationId: "create_sip_endpoint",
      method: "POST",
      status: 201,
      bodyText: '{"extra":1}',
    });
    const { session } = sessionAnswering(() => echoed);
    await session.request({ operationId: "create_sip_endpoint", body: {} }, { invalidInput: true });
    expect(session.findings.findings().map((f) => f.check)).toEqual(["status-code-alternative"]);
    await session.request({ operationId: "create_sip_endpoint", body: {} });
    expect([...new Set(session.findings.findings().map((f) => f.check))].sort()).toEqual([
      "field-missing",
      "field-undocumented",
      "status-code-alternative",
    ]);
  });

  it("of invalid input that is refused is judged whole", async () => {
    const { session } = sessionAnswering(() =>
      exchange({ operationId: "create_sip_endpoint", method: "POST", status: 422, bodyText: '{"oops":1}' }),
    );
    await session.request({ operationId: "create_sip_endpoint", body: {} }, { invalidInput: true });
    expect(session.findings.findings().map((f) => f.check)).toContain("field-undocumented");
  });

  it("following a link that answers 404 is left to the walk: no response check judges it", async () => {
    const { session } = sessionAnswering(() => exchange({ status: 404, bodyText: "<html>" }));
    await session.request({ operationId: "list_sip_endpoints", search: "?page=2" }, { followsLink: true });
    expect([session.findings.size, session.findings.evaluatedPairs()]).toEqual([0, []]);
    await session.request({ operationId: "list_sip_endpoints", search: "?page=2" });
    expect(session.findings.size).toBeGreaterThan(0);
  });

  it("following a link that answers anything but 404 is judged like any page", async () => {
    const { session } = sessionAnswering(() => exchange({ bodyText: ODD_PAGE }));
    await session.request({ operationId: "list_sip_endpoints", search: "?page=2" }, { followsLink: true });
    expect(session.findings.findings().map((f) => f.check)).toEqual(["field-undocumented"]);
  });

  it("outside any step files what it finds and reports progress under no step's name", async () => {
    const events: ProgressEvent[] = [];
    const { session } = sessionAnswering(() => exchange({ bodyText: ODD_PAGE }), { onProgress: (e) => events.push(e) });
    await session.request({ operationId: "list_sip_endpoints" });
    expect(events).toEqual([{ step: "", requests: 1, findings: 1 }]);
    expect(session.findings.findings().map((f) => f.step)).toEqual([""]);
  });

  it("stops the run when the caller says the answer is from another API", async () => {
    const { session } = sessionAnswering(() => exchange({ status: 404 }));
    const stopped = (await failure(
      session.request(
        { operationId: "list_sip_endpoints" },
        { notThisApi: ({ exchange: e }) => (e.status === 404 ? "elsewhere" : undefined) },
      ),
    )) as RunStopped;
    expect(stopped.reason).toBe("elsewhere");
    expect(session.findings.size).toBe(0);
  });

  it("tells every exchange that got an answer to the recorder, with its step and flags", async () => {
    const seen: Array<{ step: string; invalidInput: boolean; followsLink: boolean }> = [];
    const { session } = sessionAnswering(() => exchange(), {
      onExchange: ({ step, invalidInput, followsLink }) => seen.push({ step, invalidInput, followsLink }),
    });
    await session.request({ operationId: "list_sip_endpoints" });
    await session.step(
      "walk",
      async () =>
        void (await session.request({ operationId: "list_sip_endpoints" }, { followsLink: true, invalidInput: true })),
    );
    expect(seen).toEqual([
      { step: "", invalidInput: false, followsLink: false },
      { step: "walk", invalidInput: true, followsLink: true },
    ]);
  });

  it("reports progress when a step starts and after each answer", async () => {
    const events: ProgressEvent[] = [];
    const { session } = sessionAnswering(() => exchange({ bodyText: ODD_PAGE }), { onProgress: (e) => events.push(e) });
    await session.step("list", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
    expect(events).toEqual([
      { step: "list", requests: 0, findings: 0 },
      { step: "list", requests: 1, findings: 1 },
    ]);
  });
});

test("a stopped run and an incomplete step are errors named for what they are", () => {
  expect(String(new RunStopped("gone"))).toBe("RunStopped: gone");
  expect(String(new StepIncomplete("half"))).toBe("StepIncomplete: half");
});

describe("what a step needs", () => {
  const sent = (over: Partial<DriftExchange>, parsed = true): Sent => {
    return {
      exchange: exchange(over),
      analysis: { parsed: parsed ? { ok: true, value: {} } : { ok: false, error: "x" } },
    } as unknown as Sent;
  };
  const { session } = sessionAnswering(() => exchange());

  it.each([
    [499, 1, undefined],
    [500, 1, "doing it: list_sip_endpoints answered 500, so nothing could be judged"],
    [503, 3, "doing it: list_sip_endpoints answered 503 after 3 attempts, so nothing could be judged"],
    [429, 1, "doing it: list_sip_endpoints answered 429, so nothing could be judged"],
    [428, 1, undefined],
  ])("an answer: %i after %i attempt(s)", (status, attempts, note) => {
    const thrown = thrownBy(() => session.requireAnswer(sent({ status, attempts }), "doing it"));
    if (note === undefined) expect(thrown).toBeUndefined();
    else expect(thrown).toEqual(new StepIncomplete(note));
  });

  it("JSON from a 2xx", () => {
    expect(session.requireJson(sent({ status: 201 }), "the page")).toEqual({});
    expect(() => session.requireJson(sent({ status: 302 }), "the page")).toThrow(
      new StepIncomplete("the page: list_sip_endpoints answered 302"),
    );
    expect(() => session.requireJson(sent({ status: 200 }, false), "the page")).toThrow(
      new StepIncomplete("the page: the 200 body of list_sip_endpoints is not JSON"),
    );
  });
});

describe("a step", () => {
  it("lists the ids of what it found once each, and fails only for findings at or above the threshold", async () => {
    const odd = exchange({ bodyText: ODD_PAGE });
    const warnings = sessionAnswering(() => odd, { failOn: "warning" }).session;
    await warnings.step("list", async () => {
      await warnings.request({ operationId: "list_sip_endpoints" });
      await warnings.request({ operationId: "list_sip_endpoints" });
    });
    expect(warnings.steps[0]).toMatchObject({ result: "failed", findings: [warnings.findings.findings()[0]!.id] });
    const breaking = sessionAnswering(() => odd, { failOn: "breaking" }).session;
    await breaking.step("list", async () => void (await breaking.request({ operationId: "list_sip_endpoints" })));
    expect(breaking.steps[0]!.result).toBe("passed");
  });

  it("that stops the run is recorded as incomplete, then the stop goes on; other errors go on unrecorded", async () => {
    const { session } = sessionAnswering(() => exchange());
    await expect(session.step("a", async () => Promise.reject(new RunStopped("gone")))).rejects.toBeInstanceOf(
      RunStopped,
    );
    await expect(session.step("b", async () => Promise.reject(new TypeError("bug")))).rejects.toBeInstanceOf(TypeError);
    expect(session.steps).toEqual([
      { name: "a", result: "incomplete", requests: 0, findings: [], note: "gone" },
      { name: "b", result: "passed", requests: 0, findings: [] },
    ]);
  });

  it("gives back what its body returns, and a nested step counts its own requests", async () => {
    const { session } = sessionAnswering(() => exchange());
    const value = await session.step("outer", async () => {
      await session.step("inner", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
      await session.request({ operationId: "list_sip_endpoints" });
      return 7;
    });
    expect(value).toBe(7);
    expect(session.steps.map((s) => [s.name, s.requests])).toEqual([
      ["outer", 1],
      ["inner", 1],
    ]);
  });
});
