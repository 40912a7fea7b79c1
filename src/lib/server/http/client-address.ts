// The client's address for the audit log and the log-in throttle. The socket's peer address, unless that peer is
// a proxy the deployment trusts (TRUSTED_PROXIES): then the address that proxy saw, the right-most entry of
// X-Forwarded-For that is not itself a trusted proxy. A header from anyone else is ignored, so a client cannot
// write another address into the audit log by sending the header itself.
import { isIP } from 'node:net';

/** '::ffff:127.0.0.1' and '127.0.0.1' are one address. */
function normalise(address: string): string {
	const a = address.trim().toLowerCase();
	return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** The trusted proxies from a comma-separated list of addresses (TRUSTED_PROXIES); malformed entries are dropped. */
export function parseTrustedProxies(value: string | undefined): Set<string> {
	const out = new Set<string>();
	for (const part of (value ?? '').split(',')) {
		const a = normalise(part);
		if (a && isIP(a)) out.add(a);
	}
	return out;
}

export function resolveClientAddress(socketAddress: string | null, forwardedFor: string | null, trusted: ReadonlySet<string>): string | null {
	if (socketAddress === null) return null;
	let address = normalise(socketAddress);
	if (!trusted.has(address) || !forwardedFor) return address;
	// Walk the hops back from the proxy we trust; stop at the first address no trusted proxy vouches for.
	const hops = forwardedFor.split(',').map(normalise);
	for (let i = hops.length - 1; i >= 0; i--) {
		if (!isIP(hops[i])) break; // garbage from a hop we cannot vouch for: keep the last trusted one's view
		address = hops[i];
		if (!trusted.has(address)) break;
	}
	return address;
}

let cached: { env: string | undefined; set: Set<string> } | null = null;

/** The deployment's trusted proxies (TRUSTED_PROXIES, read on each call so tests can set it). */
export function trustedProxies(): Set<string> {
	const env = process.env.TRUSTED_PROXIES;
	if (!cached || cached.env !== env) cached = { env, set: parseTrustedProxies(env) };
	return cached.set;
}
