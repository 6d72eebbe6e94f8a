// Campaigns: groups of near-identical comments (one template sent by many people with small edits).
// MinHash over Hangul-syllable shingles finds candidate pairs in near-linear time; each candidate is
// then checked on its shingle sets, so a group never rests on a hash collision alone. Pure: no
// database, no server code.

/** Syllables (or letters) per shingle: three keep a template's phrasing and ignore particle swaps. */
export const SHINGLE_LENGTH = 3;
/** Shingle-set Jaccard similarity at or above which two comments count as the same template. */
export const CAMPAIGN_SIMILARITY = 0.5;
/** Fewer than this many comments is a coincidence or a pair of friends, not a campaign. */
export const CAMPAIGN_MIN_SIZE = 3;
/** Comments shorter than this (after normalising) are too short to call a template ("동의합니다"). */
export const CAMPAIGN_MIN_CHARS = 40;

const HASHES = 96;
const BANDS = 32;
const ROWS = HASHES / BANDS;
const SMALL_BUCKET = 24;

export interface CampaignText<Id> {
	id: Id;
	text: string;
}

export interface Campaign<Id> {
	/** The group's smallest id: stable while the group keeps its first comment. */
	id: Id;
	members: Id[];
}

/** Letters, digits and Hangul syllables only, lower-cased: spacing and punctuation edits vanish. */
export function normalise(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');
}

export function shingles(text: string): Set<string> {
	const chars = Array.from(normalise(text));
	const set = new Set<string>();
	for (let i = 0; i + SHINGLE_LENGTH <= chars.length; i++) set.add(chars.slice(i, i + SHINGLE_LENGTH).join(''));
	return set;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
	if (a.size === 0 && b.size === 0) return 0;
	let shared = 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	for (const item of small) if (large.has(item)) shared++;
	return shared / (a.size + b.size - shared);
}

function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

// Fixed seeds: the same comments always form the same groups.
const SEEDS = Array.from({ length: HASHES }, (_, i) => [fnv1a(`a${i}`) | 1, fnv1a(`b${i}`)] as const);

function signature(set: Set<string>): Uint32Array {
	const sig = new Uint32Array(HASHES).fill(0xffffffff);
	for (const shingle of set) {
		const base = fnv1a(shingle);
		for (let i = 0; i < HASHES; i++) {
			const [a, b] = SEEDS[i];
			let h = (Math.imul(base, a) + b) >>> 0;
			h ^= h >>> 15;
			h = Math.imul(h, 0x2c1b3c6d) >>> 0;
			if (h < sig[i]) sig[i] = h;
		}
	}
	return sig;
}

/** Groups of at least CAMPAIGN_MIN_SIZE comments whose texts share a template, largest first. */
export function findCampaigns<Id extends string | number>(texts: readonly CampaignText<Id>[]): Campaign<Id>[] {
	const items = texts
		.map((t) => ({ id: t.id, set: shingles(t.text), length: normalise(t.text).length }))
		.filter((t) => t.length >= CAMPAIGN_MIN_CHARS);
	const parent = items.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) i = parent[i] = parent[parent[i]];
		return i;
	};
	const checked = new Set<string>();
	const buckets = new Map<string, number[]>();
	const signatures = items.map((item) => signature(item.set));
	for (let band = 0; band < BANDS; band++) {
		buckets.clear();
		for (let i = 0; i < items.length; i++) {
			const key = Array.from(signatures[i].subarray(band * ROWS, band * ROWS + ROWS)).join(':');
			const bucket = buckets.get(key);
			if (bucket) bucket.push(i);
			else buckets.set(key, [i]);
		}
		for (const bucket of buckets.values()) {
			// Small buckets compare every pair; a big one (a campaign of hundreds) compares each member to
			// the first, and union-find joins the rest, so a bucket of n stays linear.
			const firsts = bucket.length <= SMALL_BUCKET ? bucket.length - 1 : 1;
			for (let x = 0; x < firsts; x++) {
				for (let y = x + 1; y < bucket.length; y++) {
					const i = bucket[x];
					const j = bucket[y];
					const pair = `${i}:${j}`;
					if (find(i) === find(j) || checked.has(pair)) continue;
					checked.add(pair);
					if (jaccard(items[i].set, items[j].set) >= CAMPAIGN_SIMILARITY) parent[find(j)] = find(i);
				}
			}
		}
	}
	const groups = new Map<number, Id[]>();
	items.forEach((item, i) => {
		const root = find(i);
		const group = groups.get(root);
		if (group) group.push(item.id);
		else groups.set(root, [item.id]);
	});
	const byId = (a: Id, b: Id) => (a < b ? -1 : a > b ? 1 : 0);
	return [...groups.values()]
		.filter((members) => members.length >= CAMPAIGN_MIN_SIZE)
		.map((members) => {
			members.sort(byId);
			return { id: members[0], members };
		})
		.sort((a, b) => b.members.length - a.members.length || byId(a.id, b.id));
}
