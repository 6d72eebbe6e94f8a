// Runs a command of src/lib/server/operations/cli.ts through Vite, so scripts share the app's code, aliases
// and configuration: node scripts/db.js <migrate|seed|export|import|user:create> [args…]
import { createServer } from 'vite';

const [command, ...args] = process.argv.slice(2);
const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
let code = 1;
try {
	const cli = await vite.ssrLoadModule('/src/lib/server/operations/cli.ts');
	code = await cli.run(command, args);
} finally {
	await vite.close();
}
process.exit(code);
