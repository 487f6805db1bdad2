/**
 * A bounded map that forgets in bulk. Entries live in a young and an old generation; when the
 * young one is full it becomes the old one and the previous old one is dropped whole. Reading an
 * old entry moves it back to the young generation, so what is still in use stays.
 *
 * Why not one Map evicting its oldest key each time: V8 leaves deleted slots at the front of a
 * Map until it rehashes, so "delete the first key" gets slower with every eviction.
 */
export class GenerationalMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  /** Holds at least `generationSize` and at most twice that many entries. */
  constructor(private readonly generationSize: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.generationSize && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
