// A TCP port free on the loopback interface right now, for a server started next (tests, bench, load test).
import net from 'node:net';

/**
 * With TEST_PORTS=lo-hi (e.g. 4200-4209, where several people share one machine and each keeps to a range) a free
 * port of that range, tried from a random one on so that two test files starting servers at once rarely pick the
 * same (run such files one at a time to be sure); otherwise one the system picks.
 */
export async function freePort(): Promise<number> {
	const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORTS ?? '');
	if (range) {
		const [lo, hi] = [Number(range[1]), Number(range[2])];
		const start = Math.floor(Math.random() * (hi - lo + 1));
		for (let i = 0; i <= hi - lo; i++) {
			const p = lo + ((start + i) % (hi - lo + 1));
			if (await listenable(p)) return p;
		}
		throw new Error(`no free port in TEST_PORTS=${process.env.TEST_PORTS}`);
	}
	return listenOn(0);
}

function listenable(port: number): Promise<boolean> {
	return listenOn(port).then(
		() => true,
		() => false
	);
}

function listenOn(port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(port, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}
