// Runs app modules (TypeScript, $lib aliases, the app's Vite configuration) from a script: `work` loads
// them through the given server and returns the exit code; the server is closed before the process exits.
import { createServer } from 'vite';

/** @param {(vite: import('vite').ViteDevServer) => Promise<number>} work */
export async function exitWithVite(work) {
	const vite = await createServer({
		server: { middlewareMode: true, hmr: false, ws: false },
		appType: 'custom',
		logLevel: 'error'
	});
	let code = 1;
	try {
		code = await work(vite);
	} finally {
		await vite.close();
	}
	process.exit(code);
}
