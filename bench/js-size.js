// The JavaScript a page ships: the entry files and the route's nodes, with every static import they
// pull in, gzipped. Usage: node bench/js-size.js <url> [buildDir]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export async function pageJsGzipBytes(url, buildDir = 'build') {
	const html = await (await fetch(url)).text();
	const client = path.resolve(buildDir, 'client');
	const entries = [...html.matchAll(/import\("\.{0,2}\/?([^"]*_app\/immutable\/entry\/[^"]+\.js)"\)/g)].map((m) =>
		m[1].replace(/^.*?(_app\/)/, '$1')
	);
	const nodeIds = JSON.parse(html.match(/node_ids:\s*(\[[^\]]*\])/)?.[1] ?? '[]');
	const seen = new Set();
	const visit = (file) => {
		const full = path.resolve(client, file);
		if (seen.has(full)) return;
		seen.add(full);
		const code = readFileSync(full, 'utf8');
		for (const match of code.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
			visit(path.relative(client, path.resolve(path.dirname(full), match[1])));
		}
	};
	// A page rendered with `csr = false` ships no script at all.
	if (entries.length === 0) return { bytes: 0, files: 0, largest: [] };
	for (const entry of entries) visit(entry);
	const appFile = entries.find((e) => e.includes('/app.')) ?? entries[0];
	const app = readFileSync(path.resolve(client, appFile), 'utf8');
	// Vite lists every lazily loaded file once and each node names its dependencies by index.
	const depFiles = JSON.parse((app.match(/m\.f=(\[[^\]]*\])/)?.[1] ?? '[]').replaceAll("'", '"'));
	const appDir = path.dirname(appFile);
	for (const id of nodeIds) {
		const node = app.match(new RegExp(`import\\(\`\\.\\./nodes/${id}\\.([^\`]+)\\.js\`\\),__vite__mapDeps\\(\\[([\\d,]*)\\]\\)`));
		if (!node) throw new Error(`node ${id} not found in ${appFile}`);
		for (const index of node[2].split(',').filter(Boolean)) {
			visit(path.relative(client, path.resolve(client, appDir, depFiles[Number(index)])));
		}
		visit(`_app/immutable/nodes/${id}.${node[1]}.js`);
	}
	let total = 0;
	const sizes = [];
	for (const file of seen) {
		const size = gzipSync(readFileSync(file), { level: 9 }).length;
		sizes.push([size, path.relative(client, file)]);
		total += size;
	}
	return { bytes: total, files: seen.size, largest: sizes.sort((a, b) => b[0] - a[0]).slice(0, 12) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(await pageJsGzipBytes(process.argv[2], process.argv[3]));
}
