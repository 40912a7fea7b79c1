// Child process of the atomicity test: imports a file and prints each phase as it starts, so the parent can
// kill it with SIGKILL in the middle of the batch's transaction. Not a test file itself.
import { Database } from '../../src/lib/server/db/index.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';

const [dbPath, file] = process.argv.slice(2);
const db = await Database.open(dbPath);
let last = '';
await importFile(db, file, {
	onProgress: (p) => {
		if (p.phase !== last) {
			last = p.phase;
			process.stdout.write(`phase ${p.phase}\n`);
		}
	}
});
process.stdout.write('finished\n');
db.close();
