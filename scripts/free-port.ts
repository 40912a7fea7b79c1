// A TCP port free on the loopback interface right now, for a server started next (tests, bench, load test).
import net from 'node:net';

/**
 * With TEST_PORTS=lo-hi (e.g. 4200-4209, where several people share one machine and each keeps to a range) the first
 * free port of that range; otherwise one the system picks.
 */
export async function freePort(): Promise<number> {
	const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORTS ?? '');
	if (range) {
		for (let p = Number(range[1]); p <= Number(range[2]); p++) if (await listenable(p)) return p;
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
