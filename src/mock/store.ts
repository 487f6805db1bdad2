/**
 * The in-memory store. Endpoints sit in one array in creation order, so "newest first" is a walk
 * backwards and a page is found by binary search: no sort and no copy of the store per request,
 * which keeps walking 100,000 endpoints cheap. Deleted entries are marked dead and swept out in
 * bulk; a bounded table remembers where recently deleted endpoints stood, so a page token naming
 * one still resumes its walk.
 */
import { GenerationalMap } from "./generational-map";
import type { SipEndpoint } from "./types";

interface Entry {
  /** Creation order; never reused. */
  seq: number;
  endpoint: SipEndpoint;
  live: boolean;
}

export type EndpointFilter = (endpoint: SipEndpoint) => boolean;

/** Deleted positions are remembered in generations of this size (so 5,000 to 10,000 of them). */
const TOMBSTONE_GENERATION = 5_000;
/** Sweep dead entries once there are this many and they make up half the array. */
const SWEEP_THRESHOLD = 1_024;

export class EndpointStore {
  private readonly byId = new Map<string, Entry>();
  private readonly byUsername = new Map<unknown, Entry>();
  private readonly tombstones = new GenerationalMap<string, number>(TOMBSTONE_GENERATION);
  private order: Entry[] = [];
  private dead = 0;
  private nextSeq = 1;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SipEndpoint | undefined {
    return this.byId.get(id)?.endpoint;
  }

  /** Whether another endpoint (not `exceptId`) already uses the username. */
  usernameTaken(username: unknown, exceptId?: string): boolean {
    const owner = this.byUsername.get(username);
    return owner !== undefined && owner.endpoint.id !== exceptId;
  }

  insert(endpoint: SipEndpoint): void {
    const entry: Entry = { seq: this.nextSeq++, endpoint, live: true };
    this.order.push(entry);
    this.byId.set(endpoint.id, entry);
    this.byUsername.set(endpoint.username, entry);
  }

  replace(endpoint: SipEndpoint): void {
    const entry = this.byId.get(endpoint.id);
    if (!entry) return;
    this.byUsername.delete(entry.endpoint.username);
    this.byUsername.set(endpoint.username, entry);
    entry.endpoint = endpoint;
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    entry.live = false;
    this.byId.delete(id);
    this.byUsername.delete(entry.endpoint.username);
    this.tombstones.set(id, entry.seq);
    if (++this.dead >= SWEEP_THRESHOLD && this.dead * 2 >= this.order.length) this.sweep();
    return true;
  }

  /** The creation position of a live or recently deleted endpoint; what page tokens resolve to. */
  positionOf(id: string): number | undefined {
    return this.byId.get(id)?.seq ?? this.tombstones.get(id);
  }

  /**
   * Up to `limit` matching endpoints older than position `before`, newest first, and whether
   * one more exists beyond them.
   */
  olderThan(before: number, limit: number, match?: EndpointFilter): { items: SipEndpoint[]; more: boolean } {
    const items: SipEndpoint[] = [];
    for (let i = this.indexAtOrAfter(before) - 1; i >= 0; i--) {
      const entry = this.order[i]!;
      if (!entry.live || (match && !match(entry.endpoint))) continue;
      if (items.length === limit) return { items, more: true };
      items.push(entry.endpoint);
    }
    return { items, more: false };
  }

  /**
   * Counts matching endpoints at or after position `from`, oldest first, up to `limit`, and gives
   * the next newer match beyond them (undefined when the walk reached the newest endpoint).
   */
  newerFrom(from: number, limit: number, match?: EndpointFilter): { count: number; beyond: SipEndpoint | undefined } {
    let count = 0;
    for (let i = this.indexAtOrAfter(from); i < this.order.length; i++) {
      const entry = this.order[i]!;
      if (!entry.live || (match && !match(entry.endpoint))) continue;
      if (count === limit) return { count, beyond: entry.endpoint };
      count++;
    }
    return { count, beyond: undefined };
  }

  /** Every live endpoint, newest first. */
  all(): SipEndpoint[] {
    const out: SipEndpoint[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) if (this.order[i]!.live) out.push(this.order[i]!.endpoint);
    return out;
  }

  /** Index of the first entry whose position is `seq` or later (binary search; positions only grow). */
  private indexAtOrAfter(seq: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sweep(): void {
    this.order = this.order.filter((entry) => entry.live);
    this.dead = 0;
  }
}
