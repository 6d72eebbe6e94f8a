// The parser over transcripts in different printed layouts (fixtures/corpus): precision and recall
// of the speakers found and of the statement boundaries, printed and held above a floor, and the
// promise that no statement swallows another speaker's "Name(" opening.
import { describe, expect, it } from 'vitest';
import { analyseTranscript, normaliseText, type ParsedStatement } from './parse';
import { CORPUS, type CorpusTranscript } from './fixtures/corpus';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const strip = (text: string) => text.replace(/\s+/g, '');

type Score = { found: number; expected: number; correct: number };
const f1 = ({ found, expected, correct }: Score) => {
	const precision = found ? correct / found : 1;
	const recall = expected ? correct / expected : 1;
	return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** Expected statements matched in order to parsed ones whose text begins as expected: index pairs. */
function align(transcript: CorpusTranscript, statements: ParsedStatement[]): Array<[number, number]> {
	const pairs: Array<[number, number]> = [];
	let from = 0;
	transcript.expected.forEach((expected, e) => {
		const at = statements.findIndex((s, i) => i >= from && squash(s.text).startsWith(squash(expected.starts)));
		if (at < 0) return;
		pairs.push([e, at]);
		from = at + 1;
	});
	return pairs;
}

function score() {
	const speakers: Score = { found: 0, expected: 0, correct: 0 };
	const boundaries: Score = { found: 0, expected: 0, correct: 0 };
	let attributed = 0;
	const misses: string[] = [];
	for (const transcript of CORPUS) {
		const { statements } = analyseTranscript(transcript.input);
		const expectedNames = new Set(transcript.expected.map((s) => s.name).filter(Boolean));
		const foundNames = new Set(statements.map((s) => s.name).filter(Boolean));
		speakers.expected += expectedNames.size;
		speakers.found += foundNames.size;
		speakers.correct += [...foundNames].filter((name) => expectedNames.has(name)).length;
		const pairs = align(transcript, statements);
		boundaries.expected += transcript.expected.length;
		boundaries.found += statements.length;
		boundaries.correct += pairs.length;
		for (const [e, p] of pairs) {
			if (statements[p].name === transcript.expected[e].name) attributed++;
			else misses.push(`${transcript.title}: "${transcript.expected[e].starts}" → ${statements[p].name || '(없음)'}`);
		}
		const matched = new Set(pairs.map(([e]) => e));
		transcript.expected.forEach((s, e) => matched.has(e) || misses.push(`${transcript.title}: missed "${s.starts}" (${s.name})`));
	}
	return { speakers, boundaries, attributed, misses };
}

describe('the transcript corpus', () => {
	it('holds at least eight transcripts in different layouts', () => {
		expect(CORPUS.length).toBeGreaterThanOrEqual(8);
		expect(new Set(CORPUS.map((t) => t.layout)).size).toBe(CORPUS.length);
	});

	it('finds the speakers and the statement boundaries: F1 ≥ 0.95 and ≥ 0.9', () => {
		const { speakers, boundaries, attributed, misses } = score();
		const s = f1(speakers);
		const b = f1(boundaries);
		const fmt = (n: number) => n.toFixed(3);
		console.log(
			`speakers: precision ${fmt(s.precision)} recall ${fmt(s.recall)} F1 ${fmt(s.f1)} (${speakers.correct}/${speakers.found} found, ${speakers.expected} expected)\n` +
				`boundaries: precision ${fmt(b.precision)} recall ${fmt(b.recall)} F1 ${fmt(b.f1)} (${boundaries.correct}/${boundaries.found} found, ${boundaries.expected} expected)\n` +
				`matched statements with the right speaker: ${attributed}/${boundaries.correct}` +
				(misses.length ? `\n${misses.join('\n')}` : '')
		);
		expect(s.f1).toBeGreaterThanOrEqual(0.95);
		expect(b.f1).toBeGreaterThanOrEqual(0.9);
	});

	it.each(CORPUS.map((t) => [t.title, t] as [string, CorpusTranscript]))('no statement holds another speaker’s opening: %s', (_title, transcript) => {
		const names = [...new Set(transcript.expected.map((s) => s.name).filter(Boolean))];
		for (const statement of analyseTranscript(transcript.input).statements) {
			for (const name of names) {
				expect(statement.text, `${statement.name}: ${statement.text}`).not.toMatch(new RegExp(`(?:^|\\s)${name.replace(/[*]/g, '\\$&')}\\s?[(（]`));
			}
		}
	});

	it.each(CORPUS.map((t) => [t.title, t] as [string, CorpusTranscript]))('marks the unsure splits and loses no text: %s', (_title, transcript) => {
		const { statements, skipped } = analyseTranscript(transcript.input);
		for (const [e, p] of align(transcript, statements)) {
			const expected = transcript.expected[e];
			if (expected.unsure) expect(statements[p].unsure, expected.starts).not.toBeNull();
			else if (expected.name) expect(statements[p].unsure, expected.starts).toBeNull();
		}
		const kept = strip(statements.map((s) => s.opener + s.text).join('') + skipped.join(''));
		expect(kept.length).toBe(strip(normaliseText(transcript.input)).length);
	});
});
