// `npm run bench`: builds the app, fills a database with synthetic consultation data through the
// app's own data layer, starts the production server (adapter-node) and drives it with autocannon,
// route by route, next to a ceiling (the same server answering a static file of the plan page's
// size). Prints a table and writes bench/results.json (the 100,000-comment PostgreSQL run) and
// bench/results-all.json (every run). Options: --quick (10,000 comments only, shorter runs).
// For trials: --only=forum,plan_page,... (scenarios: ceiling, the route names, signed_in, post_comment,
// forum), --database=pglite|postgresql, --skip-build (reuse build-bench/), and the environment's
// BENCH_COMMENTS (comments per run), BENCH_DURATION (s per route), BENCH_FORUM_SECONDS. A trial (any of
// these) writes its results to bench/.data/ instead of bench/results*.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { createServer as createViteServer } from 'vite';
import { pageJsGzipBytes } from './js-size.js';
import { runForum } from './forum.js';

const root = path.resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option('only')?.split(',');
const onlyDatabase = option('database');
const skipBuild = process.argv.includes('--skip-build');
const commentsOverride = process.env.BENCH_COMMENTS ? Number(process.env.BENCH_COMMENTS) : undefined;
const trial = Boolean(only || onlyDatabase || skipBuild || commentsOverride || process.env.BENCH_DURATION || process.env.BENCH_FORUM_SECONDS);
/** Whether a scenario is part of this run (every one unless --only names some). */
const selected = (name) => !only || only.includes(name);
const BUILD_DIR = 'build-bench';
const CONNECTIONS = 25;
const DURATION = Number(process.env.BENCH_DURATION ?? (quick ? 8 : 15));
const WARMUP = Math.min(quick ? 2 : 4, DURATION);
const FORUM_SECONDS = Number(process.env.BENCH_FORUM_SECONDS ?? (quick ? 30 : 60));
const adminUrl =
	process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const RUNS = (
	quick || commentsOverride
		? [
				{ database: 'postgresql', comments: commentsOverride ?? 10_000 },
				{ database: 'pglite', comments: commentsOverride ?? 10_000 }
			]
		: [
				{ database: 'postgresql', comments: 10_000 },
				{ database: 'postgresql', comments: 100_000 },
				{ database: 'pglite', comments: 10_000 }
			]
).filter((run) => !onlyDatabase || run.database === onlyDatabase);

const log = (message) => console.log(`[bench] ${message}`);
/** Read routes measured again signed in, where the page cache never answers. */
const SIGNED_IN_ROUTES = ['plan_page', 'busy_section', 'dashboard', 'search_2', 'search_3'];

function build() {
	// A fresh clone has neither the compiled messages (src/lib/paraglide/, which the generator's Vite
	// server imports) nor .svelte-kit/tsconfig.json, which tsconfig.json extends and Vite needs before
	// it loads anything ("Tsconfig not found"): make both as `npm run check` does, before either is used.
	log('npm run paraglide');
	const paraglide = spawnSync('npm', ['run', '--silent', 'paraglide'], { cwd: root, stdio: 'inherit' });
	if (paraglide.status !== 0) throw new Error('npm run paraglide failed');
	log('svelte-kit sync');
	const syncEnv = { ...process.env };
	delete syncEnv.KIT_OUT_DIR;
	const sync = spawnSync('npx', ['svelte-kit', 'sync'], { cwd: root, stdio: 'inherit', env: syncEnv });
	if (sync.status !== 0) throw new Error('svelte-kit sync failed');
	if (skipBuild) {
		log(`reusing ${BUILD_DIR}/ (--skip-build)`);
		return;
	}
	log('building the app');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, BUILD_DIR, KIT_OUT_DIR: '.svelte-kit-bench' }
	});
	if (result.status !== 0) throw new Error('build failed');
}

async function freshDatabase(kind) {
	if (kind === 'pglite') {
		const dir = mkdtempSync(path.join(tmpdir(), 'plan-bench-'));
		return { env: { PGLITE_DIR: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
	}
	const name = `bench_${Date.now().toString(36)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		env: { DATABASE_URL: url.href },
		dispose: async () => {
			const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await dropper.unsafe(`drop database if exists "${name}" with (force)`);
			await dropper.end();
		}
	};
}

/** Runs a function of bench/generate.ts through Vite with the database in `env`. */
async function withGenerator(env, work) {
	const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };
	delete process.env.DATABASE_URL;
	delete process.env.PGLITE_DIR;
	Object.assign(process.env, env);
	const vite = await createViteServer({ root, server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error' });
	try {
		return await work(await vite.ssrLoadModule('/bench/generate.ts'));
	} finally {
		await vite.close();
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	}
}

/**
 * Starts the built server. `defaultLimits`: every rate limit as the app ships it (no RATE_LIMIT_*
 * variable reaches the server, not even one from this process's environment); otherwise only the
 * per-user comment limit is lifted, for post_comment's 20 posters.
 */
async function startServer(env, port, { defaultLimits = false } = {}) {
	const url = `http://127.0.0.1:${port}`;
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RATE_LIMIT_')));
	// BENCH_PROFILE_DIR: each server writes a CPU profile there when it stops (open it in Chrome's DevTools).
	const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
	const child = spawn(process.execPath, [...profile, path.join(root, BUILD_DIR)], {
		cwd: root,
		env: {
			...inherited,
			DATABASE_URL: '',
			PGLITE_DIR: '',
			...env,
			PORT: String(port),
			ORIGIN: url,
			SEED_DEMO: 'false',
			...(defaultLimits ? {} : { RATE_LIMIT_COMMENTS_PER_USER: '100000000' }),
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	for (let i = 0; i < 240; i++) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) return { child, url, output: () => output };
		} catch {
			// not yet
		}
		if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`server did not start:\n${output}`);
}

async function stopServer(server) {
	server.child.kill('SIGTERM');
	await new Promise((resolve) => (server.child.exitCode !== null ? resolve() : server.child.once('exit', resolve)));
}

function rssMegabytes(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024);
	} catch {
		return null;
	}
}

function percentile(sorted, p) {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One autocannon run; latencies are recorded per response for exact percentiles. */
async function load(options, pid, { record = true, connections = CONNECTIONS, duration = DURATION } = {}) {
	const latencies = [];
	let rss = 0;
	const sampler = setInterval(() => (rss = Math.max(rss, rssMegabytes(pid) ?? 0)), 200);
	const statusCounts = {};
	const result = await new Promise((resolve, reject) => {
		const instance = autocannon({ connections, duration, ...options }, (error, outcome) => (error ? reject(error) : resolve(outcome)));
		instance.on('response', (_client, statusCode, _bytes, responseTime) => {
			statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
			if (record) latencies.push(responseTime);
		});
	});
	clearInterval(sampler);
	latencies.sort((a, b) => a - b);
	const bad = Object.entries(statusCounts)
		.filter(([status]) => Number(status) >= 400)
		.reduce((sum, [, count]) => sum + count, 0);
	return {
		rps: Math.round(result.requests.average),
		p50_ms: percentile(latencies, 50),
		p95_ms: percentile(latencies, 95),
		p99_ms: percentile(latencies, 99),
		errors: result.errors + result.timeouts + bad,
		responses: latencies.length,
		statuses: statusCounts,
		rss_mb: rss
	};
}

async function benchmarkRun({ database, comments }) {
	log(`== ${database}, ${comments.toLocaleString('en')} comments ==`);
	const db = await freshDatabase(database);
	try {
		const started = Date.now();
		const data = await withGenerator(db.env, (generator) => generator.run(comments));
		log(`data ready in ${Math.round((Date.now() - started) / 1000)} s`);
		const port = 4900 + Math.floor(Math.random() * 90);
		let server = await startServer(db.env, port);
		const planPath = `/plans/${data.planSlug}`;
		// The ceiling: the same server sending a static file the size of the plan page.
		const planHtml = await (await fetch(`${server.url}${planPath}`)).text();
		await stopServer(server);
		writeFileSync(path.join(root, BUILD_DIR, 'client', 'bench-static.html'), planHtml);
		server = await startServer(db.env, port);
		let pid = server.child.pid;
		const jsBytes = (await pageJsGzipBytes(`${server.url}${planPath}`, path.join(root, BUILD_DIR))).bytes;

		const researcher = { cookie: `session=${data.researcherToken}` };
		// A participant who only reads: the most common signed-in reader.
		const participant = { cookie: `session=${data.posterTokens.at(-1)}` };
		const routes = {
			ceiling: { url: `${server.url}/bench-static.html` },
			plan_page: { url: `${server.url}${planPath}` },
			busy_section: { url: `${server.url}${planPath}/sections/${data.busySection}` },
			dashboard: { url: `${server.url}${planPath}/themes` },
			search_2: { url: `${server.url}${planPath}/search?q=${encodeURIComponent('협동')}` },
			search_3: { url: `${server.url}${planPath}/search?q=${encodeURIComponent('지원센터')}` },
			export_csv: { url: `${server.url}${planPath}/export.csv`, headers: researcher, connections: 2 }
		};
		const marker = `벤치마크${Date.now().toString(36)}`;
		let posted = 0;
		routes.post_comment = {
			url: server.url,
			requests: [
				{
					method: 'POST',
					path: `/api/v1/plans/${data.planSlug}/comments`,
					setupRequest: (request) => {
						const n = posted++;
						return {
							...request,
							headers: {
								'content-type': 'application/json',
								origin: server.url,
								cookie: `session=${data.posterTokens[n % data.posterTokens.length]}`
							},
							body: JSON.stringify({
								section_key: `s${String((n % 12) + 1).padStart(2, '0')}`,
								kind: 'suggestion',
								body: `${marker} ${n}번째 의견입니다. 지원센터 인력을 늘려 주세요.`,
								idempotency_key: `${marker}-${n}`
							})
						};
					}
				}
			]
		};

		const results = {};
		const measure = async (name) => {
			const { connections, ...options } = routes[name];
			if (name !== 'post_comment') await load(options, pid, { record: false, duration: WARMUP, connections });
			results[name] = await load(options, pid, { connections });
			log(
				`${name.padEnd(13)} ${String(results[name].rps).padStart(6)} req/s  p50 ${results[name].p50_ms} ms  p95 ${results[name].p95_ms} ms  p99 ${results[name].p99_ms} ms  errors ${results[name].errors}  rss ${results[name].rss_mb} MB`
			);
		};
		// The ceiling is measured whenever a ratio to it is.
		const wantsCeiling = Object.keys(routes).some((name) => name !== 'ceiling' && selected(name)) || selected('signed_in');
		for (const name of Object.keys(routes)) {
			if (name === 'post_comment') continue;
			if (selected(name) || (name === 'ceiling' && wantsCeiling)) await measure(name);
		}
		const ceiling = results.ceiling?.rps ?? null;
		const ratio = (rps) => (ceiling ? Math.round((rps / ceiling) * 1000) / 1000 : null);

		// The same reads signed in as one participant: served from the drawing kept for readers like them.
		// At 25 connections for throughput, then one at a time for the server's own time per request.
		const signedIn = {};
		for (const name of selected('signed_in') ? SIGNED_IN_ROUTES : []) {
			const options = { ...routes[name], headers: participant };
			await load(options, pid, { record: false, duration: WARMUP });
			const busy = await load(options, pid);
			const alone = await load(options, pid, { connections: 1 });
			signedIn[name] = {
				rps: busy.rps,
				p50_ms: busy.p50_ms,
				p95_ms: busy.p95_ms,
				p99_ms: busy.p99_ms,
				errors: busy.errors + alone.errors,
				ratio_to_ceiling: ratio(busy.rps),
				server_p50_ms: alone.p50_ms,
				server_p95_ms: alone.p95_ms
			};
			log(
				`${`${name} (signed in)`.padEnd(24)} ${String(busy.rps).padStart(6)} req/s  p50 ${busy.p50_ms} ms  p99 ${busy.p99_ms} ms  one at a time: p50 ${alone.p50_ms} ms  p95 ${alone.p95_ms} ms`
			);
		}

		// The forum: 100 participants signing in from one address and taking part at a person's pace,
		// on a server of its own with every rate limit as the app ships it.
		let forum = null;
		if (selected('forum')) {
			await stopServer(server);
			server = await startServer(db.env, port, { defaultLimits: true });
			log(`forum: ${data.forumEmails.length} participants from 127.0.0.1 for ${FORUM_SECONDS} s, default rate limits`);
			forum = { comments: data.comments, ...(await runForum(server.url, data, { durationMs: FORUM_SECONDS * 1000, log })) };
			log(
				`forum: ${forum.requests} requests (${forum.rps}/s)  p50 ${forum.p50_ms?.toFixed(1)} ms  p99 ${forum.p99_ms?.toFixed(1)} ms  errors ${forum.errors}  refused sign-ins ${forum.refused_sign_ins}  reads ${forum.reads} (+${forum.reads_signed_out} signed out)  endorsements ${forum.endorsements}  posts ${forum.posts}`
			);
			log(`forum: by kind ${JSON.stringify(forum.by_kind)}; after the arrivals ${JSON.stringify(forum.after_arrivals)}`);
			if (forum.errors) log(`forum: errors ${JSON.stringify(forum.problems)}`);
			await stopServer(server);
			server = await startServer(db.env, port);
			pid = server.child.pid;
		}

		// Last, as it adds thousands of comments to the data the reads above were measured on.
		if (selected('post_comment')) await measure('post_comment');
		await stopServer(server);

		if (results.post_comment) {
			const stored = await withGenerator(db.env, (generator) => generator.countMarked(marker));
			const accepted = results.post_comment.statuses[201] ?? 0;
			results.post_comment.stored = stored.total;
			results.post_comment.accepted = accepted;
			// Requests still in flight when the run stops are stored but not counted as answered.
			results.post_comment.stored_once = stored.total === stored.distinct && stored.total >= accepted;
			log(`posting: ${accepted} accepted (201), ${stored.total} stored, ${stored.distinct} distinct`);
		}

		const shaped = {};
		for (const name of ['plan_page', 'busy_section', 'post_comment', 'dashboard', 'search_2', 'search_3', 'export_csv']) {
			const r = results[name];
			if (!r) continue;
			shaped[name] = {
				rps: r.rps,
				p50_ms: r.p50_ms,
				p95_ms: r.p95_ms,
				p99_ms: r.p99_ms,
				errors: r.errors,
				ratio_to_ceiling: ratio(r.rps),
				server_rss_mb: r.rss_mb
			};
		}
		if (shaped.post_comment) {
			shaped.post_comment.stored_once = results.post_comment.stored_once;
			shaped.post_comment.stored = results.post_comment.stored;
			shaped.post_comment.accepted = results.post_comment.accepted;
		}
		return {
			database,
			comments: data.comments,
			ceiling_rps: ceiling,
			routes: shaped,
			plan_page_js_gzip_bytes: jsBytes,
			signed_in: signedIn,
			forum
		};
	} finally {
		await db.dispose();
	}
}

const ms = (value) => (value === null ? '-' : value.toFixed(1)).padStart(7);

function printTable(run) {
	console.log(
		`\n${run.database}, ${run.comments.toLocaleString('en')} comments (ceiling ${run.ceiling_rps ?? '-'} req/s, plan page JS ${run.plan_page_js_gzip_bytes} B gzip)`
	);
	if (Object.keys(run.routes).length > 0) {
		console.log('route            req/s     p50     p95     p99  errors  ×ceiling  RSS MB');
		for (const [name, r] of Object.entries(run.routes)) {
			console.log(
				`${name.padEnd(13)} ${String(r.rps).padStart(8)} ${ms(r.p50_ms)} ${ms(r.p95_ms)} ${ms(r.p99_ms)} ${String(r.errors).padStart(7)} ${String(r.ratio_to_ceiling).padStart(9)} ${String(r.server_rss_mb).padStart(7)}`
			);
		}
	}
	if (Object.keys(run.signed_in).length > 0) {
		console.log('signed in        req/s     p50     p95     p99  errors  ×ceiling  alone p50  alone p95');
		for (const [name, r] of Object.entries(run.signed_in)) {
			console.log(
				`${name.padEnd(13)} ${String(r.rps).padStart(8)} ${ms(r.p50_ms)} ${ms(r.p95_ms)} ${ms(r.p99_ms)} ${String(r.errors).padStart(7)} ${String(r.ratio_to_ceiling).padStart(9)}    ${ms(r.server_p50_ms)}    ${ms(r.server_p95_ms)}`
			);
		}
	}
	const f = run.forum;
	if (f) {
		console.log(`forum: ${f.participants} participants from one address, ${f.duration_s} s, default rate limits`);
		console.log('  requests   req/s     p50     p95     p99  errors  refused sign-ins  signed in  reads (signed out)  endorsements  posts');
		console.log(
			`  ${String(f.requests).padStart(8)} ${String(f.rps).padStart(7)} ${ms(f.p50_ms)} ${ms(f.p95_ms)} ${ms(f.p99_ms)} ${String(f.errors).padStart(7)} ${String(f.refused_sign_ins).padStart(17)} ${String(f.sign_ins).padStart(10)} ${`${f.reads} (${f.reads_signed_out})`.padStart(19)} ${String(f.endorsements).padStart(13)} ${String(f.posts).padStart(6)}`
		);
		console.log(
			'  by kind: ' +
				Object.entries(f.by_kind)
					.filter(([, k]) => k.requests > 0)
					.map(([kind, k]) => `${kind} ${k.requests} (p50 ${k.p50_ms.toFixed(1)}, p99 ${k.p99_ms.toFixed(1)} ms)`)
					.join(', ')
		);
	}
}

/** The forum's headline figures per database: PostgreSQL's from the run results.json holds, PGlite's from its own run. */
function forumSummary(runs, main) {
	const summary = {};
	for (const database of ['pglite', 'postgresql']) {
		const run = main.database === database && main.forum ? main : runs.filter((r) => r.database === database && r.forum).at(-1);
		if (!run) continue;
		const { p50_ms, p99_ms, errors, refused_sign_ins, participants, requests, reads, reads_signed_out, endorsements, posts } = run.forum;
		summary[database] = {
			comments: run.comments,
			participants,
			p50_ms,
			p99_ms,
			errors,
			refused_sign_ins,
			requests,
			reads,
			reads_signed_out,
			endorsements,
			posts
		};
	}
	return summary;
}

build();
const runs = [];
for (const run of RUNS) runs.push(await benchmarkRun(run));
for (const run of runs) printTable(run);
const main = runs.find((r) => r.database === 'postgresql' && r.comments >= 100_000) ?? runs.find((r) => r.database === 'postgresql') ?? runs[0];
const forum = forumSummary(runs, main);
// A trial (--only, --database, BENCH_COMMENTS …) never replaces the measured results.
const outDir = trial ? path.join(root, 'bench', '.data') : path.join(root, 'bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ ...main, forum }, null, '\t') + '\n');
writeFileSync(
	path.join(outDir, 'results-all.json'),
	JSON.stringify({ measured_at: new Date().toISOString(), cores: (await import('node:os')).cpus().length, forum, runs }, null, '\t') + '\n'
);
log(`wrote ${path.relative(root, outDir)}/results.json and results-all.json${trial ? ' (a trial: bench/results*.json are left as they were)' : ''}`);
process.exit(0);
