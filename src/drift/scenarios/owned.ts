/**
 * The endpoints a read-write run created. Only usernames that start with the run's own prefix are
 * ever recorded, so only those can ever be updated or deleted.
 */
export class OwnedEndpoints {
  private readonly live = new Map<string, string>();
  private readonly gone = new Set<string>();
  created = 0;

  constructor(readonly prefix: string) {}

  owns(username: unknown): username is string {
    return typeof username === "string" && username.startsWith(this.prefix);
  }

  /**
   * Records an endpoint of the run (created, or found under its prefix); refuses (returns false)
   * anything whose username is not the run's. A deleted one found again counts as live again.
   */
  add(id: unknown, username: unknown): boolean {
    if (typeof id !== "string" || id === "" || !this.owns(username) || this.live.has(id)) return false;
    if (!this.gone.delete(id)) this.created += 1;
    this.live.set(id, username);
    return true;
  }

  deleted(id: string): void {
    if (this.live.delete(id)) this.gone.add(id);
  }

  /** Endpoints created and not (yet) deleted. */
  remaining(): Array<{ id: string; username: string }> {
    return [...this.live].map(([id, username]) => ({ id, username }));
  }

  get deletedCount(): number {
    return this.gone.size;
  }

  isDeleted(id: string): boolean {
    return this.gone.has(id);
  }
}
