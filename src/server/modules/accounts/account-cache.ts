import type { Me } from "../../../shared/accounts.js";
import type { AccountSnapshot } from "./accounts.repository.js";

/**
 * Accounts held in this instance's memory, each valid only for the account_version it was read at. Every request
 * still checks the session and reads the current version from the database (triggers bump it on any change, from
 * any instance), so a stale entry is never served: it simply misses. Bounded, oldest entries first out.
 */
export class AccountCache {
  private readonly entries = new Map<string, AccountSnapshot>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The cached account if it was read at exactly this version and its pending email change has not lapsed. */
  get(userId: string, accountVersion: string, now = Date.now()): Me | null {
    const entry = this.entries.get(userId);
    if (!entry || entry.accountVersion !== accountVersion) return null;
    if (entry.pendingEmailExpiresAt && entry.pendingEmailExpiresAt.getTime() <= now) {
      this.entries.delete(userId);
      return null;
    }
    return entry.account;
  }

  /** Stores a freshly read account, evicting the oldest entry when full. */
  set(snapshot: AccountSnapshot): void {
    const userId = snapshot.account.id;
    this.entries.delete(userId);
    this.entries.set(userId, snapshot);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** How many accounts are held (tests). */
  get size(): number {
    return this.entries.size;
  }
}
