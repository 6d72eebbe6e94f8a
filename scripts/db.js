// Runs a command of src/lib/server/operations/cli.ts through Vite, so scripts share the app's code, aliases
// and configuration: node scripts/db.js <migrate|seed|export|import|user:create> [args…]
import { exitWithVite } from './with-vite.js';

const [command, ...args] = process.argv.slice(2);
await exitWithVite(async (vite) => {
	const cli = await vite.ssrLoadModule('/src/lib/server/operations/cli.ts');
	return cli.run(command, args);
});
