// Log-in throttling, by client address and by name together, kept in memory (one server process; a restart
// forgets it, which only ever unlocks). Three windows of failures:
//   - one address and one name (PAIR): the classic lock-out, seen only by whoever guesses;
//   - one address, any names (ADDRESS): one machine spraying many names;
//   - one name, any addresses (NAME): many machines guessing one account — but never for an administrator's
//     name, so an attacker cannot lock the administrator out; an admin is throttled per address only.
// Every name counts the same whether or not it is a user, so the answers never tell which names exist.

export const PAIR_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const NAME_LIMIT = 50;
export const WINDOW_MINUTES = 15;
/** Bound on remembered keys: the oldest are forgotten first (a flood of names cannot exhaust memory). */
const MAX_KEYS = 50_000;

interface Counter {
	failures: number;
	/** When the window of these failures started (ms). */
	since: number;
	/** Blocked until (ms), once the limit was reached. */
	blockedUntil: number;
}

export interface ThrottleKey {
	address: string | null | undefined;
	name: string;
	/** An administrator's name gets no name-wide block. */
	isAdmin: boolean;
}

export class LoginThrottle {
	private readonly counters = new Map<string, Counter>();

	private keys(k: ThrottleKey): { key: string; limit: number }[] {
		const address = k.address ?? '-';
		const name = k.name.trim().toLowerCase();
		const out = [
			{ key: `p\u0000${address}\u0000${name}`, limit: PAIR_LIMIT },
			{ key: `a\u0000${address}`, limit: ADDRESS_LIMIT }
		];
		if (!k.isAdmin) out.push({ key: `n\u0000${name}`, limit: NAME_LIMIT });
		return out;
	}

	/** When blocked: the time (ms) the block ends; else null. */
	blockedUntil(k: ThrottleKey, now: number): number | null {
		let until = 0;
		for (const { key } of this.keys(k)) {
			const c = this.counters.get(key);
			if (c && c.blockedUntil > now) until = Math.max(until, c.blockedUntil);
		}
		return until > 0 ? until : null;
	}

	/** Counts a failure; returns the end of the block it started (ms), or null. */
	fail(k: ThrottleKey, now: number): number | null {
		const windowMs = WINDOW_MINUTES * 60_000;
		let until = 0;
		for (const { key, limit } of this.keys(k)) {
			let c = this.counters.get(key);
			if (!c || (now - c.since > windowMs && c.blockedUntil <= now)) c = { failures: 0, since: now, blockedUntil: 0 };
			c.failures++;
			if (c.failures >= limit) {
				c.blockedUntil = now + windowMs;
				c.failures = 0;
				c.since = now;
				until = Math.max(until, c.blockedUntil);
			}
			this.counters.delete(key); // re-insert: Map order is then least recently failed first
			this.counters.set(key, c);
		}
		while (this.counters.size > MAX_KEYS) this.counters.delete(this.counters.keys().next().value as string);
		return until > 0 ? until : null;
	}

	/** A successful log-in clears this address's failures for this name (not the address-wide or name-wide ones). */
	succeed(k: ThrottleKey): void {
		this.counters.delete(this.keys(k)[0].key);
	}
}
