/**
 * The mock's store on its own: lookups by id and username, creation positions that survive a
 * delete (page tokens resolve to them), pages older than a position and counts from one, and the
 * bulk sweep of deleted entries, after which all of that must still hold.
 */
import { blankEndpoint } from "../../src/mock/endpoint";
import { EndpointStore } from "../../src/mock/store";

function storeOf(n: number): EndpointStore {
  const store = new EndpointStore();
  for (let i = 1; i <= n; i++) store.insert(blankEndpoint(`id-${i}`, `user-${i}`));
  return store;
}
const ids = (endpoints: Array<{ id: string }>) => endpoints.map((e) => e.id);

describe("EndpointStore", () => {
  it("finds by id and username, and a username is taken except by its own endpoint", () => {
    const store = storeOf(2);
    expect(store.size).toBe(2);
    expect(store.get("id-1")?.username).toBe("user-1");
    expect(store.get("id-3")).toBeUndefined();
    expect([
      store.usernameTaken("user-1"),
      store.usernameTaken("user-1", "id-1"),
      store.usernameTaken("user-1", "id-2"),
      store.usernameTaken("nobody"),
    ]).toEqual([true, false, true, false]);
  });

  it("a replace moves the username, and does nothing for an unknown id", () => {
    const store = storeOf(2);
    store.replace({ ...store.get("id-1")!, username: "renamed" });
    expect([store.usernameTaken("user-1"), store.usernameTaken("renamed")]).toEqual([false, true]);
    expect(store.get("id-1")?.username).toBe("renamed");
    store.replace({ ...store.get("id-2")!, caller_id: "same name" });
    expect(store.usernameTaken("user-2")).toBe(true);
    store.replace(blankEndpoint("id-9", "ghost"));
    expect([store.size, store.usernameTaken("ghost")]).toEqual([2, false]);
  });

  it("a removed endpoint is gone by id and username, but its position is remembered", () => {
    const store = storeOf(3);
    expect(store.remove("id-2")).toBe(true);
    expect(store.remove("id-2")).toBe(false);
    expect([store.size, store.get("id-2"), store.usernameTaken("user-2")]).toEqual([2, undefined, false]);
    expect([
      store.positionOf("id-1"),
      store.positionOf("id-2"),
      store.positionOf("id-3"),
      store.positionOf("never"),
    ]).toEqual([1, 2, 3, undefined]);
    expect(ids(store.all())).toEqual(["id-3", "id-1"]);
  });

  it("gives pages older than a position, newest first, saying whether more exist", () => {
    const store = storeOf(5);
    expect(store.olderThan(6, 2)).toEqual({ items: [store.get("id-5"), store.get("id-4")], more: true });
    expect(ids(store.olderThan(4, 2).items)).toEqual(["id-3", "id-2"]);
    expect(store.olderThan(3, 2)).toEqual({ items: [store.get("id-2"), store.get("id-1")], more: false });
    expect(store.olderThan(1, 2)).toEqual({ items: [], more: false });
    store.remove("id-4");
    expect(ids(store.olderThan(6, 2).items)).toEqual(["id-5", "id-3"]);
    const odd = (e: { username: string }) => Number(e.username.split("-")[1]) % 2 === 1;
    expect(store.olderThan(6, 5, odd)).toEqual({
      items: [store.get("id-5"), store.get("id-3"), store.get("id-1")],
      more: false,
    });
    expect(store.olderThan(6, 2, odd).more).toBe(true);
  });

  it("counts from a position onwards, oldest first, and names the next newer match beyond the limit", () => {
    const store = storeOf(5);
    expect(store.newerFrom(2, 2)).toEqual({ count: 2, beyond: store.get("id-4") });
    expect(store.newerFrom(2, 10)).toEqual({ count: 4, beyond: undefined });
    expect(store.newerFrom(6, 1)).toEqual({ count: 0, beyond: undefined });
    store.remove("id-3");
    expect(store.newerFrom(2, 2)).toEqual({ count: 2, beyond: store.get("id-5") });
    const even = (e: { username: string }) => Number(e.username.split("-")[1]) % 2 === 0;
    expect(store.newerFrom(1, 1, even)).toEqual({ count: 1, beyond: store.get("id-4") });
  });

  it("sweeps deleted entries in bulk, and positions, pages and counts still hold after the sweep", () => {
    const store = storeOf(2100);
    // 1,050 deletes are at least 1,024 and half of 2,100: the sweep runs on the last of them.
    for (let i = 1; i <= 2100; i += 2) store.remove(`id-${i}`);
    expect(store.size).toBe(1050);
    expect([store.positionOf("id-1"), store.positionOf("id-2099"), store.positionOf("id-2100")]).toEqual([
      1, 2099, 2100,
    ]);
    expect(ids(store.olderThan(2099, 2).items)).toEqual(["id-2098", "id-2096"]);
    expect(store.newerFrom(2097, 5)).toEqual({ count: 2, beyond: undefined });
    expect(ids(store.all()).slice(0, 2)).toEqual(["id-2100", "id-2098"]);
    expect(store.all()).toHaveLength(1050);
  });
});
