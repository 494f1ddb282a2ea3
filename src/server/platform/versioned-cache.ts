/**
 * Values held in this instance's memory, each valid only for the version it was read at. Callers read the current
 * version from the database on every request (triggers move it on any change, from any instance), so a stale entry
 * is never served: it simply misses. Bounded; the least recently stored entries go first.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The value stored for `key` at exactly `version`, or undefined. */
  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && entry.version === version ? entry.value : undefined;
  }

  /** Stores a freshly read value, evicting the oldest entry when full. */
  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }
}
