/**
 * What the fuzzer believes the mock's store holds: the last state the server reported for each
 * live endpoint, creation order, usernames in use, and the page tokens the server handed out.
 * Commands predict answers from it and update it; the final walk compares it with the server.
 */
import type { components } from "../../generated/openapi";

export type SipEndpoint = components["schemas"]["SipEndpoint"];

export class StoreModel {
  readonly live = new Map<string, SipEndpoint>();
  /** Every id ever stored, oldest first; its index is the creation position. */
  readonly order: string[] = [];
  readonly gone: string[] = [];
  /** `next`/`prev` links the server sent, newest last (bounded). */
  readonly links: string[] = [];
  /** Page tokens found in those links: the only tokens the server has promised to honour. */
  readonly tokens = new Set<string>();
  creates = 0;
  deletes = 0;

  constructor(readonly initial: number) {}

  /** The model of a store that holds `endpoints` (newest first, as the mock reports them). */
  static of(endpoints: readonly SipEndpoint[]): StoreModel {
    const model = new StoreModel(endpoints.length);
    // Through JSON, so the model holds plain data exactly like the parsed answers it is compared
    // with (a copy made elsewhere may come from another realm, with another Object.prototype).
    const copies = JSON.parse(JSON.stringify(endpoints)) as SipEndpoint[];
    for (const endpoint of copies.reverse()) model.add(endpoint, false);
    return model;
  }

  add(endpoint: SipEndpoint, created = true): void {
    this.live.set(endpoint.id, endpoint);
    this.order.push(endpoint.id);
    if (created) this.creates++;
  }

  remove(id: string): void {
    this.live.delete(id);
    this.gone.push(id);
    this.deletes++;
  }

  /** The id of the live endpoint using `username`, if any. */
  ownerOf(username: unknown): string | undefined {
    for (const endpoint of this.live.values()) if (endpoint.username === username) return endpoint.id;
    return undefined;
  }

  /** Live endpoints, newest first. */
  newestFirst(): SipEndpoint[] {
    const out: SipEndpoint[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) {
      const endpoint = this.live.get(this.order[i]!);
      if (endpoint) out.push(endpoint);
    }
    return out;
  }

  position(id: string): number {
    return this.order.indexOf(id);
  }

  rememberLink(url: string, token: string | null): void {
    this.links.push(url);
    if (this.links.length > 32) this.links.shift();
    if (token) this.tokens.add(token);
  }

  /** Picks an id: a live one, a deleted one, or the given stranger, as `choice` says. */
  pick(choice: IdChoice): string {
    if (choice.kind === "live" && this.live.size > 0) return [...this.live.keys()][choice.index % this.live.size]!;
    if (choice.kind === "gone" && this.gone.length > 0) return this.gone[choice.index % this.gone.length]!;
    return choice.stranger;
  }
}

/** Which endpoint a command aims at; resolved against the model when the command runs. */
export interface IdChoice {
  kind: "live" | "gone" | "stranger";
  index: number;
  /** Used for `stranger`, and whenever there is no live or deleted endpoint to pick. */
  stranger: string;
}
