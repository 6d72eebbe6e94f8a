// The `forum` scenario: 100 participants of a citizens' forum, all from one address (127.0.0.1),
// each signing in through the sign-in form and then reading, endorsing and commenting at a person's
// pace, with the app's default rate limits. Plain fetch (undici), one cookie jar per participant.
import { randomUUID } from 'node:crypto';

/** A request not answered within this long is given up and counted as an error (a timeout). */
const TIMEOUT_MS = 10_000;
const THINK_MS = [1000, 3000];
const POST_EVERY_MS = 30_000;
const BUSY_SHARE = 0.6;
const PLAN_SHARE = 0.15;
const ENDORSE_SHARE = Number(process.env.BENCH_FORUM_ENDORSE_SHARE ?? 0.15);
/** Participants arrive over this long at the start, as people do, not all in the same millisecond. */
const ARRIVAL_MS = 5_000;

const SUBJECTS = ['지원센터 인력', '미니 클러스터', '마을 모임', '공공구매', '판로 지원', '평생학습원'];

function percentile(sorted, p) {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([low, high]) => low + Math.random() * (high - low);

/** Cookies as a browser keeps them for one site: name → value, dropped when the server expires them. */
class CookieJar {
	cookies = new Map();
	take(response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const at = pair.indexOf('=');
			const name = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			const expired = attributes.some((a) => {
				const [key, val = ''] = a.trim().split('=');
				if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
				if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
				return false;
			});
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
	has(name) {
		return this.cookies.has(name);
	}
	header() {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}
}

/**
 * Runs the scenario against `baseUrl` for `durationMs`; resolves to its figures.
 * `data` is bench/generate.ts's GeneratedData (plan slug, busy section, forum emails and password).
 */
export async function runForum(baseUrl, data, { durationMs, participants = data.forumEmails.length, log = () => {} }) {
	const planPath = `/plans/${data.planSlug}`;
	const sectionKeys = Array.from({ length: 12 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
	const records = []; // { kind, ms, ok }
	const counts = { sign_ins: 0, refused_sign_ins: 0, reads: 0, reads_signed_out: 0, endorsements: 0, posts: 0 };
	const problems = { network: 0, timeouts: 0, statuses: {} };
	let errors = 0;
	const started = Date.now();
	// The arrivals are part of the scenario's duration: the last to arrive takes part for durationMs - ARRIVAL_MS.
	const stopAt = started + durationMs;

	/** One request as the browser sends it; records its latency (body read included) and outcome. */
	async function request(jar, kind, pathname, { method = 'GET', form, expect } = {}) {
		const headers = { 'accept-language': 'ko-KR,ko;q=0.9', accept: 'text/html' };
		const cookie = jar.header();
		if (cookie) headers.cookie = cookie;
		let body;
		if (form) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			headers.origin = baseUrl;
			body = new URLSearchParams(form).toString();
		}
		const t0 = performance.now();
		try {
			const response = await fetch(baseUrl + pathname, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
			const text = await response.text();
			const ms = performance.now() - t0;
			jar.take(response);
			const ok = expect ? expect.includes(response.status) : response.status < 400;
			records.push({ kind, ms, at: t0 });
			if (!ok) {
				errors++;
				const key = `${kind} ${response.status}`;
				problems.statuses[key] = (problems.statuses[key] ?? 0) + 1;
			}
			return { status: response.status, location: response.headers.get('location'), text, ok };
		} catch (error) {
			records.push({ kind, ms: performance.now() - t0, at: t0 });
			errors++;
			if (error?.name === 'TimeoutError') problems.timeouts++;
			else problems.network++;
			return { status: 0, location: null, text: '', ok: false };
		}
	}

	/** A browser follows a 303 with a GET of where it points: counted as a read of that page. */
	async function follow(jar, answer, signedIn) {
		if (answer.status !== 303 || !answer.location) return answer;
		const target = new URL(answer.location, baseUrl);
		const next = await request(jar, signedIn ? 'read' : 'read_signed_out', target.pathname + target.search);
		counts[signedIn ? 'reads' : 'reads_signed_out']++;
		return next;
	}

	/** Comments this participant may endorse: the endorse forms on the page last read. */
	const endorsable = (html) => {
		const ids = [];
		for (const form of html.split('?/endorseComment"').slice(1)) {
			const body = form.slice(0, form.indexOf('</form>'));
			const id = body.match(/name="commentId" value="(\d+)"/);
			if (id && !body.includes('name="withdraw"')) ids.push(Number(id[1]));
		}
		return ids;
	};

	async function participant(index) {
		const jar = new CookieJar();
		await sleep(Math.random() * ARRIVAL_MS);
		// Signing in through the form, landing on the plan page.
		const signIn = await request(jar, 'sign_in', '/login?/signIn', {
			method: 'POST',
			form: { redirectTo: planPath, email: data.forumEmails[index], password: data.forumPassword },
			expect: [303, 400, 429]
		});
		let signedIn = signIn.status === 303 && jar.has('session');
		if (signedIn) counts.sign_ins++;
		else if (signIn.status === 400 || signIn.status === 429) counts.refused_sign_ins++;
		let page = signedIn ? await follow(jar, signIn, true) : null;
		let section = sectionKeys[Math.floor(Math.random() * 12)];
		// The first comment at a random moment of the first 30 s, then about every 30 s.
		let nextPost = Date.now() + Math.random() * POST_EVERY_MS;
		while (Date.now() < stopAt) {
			await sleep(between(THINK_MS));
			if (Date.now() >= stopAt) break;
			// A session the server dropped (it answers with an expired cookie) means reading signed out.
			if (signedIn && !jar.has('session')) signedIn = false;
			const sectionPath = `${planPath}/sections/${section}`;
			const draw = Math.random();
			if (signedIn && Date.now() >= nextPost) {
				nextPost += POST_EVERY_MS * (0.8 + Math.random() * 0.4);
				const subject = SUBJECTS[Math.floor(Math.random() * SUBJECTS.length)];
				const answer = await request(jar, 'post', `${sectionPath}?/createComment`, {
					method: 'POST',
					form: {
						kind: 'suggestion',
						body: `포럼 참여자 ${index + 1}의 의견: ${subject}에 대해 더 논의했으면 합니다.`,
						idempotencyKey: randomUUID()
					},
					expect: [303]
				});
				counts.posts++;
				page = await follow(jar, answer, signedIn);
			} else if (signedIn && draw < ENDORSE_SHARE && page && endorsable(page.text).length > 0) {
				const ids = endorsable(page.text);
				const answer = await request(jar, 'endorse', `${sectionPath}?/endorseComment`, {
					method: 'POST',
					form: { commentId: String(ids[Math.floor(Math.random() * ids.length)]) },
					expect: [303]
				});
				counts.endorsements++;
				page = await follow(jar, answer, signedIn);
			} else if (draw < ENDORSE_SHARE + PLAN_SHARE) {
				await request(jar, signedIn ? 'read' : 'read_signed_out', planPath);
				counts[signedIn ? 'reads' : 'reads_signed_out']++;
			} else {
				section = Math.random() < BUSY_SHARE ? data.busySection : sectionKeys[Math.floor(Math.random() * 12)];
				page = await request(jar, signedIn ? 'read' : 'read_signed_out', `${planPath}/sections/${section}`);
				counts[signedIn ? 'reads' : 'reads_signed_out']++;
			}
		}
	}

	const progress = setInterval(
		() => log(`forum: ${records.length} requests, ${errors} errors, ${counts.sign_ins} signed in, ${counts.refused_sign_ins} refused`),
		10_000
	);
	try {
		await Promise.all(Array.from({ length: participants }, (_, i) => participant(i)));
	} finally {
		clearInterval(progress);
	}
	const elapsed = (Date.now() - started) / 1000;
	const all = records.map((r) => r.ms).sort((a, b) => a - b);
	const byKind = {};
	for (const kind of ['sign_in', 'read', 'read_signed_out', 'endorse', 'post']) {
		const sorted = records
			.filter((r) => r.kind === kind)
			.map((r) => r.ms)
			.sort((a, b) => a - b);
		byKind[kind] = { requests: sorted.length, p50_ms: percentile(sorted, 50), p99_ms: percentile(sorted, 99) };
	}
	// Where the latency sits: while people arrive and sign in (argon2id hashing included), or after.
	const arrivedAt = performance.now() - (Date.now() - started) + ARRIVAL_MS;
	const settled = records
		.filter((r) => r.at >= arrivedAt)
		.map((r) => r.ms)
		.sort((a, b) => a - b);
	return {
		participants,
		duration_s: Math.round(elapsed),
		requests: records.length,
		rps: Math.round((records.length / elapsed) * 10) / 10,
		p50_ms: percentile(all, 50),
		p95_ms: percentile(all, 95),
		p99_ms: percentile(all, 99),
		errors,
		refused_sign_ins: counts.refused_sign_ins,
		sign_ins: counts.sign_ins,
		reads: counts.reads,
		reads_signed_out: counts.reads_signed_out,
		endorsements: counts.endorsements,
		posts: counts.posts,
		by_kind: byKind,
		after_arrivals: { requests: settled.length, p50_ms: percentile(settled, 50), p99_ms: percentile(settled, 99) },
		problems
	};
}
