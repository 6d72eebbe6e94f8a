// Turns a pasted meeting transcript ("Name(Affiliation) statement" paragraphs, as printed after an
// interim report meeting or a citizens' forum) into statements. Pure: no server imports, so the
// preview in the browser and POST /api/v1/transcripts/parse run exactly the same code.
//
// The rules
//
// 1. Input is normalised first: Unicode NFC (text copied on a Mac can arrive as decomposed jamo),
//    CR/LF to LF, zero-width characters and soft hyphens removed, every other kind of space
//    (no-break, ideographic U+3000, tabs) made a plain space, runs of spaces collapsed.
// 2. Photo captions are skipped and reported in `skipped`:
//    - a line starting with ▲ or △, or with a 사진 marker: "사진:", "사진 1.", "[사진]", "(사진)",
//      "사진 왼쪽부터 …";
//    - a line that only lists two or more people, each "Name(…)" or "Name role", joined by commas,
//      middle dots, slashes, 및/와/과, with fillers like 왼쪽부터, 참석자:, 등, 님;
//    - a run of bare names, each maybe with a role ("이한준 이은애 한용명", "이한준 팀장 이은애 센터장"),
//      of three people or more, or of two when one of them speaks in the transcript: as a whole line,
//      at the end of a line after a sentence, or glued before the first speaker of a line.
// 3. A speaker opener is one of
//    - `Name(Affiliation)`, where Name is a whole word: 2 to 4 Hangul syllables beginning with a Korean
//      family name (lexicon.ts; 남궁, 황보 … count as family names), or a family name and 1 to 3
//      masking marks (김OO, 이○○), or only masking marks (○○○), or 2 to 3 capitalised Latin words
//      (John Smith). Common words of the same shape (이사장, 사회, 지원센터, 정책 …) are not names.
//      One space (or the line break of a paste) may stand between the name and the parenthesis. The
//      parentheses are half-width () or full-width （）, in any mix, may hold parentheses of their own
//      (김철수((주)다온 대표)) and a line break from a paste, not a blank line. Their content is
//      shaped like an affiliation: 2 to 80 characters, not starting with a digit, no sentence, and
//      one of its words ends in a role or title (이사장, 대표, 센터장 …) or names an organisation or
//      a government unit (협동조합, 센터, 재단, (주), 사회적경제과, 광명시 …). After a Hangul name the
//      content must contain Hangul. "Name Role(Organisation)" (김영희 대표(늘봄협동조합)) counts too.
//    - `Name Affiliation Role:` (김영희 광명시 사회적경제과 주무관:, ○○○ 위원:), `Name:` for a name of
//      three or four syllables or of someone who speaks elsewhere in the transcript, and a role
//      standing for a person (사회자:, 좌장:, 토론자 1:).
//    - a question-and-answer label at a line start: 질문 1, [질문 2], Q3., 답변:, 답변. When a named
//      opener follows it (on the same line or the next), the label is part of that opener;
//      otherwise the label names the speaker ("질문 1", "답변").
//    An opener starts a line (after an optional bullet such as "-", "○", "1.", or a label), or
//    follows the end of a sentence on the same line: . ! ? … or a Korean final ending (다 요 죠 까),
//    possibly followed by closing quotes or a short aside such as (웃음). After the closing
//    parenthesis comes a space, the end of the line, or a colon (taken as part of the opener). A
//    word attached to the parenthesis (께서, 의, 이 …) or a next word that refers to the person (님,
//    씨, 께서, 등, 외, with or without a particle) makes it a mention inside a statement.
// 4. Splits the parser is not sure of are still made, and marked `unsure` with the reason, for the
//    official to confirm or undo in the preview:
//    - `mid_sentence`: Name(Affiliation) in the middle of a sentence, taken because that person
//      speaks elsewhere in the transcript or the next word opens a statement (저는, 제가 …), and
//      no word after it refers back to the person (의견, 말씀, 발표 …);
//    - `affiliation`: a name of three syllables or more (or a known speaker) at a line start or
//      after a sentence, with a parenthesis that holds Hangul but no role or organisation word;
//    - `name`: a three-syllable word outside the family-name list with an affiliation after it.
//    So no statement keeps another speaker's "Name(" opening, and a mention stays text.
// 5. A statement's text is everything up to the next opener, across lines, skipping captions, with
//    whitespace collapsed to single spaces; no other character is changed or dropped. Text before
//    the first opener (a title, a note) becomes a statement with an empty name and affiliation,
//    marked `no_speaker`, so nothing is lost silently; the preview lets the official drop or name it.
//
// A speaker the rules miss (a rare family name mid-sentence) stays inside the previous statement,
// and splitStatement at that point recovers it; a false opener is undone with mergeStatements.

import { COMPOUND_SURNAMES, NAME_MASK, NOT_NAMES, ROLE_WORDS, SPEAKER_ROLES, SURNAMES } from './lexicon';
import { hasLatinRoleOrOrganisation, hasOrganisationWord, hasRoleWord } from './lexicon';

export { inferStakeholderGroup } from './stakeholder';

export type Statement = { name: string; affiliation: string; text: string };

/** Why a split is uncertain (see rule 4), or that no speaker was found for the text. */
export const UNSURE_REASONS = ['mid_sentence', 'affiliation', 'name', 'no_speaker'] as const;
export type UnsureReason = (typeof UNSURE_REASONS)[number];

/** A statement with the opener as it stood in the (normalised) input: "홍길동 (○○협동조합 이사장)". */
export type ParsedStatement = Statement & { opener: string; unsure: UnsureReason | null };

export type TranscriptAnalysis = {
	statements: ParsedStatement[];
	/** Captions that were skipped, in order. */
	skipped: string[];
};

/** NFC, LF line ends, no zero-width characters, every other space a plain space. */
export function normaliseText(text: string): string {
	return text
		.normalize('NFC')
		.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
		.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
		.replace(/[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);
const MAX_AFFILIATION = 80;

// ---------------------------------------------------------------------------------------------
// Names

/** A token that is or ends in a role word of three syllables or more (담당자, 센터장) is no name. */
const ROLE_NAMES = ROLE_WORDS.filter((role) => role.length >= 3);
const ROLE_SET = new Set<string>(ROLE_WORDS);
const MASKED_REST = new RegExp(`^[${NAME_MASK}]{1,3}$`);
const MASK_ONLY = new RegExp(`^[${NAME_MASK}]{2,4}$`);
const HANGUL_ONLY = /^[가-힣]+$/;
const HANGUL_NAME_TAIL = new RegExp(`[가-힣][가-힣${NAME_MASK}]{1,4}$`);
const MASK_NAME_TAIL = new RegExp(`[${NAME_MASK}]{2,4}$`);

/** 홍길동, 남궁민, 김OO; not 이사장 or 협동조합. */
export function isHangulName(token: string, strict = true): boolean {
	if (strict && (NOT_NAMES.has(token) || ROLE_NAMES.some((role) => token.endsWith(role)))) return false;
	const compound = COMPOUND_SURNAMES.find((surname) => token.startsWith(surname) && token.length > 2);
	const rest = compound ? token.slice(2) : token.slice(1);
	const surname = compound ?? token[0];
	if (!/^[가-힣]$/.test(token[0] ?? '')) return false;
	if (strict && !compound && !SURNAMES.has(surname)) return false;
	if (HANGUL_ONLY.test(token)) return token.length >= 2 && token.length <= 4;
	return MASKED_REST.test(rest);
}

/** ○○○, OO: a name printed with every syllable hidden. */
const isMaskOnly = (token: string) => MASK_ONLY.test(token);

/** Three syllables of Hangul that could be a name with a rare family name (꽃님이), not a common word. */
function isRareName(token: string): boolean {
	return (
		HANGUL_ONLY.test(token) && token.length === 3 && !isHangulName(token) && !NOT_NAMES.has(token) && !ROLE_NAMES.some((role) => token.endsWith(role))
	);
}

const LATIN_NAME_WORD = /^(?=\p{Lu})[\p{Script=Latin}'’-]*\p{Script=Latin}$/u;

type NameCandidate = { name: string; start: number; latin: boolean };

const startsWordAt = (text: string, index: number) => index === 0 || /\s/.test(text[index - 1]);

/** Name-shaped words that end exactly at `end` in `text`, each starting a word. */
function namesEndingAt(text: string, end: number, strict: boolean): NameCandidate[] {
	// Five characters hold the longest name; a longer run of Hangul fails startsWord.
	const tail = text.slice(Math.max(0, end - 5), end);
	const hangul = HANGUL_NAME_TAIL.exec(tail);
	if (hangul) {
		const start = end - hangul[0].length;
		// A PDF paste may lose the space after a sentence: "…했습니다.김영희(…)".
		const starts = startsWordAt(text, start) || /[.!?。？！…]/.test(text[start - 1]);
		return starts && isHangulName(hangul[0], strict) ? [{ name: hangul[0], start, latin: false }] : [];
	}
	const masked = MASK_NAME_TAIL.exec(tail);
	if (masked && !/^[OＯ]+$/.test(masked[0])) {
		const start = end - masked[0].length;
		return startsWordAt(text, start) ? [{ name: masked[0], start, latin: false }] : [];
	}
	// Latin: two or three capitalised words, read backwards.
	const candidates: NameCandidate[] = [];
	const words: string[] = [];
	let cursor = end;
	while (words.length < 3) {
		let start = cursor;
		while (start > 0 && cursor - start < 30 && !/\s/.test(text[start - 1])) start--;
		const word = text.slice(start, cursor);
		if (!startsWordAt(text, start) || !LATIN_NAME_WORD.test(word)) break;
		words.unshift(word);
		if (words.length >= 2) candidates.push({ name: words.join(' '), start, latin: true });
		if (start < 2 || /\s/.test(text[start - 2])) break;
		cursor = start - 1;
	}
	return candidates;
}

/** How far a candidate name can be trusted: a family name from the list, someone who speaks elsewhere … */
type NameTrust = 'sure' | 'rare' | 'no';

function trustName(candidate: NameCandidate, known: ReadonlySet<string>): NameTrust {
	const { name } = candidate;
	if (known.has(name) || candidate.latin || isMaskOnly(name) || isHangulName(name)) return 'sure';
	return isRareName(name) ? 'rare' : 'no';
}

// ---------------------------------------------------------------------------------------------
// Where an opener may start

const BULLET_MARK = '[-–—•·◦○●▪■□◆◇※>*▶►▷☞❍◎◉◈★☆✓✔]';
const BULLET = new RegExp(`^(?:${BULLET_MARK}|\\d{1,2}[.)]|[(（]\\d{1,2}[)）]|[①-⑳])\\s?$`);

/** A question-and-answer label: 질문 1, [질문 2], Q3., 답변:, (답변) — the whole text. */
const QA_LABEL = new RegExp(
	`^(?:${BULLET_MARK}\\s?)?(?:[[(（<〈【]\\s*(질문|질의|답변|응답|Q|A)\\s*(\\d{1,2})?\\s*[\\])）>〉】]|(질문|질의|답변|응답|Q|A)\\s*(\\d{1,2})?(?:\\s*[.:：)])?)$`
);

/** The name a label gives its speaker when no named opener follows it: "질문 1", "답변". */
function labelName(label: string): string | null {
	const match = QA_LABEL.exec(label.trim());
	if (!match) return null;
	const kind = match[1] ?? match[3];
	const number = match[2] ?? match[4];
	return number ? `${kind} ${number}` : kind;
}

/** Does this text end a sentence? "…합니다.", "…봅니다", "…봅니다(웃음)", "…했다”". */
export function endsSentence(text: string): boolean {
	let rest = text.trimEnd();
	rest = rest.replace(/[(（][^()（）]{1,12}[)）]$/, '').trimEnd();
	rest = rest.replace(/["'”’」』》〉»\]]+$/, '');
	return /[.!?。…？！~]$/.test(rest) || /[다요죠까]$/.test(rest);
}

type Position = 'line' | 'sentence' | 'mid';
type Place = { position: Position; start: number; cut: number };

/**
 * Where an opener whose name starts at `nameStart` would start (a leading bullet or label belongs
 * to it), how it stands (at a line start, after a sentence, mid-sentence), and where the text before
 * it ends (before a caption glued to the opener): null when no opener may start here.
 */
function placeOf(body: string, nameStart: number, known: ReadonlySet<string>): Place | null {
	const lineStart = body.lastIndexOf('\n', nameStart - 1) + 1;
	const prefix = body.slice(lineStart, nameStart);
	if (prefix.trim() === '') return { position: 'line', start: nameStart, cut: nameStart };
	if (BULLET.test(prefix) || QA_LABEL.test(prefix.trim())) return { position: 'line', start: lineStart, cut: lineStart };
	if (/[.!?。？！…]$/.test(prefix)) return endsSentence(prefix) ? { position: 'sentence', start: nameStart, cut: nameStart } : null;
	if (!prefix.endsWith(' ')) return null;
	const run = trailingPeopleRun(prefix, known);
	if (run >= 0) {
		const before = prefix.slice(0, run);
		if (before.trim() === '' || BULLET.test(before)) return { position: 'line', start: nameStart, cut: lineStart };
		if (endsSentence(before)) return { position: 'sentence', start: nameStart, cut: lineStart + run };
	}
	if (endsSentence(prefix)) return { position: 'sentence', start: nameStart, cut: nameStart };
	return { position: 'mid', start: nameStart, cut: nameStart };
}

// ---------------------------------------------------------------------------------------------
// The parenthesis and what follows it

/** The matching closing parenthesis within reach of an affiliation (a line break may fall inside). */
function matchingClose(body: string, open: number): number {
	let depth = 0;
	const limit = Math.min(body.length, open + MAX_AFFILIATION + 20);
	for (let i = open; i < limit; i++) {
		if (OPEN.has(body[i])) depth++;
		else if (CLOSE.has(body[i]) && --depth === 0) return i;
		else if (body[i] === '\n' && body[i + 1] === '\n') return -1; // not across paragraphs
	}
	return -1;
}

/** Is this parenthesised text an affiliation (and not a year, an expansion, (예비), (주) …)? */
export function looksLikeAffiliation(content: string, latinName: boolean): boolean {
	if (content.length < 2 || content.length > MAX_AFFILIATION) return false;
	// A digit first is a year or a count ((2014년), (3월 기준)), unless a role follows: (3040 마을모임 대표).
	if (/^\d/.test(content) && (/^\d+\s*(?:년|월|일|회|차|%|명|개|곳|[~.\-–])/.test(content) || !hasRoleWord(content))) return false;
	if (/[?!？！]|[.。]\s/.test(content)) return false;
	const hangul = /[가-힣]/.test(content);
	if (!hangul && !latinName) return false;
	return hasRoleWord(content) || hasOrganisationWord(content) || (latinName && hasLatinRoleOrOrganisation(content));
}

/** Asides and labels that are never an affiliation, even of someone known. */
const NOT_AFFILIATIONS = /^(?:웃음|박수|침묵|일동|예비|가칭|주|사|재|유|계속|중략|하략|생략|이하 생략|앞과 같음|전략|후략|녹취|사진)$/;

/** Hangul in parentheses without a role or organisation word: (늘봄 공부방), not (2015년) or (웃음). */
function looksLikeWeakAffiliation(content: string): boolean {
	if (content.length < 2 || content.length > 40 || NOT_AFFILIATIONS.test(content)) return false;
	if (/\d/.test(content) || !/[가-힣]/.test(content) || /[?!？！.。,，]/.test(content)) return false;
	return content.split(' ').length <= 5 && !endsSentence(content);
}

const PARTICLE = '(?:이|가|은|는|의|을|를|께서|께|도|과|와|처럼|이랑|하고|에게|한테)';
const MENTION = new RegExp(`^(?:(?:님|씨)(?:${PARTICLE}|말씀.*)?|께서.*|(?:등|외|및)(?:${PARTICLE}|에)?)$`);
/** Words that, after "Name(Affiliation)" mid-sentence, refer back to the person: …의 의견, 말씀처럼. */
const MENTION_NOUN =
	/^(?:의견|말씀|제안|지적|얘기|이야기|발언|발표|생각|주장|질문|답변|설명|입장|견해|말|글|쪽|측|덕분|자료|사례|표현|요청|답|지적처럼)/;
/** Words that open a statement, after which a name mid-sentence is likely a new speaker. */
const STATEMENT_START =
	/^(?:저는|제가|저도|저희|저희는|저희가|네|네\.|예|예\.|우리|우리는|사실|먼저|안녕하십니까|안녕하세요|감사합니다|그동안|지금|질문|말씀|한\s?가지)/;

/** Does the word after a parenthesis refer to the person (님, 씨, 께서, 등) rather than start a statement? */
function isMention(word: string): boolean {
	return MENTION.test(word.replace(/[.,!?…"'”’)\]）]+$/, ''));
}

const nextWordAt = (body: string, at: number) =>
	body
		.slice(at, at + 40)
		.trim()
		.split(/\s/)[0] ?? '';

/** The index where the opener ends (after an optional colon), or -1 when what follows rules it out. */
function openerEnd(body: string, close: number): number {
	let end = close + 1;
	if (body[end] === ':' || body[end] === '：') end++;
	if (end < body.length && body[end] !== ' ' && body[end] !== '\n') return -1;
	return isMention(nextWordAt(body, end)) ? -1 : end;
}

// ---------------------------------------------------------------------------------------------
// Openers

type Opener = {
	start: number;
	end: number;
	name: string;
	affiliation: string;
	unsure: UnsureReason | null;
	/** Where the text before ends: before `start` when a caption is glued to the opener. */
	cut: number;
	/** A label ("질문 1") that gives way to a named opener right after it. */
	label?: boolean;
};

type Scan = { known: ReadonlySet<string> };

/** The opener whose parenthesis opens at `open`, if there is one. */
function parenOpenerAt(body: string, open: number, scan: Scan): Opener | null {
	const nameEnd = body[open - 1] === ' ' || body[open - 1] === '\n' ? open - 1 : open;
	const close = matchingClose(body, open);
	if (close < 0) return null;
	const content = squash(body.slice(open + 1, close));
	const end = openerEnd(body, close);
	if (end < 0) return null;
	const candidates = namesEndingAt(body, nameEnd, false);
	const roleFirst = candidates.length === 0 || ROLE_SET.has(candidates[0].name);
	if (roleFirst) return roleThenOrganisation(body, nameEnd, content, end, scan);
	for (const candidate of candidates) {
		const trust = trustName(candidate, scan.known);
		if (trust === 'no') continue;
		const place = placeOf(body, candidate.start, scan.known);
		if (!place) continue;
		const shaped = looksLikeAffiliation(content, candidate.latin);
		const weak = !shaped && !candidate.latin && looksLikeWeakAffiliation(content);
		const known = scan.known.has(candidate.name);
		const base = { start: place.start, end, name: candidate.name, affiliation: content, cut: place.cut };
		if (place.position === 'mid') {
			if (!shaped && !(weak && known)) return null;
			const next = nextWordAt(body, end);
			if (MENTION_NOUN.test(next) || ROLE_WORDS.some((role) => next.startsWith(role))) return null;
			const sure = trust === 'sure' && !candidate.latin;
			return sure && (known || STATEMENT_START.test(next)) ? { ...base, unsure: 'mid_sentence' } : null;
		}
		if (shaped) return { ...base, unsure: trust === 'rare' ? 'name' : null };
		if (weak && trust === 'sure' && (known || candidate.name.length >= 3)) return { ...base, unsure: 'affiliation' };
		return null;
	}
	return null;
}

/** "김영희 대표(늘봄협동조합)": a name, one role word, and the organisation in parentheses. */
function roleThenOrganisation(body: string, nameEnd: number, content: string, end: number, scan: Scan): Opener | null {
	const roleStart = body.lastIndexOf(' ', nameEnd - 1) + 1;
	const role = body.slice(roleStart, nameEnd);
	if (!ROLE_SET.has(role) || roleStart < 2 || body[roleStart - 1] !== ' ') return null;
	const [candidate] = namesEndingAt(body, roleStart - 1, false);
	if (!candidate || candidate.latin || trustName(candidate, scan.known) !== 'sure') return null;
	// Only at a line start, or for someone known: "…했습니다. 지금은 담당자(…)" is a sentence.
	const place = placeOf(body, candidate.start, scan.known);
	if (!place || (place.position !== 'line' && !scan.known.has(candidate.name))) return null;
	if (!hasOrganisationWord(content) && !looksLikeWeakAffiliation(content)) return null;
	return { start: place.start, end, name: candidate.name, affiliation: `${content} ${role}`, unsure: null, cut: place.cut };
}

const ROLE_NUMBER = /^(?:\d{1,2}|[A-ZＡ-Ｚ]|[가-하])$/;

/** "김영희 광명시 사회적경제과 주무관:", "○○○ 위원:", "김영희:", "사회자:", "토론자 1:" ending at this colon. */
function colonOpenerAt(body: string, colon: number, scan: Scan): Opener | null {
	if (colon + 1 < body.length && body[colon + 1] !== ' ' && body[colon + 1] !== '\n') return null;
	const lineStart = body.lastIndexOf('\n', colon - 1) + 1;
	const segment = body.slice(lineStart, colon).replace(/ $/, '');
	if (!segment || segment.endsWith(' ') || /[()（）]/.test(segment.slice(-1))) return null;
	const end = colon + 1;
	// Word by word back from the colon, up to seven words: the first run that could stand where an opener starts.
	let from = segment.length;
	for (let count = 1; count <= 7; count++) {
		from = segment.lastIndexOf(' ', from - 1);
		const wordsStart = from + 1;
		const words = segment.slice(wordsStart).split(' ');
		const nameStart = lineStart + wordsStart;
		const speaker = colonSpeaker(words, scan);
		if (speaker) {
			const place = placeOf(body, nameStart, scan.known);
			if (place && place.position !== 'mid') return { ...speaker, start: place.start, end, unsure: null, cut: place.cut };
		}
		if (from < 0) break;
	}
	return null;
}

function colonSpeaker(words: string[], scan: Scan): { name: string; affiliation: string } | null {
	const [first, ...rest] = words;
	if (!first || words.some((word) => /[.,?!()（）"“”]/.test(word))) return null;
	if (SPEAKER_ROLES.has(first) && (rest.length === 0 || (rest.length === 1 && ROLE_NUMBER.test(rest[0])))) {
		return { name: words.join(' '), affiliation: '' };
	}
	const known = scan.known.has(first);
	if (!known && !isMaskOnly(first) && !isHangulName(first)) return null;
	if (rest.length === 0) {
		// A bare name needs three syllables or to be someone known: 현황:, 목표: are headings.
		const fullName = HANGUL_ONLY.test(first) ? first.length >= 3 : !isMaskOnly(first);
		return known || fullName ? { name: first, affiliation: '' } : null;
	}
	if (rest.length > 6 || !hasRoleWord(rest[rest.length - 1])) return null;
	return { name: first, affiliation: rest.join(' ') };
}

/** A Q&A label at a line start: "질문 1", "[답변]", "Q2." with what follows on the line. */
function labelOpenerAt(body: string, lineStart: number): Opener | null {
	const lineEnd = body.indexOf('\n', lineStart);
	const line = body.slice(lineStart, lineEnd < 0 ? body.length : lineEnd);
	const match = /^\S+(?:\s\d{1,2}(?=[\s.:：)\]）】>〉]|$))?[.:：)\]）】>〉]?/.exec(line);
	if (!match) return null;
	const raw = match[0];
	const name = labelName(raw);
	if (!name) return null;
	const after = line.slice(raw.length);
	if (after && !after.startsWith(' ')) return null;
	// A bare word (질문, 답변) without a number, mark or bracket is an ordinary word at a line start.
	if (!/\d|[.:：)\]）】>〉]$|^[[(（<〈【]/.test(raw) && after.trim()) return null;
	return { start: lineStart, end: lineStart + raw.length, name, affiliation: '', unsure: null, cut: lineStart, label: true };
}

function findOpeners(body: string, known: ReadonlySet<string>): Opener[] {
	const scan: Scan = { known };
	const found: Opener[] = [];
	const push = (opener: Opener | null) => {
		if (!opener) return false;
		const last = found[found.length - 1];
		// A named opener right after a label takes the label in; otherwise openers may not overlap.
		if (last?.label && opener.cut >= last.start && body.slice(last.end, opener.cut).trim() === '') {
			found[found.length - 1] = { ...opener, start: last.start, cut: last.start };
			return true;
		}
		if (last && opener.cut < last.end) return false;
		found.push(opener);
		return true;
	};
	for (let i = 0; i < body.length; i++) {
		if (i === 0 || body[i - 1] === '\n') {
			const label = labelOpenerAt(body, i);
			if (label && push(label)) {
				i = label.end - 1;
				continue;
			}
		}
		const ch = body[i];
		let opener: Opener | null = null;
		if (OPEN.has(ch)) opener = parenOpenerAt(body, i, scan);
		else if (ch === ':' || ch === '：') opener = colonOpenerAt(body, i, scan);
		if (opener && push(opener)) i = opener.end - 1;
	}
	return found.map((opener) => ({ ...opener, label: undefined }));
}

// ---------------------------------------------------------------------------------------------
// Captions

const CAPTION_MARK =
	/^(?:[▲△]|[[<〈《【(（]\s*사진\s*\d*\s*[\]>〉》】)）]|사진\s*\d*\s*[:：.)\-–—]|사진\s+(?:왼쪽|오른쪽|좌측|우측|앞줄|뒷줄|위|아래|가운데))/;
const LIST_LEAD =
	/^(?:(?:참석자|발언자|토론자|패널)\s*[:：]?\s*)?(?:[(（]?(?:왼쪽|오른쪽|좌측|우측)(?:에서)?부터[)）]?\s*)?(?:(?:앞|뒷|윗|아랫)줄\s*[:：]?\s*)?/;
const LIST_TAIL = /\s*(?:[(（]?(?:왼쪽|오른쪽|좌측|우측)(?:에서)?부터[)）]?|등|님|씨|순|외\s*\d+\s*명)?\s*[.。]?$/;

/** Splits at commas, middle dots and slashes outside parentheses. */
function splitList(line: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of line) {
		if (OPEN.has(ch)) depth++;
		else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
		if (depth === 0 && /[,，、·ㆍ/]/.test(ch)) {
			parts.push(current);
			current = '';
		} else current += ch;
	}
	parts.push(current);
	return parts.map((part) => part.trim());
}

/** "홍길동(…)" or "홍길동 이사장" / "김철수 광명YMCA 사무총장", and nothing else. */
function isListedPerson(part: string): boolean {
	const item = part.replace(LIST_LEAD, '').replace(LIST_TAIL, '').trim();
	const bracketed = /^(.+?)\s?[(（](.*)[)）]$/.exec(item);
	if (bracketed) {
		const candidates = namesEndingAt(bracketed[1], bracketed[1].length, true);
		return candidates.some((candidate) => candidate.start === 0);
	}
	const words = item.split(' ');
	if (words.length < 2 || words.length > 5) return false;
	const role = words.slice(1).join(' ');
	return isHangulName(words[0]) && hasRoleWord(words[words.length - 1]) && !/[.?!]/.test(role);
}

/** Final syllables of verbs and particles, which a word in a list of names does not end with. */
const NOT_NAME_END = /[다요를까죠며면서게에의로는]$/;

const isBareName = (word: string, known: ReadonlySet<string>) =>
	known.has(word) || isMaskOnly(word) || (isHangulName(word) && !NOT_NAME_END.test(word));

/**
 * How many people a run of bare names lists ("이한준 이은애 한용명", "이한준 팀장 이은애 센터장"), or -1
 * when the words are not only that, or too few to tell from a sentence: three people, or two of whom
 * one speaks in the transcript.
 */
function peopleInRun(words: readonly string[], known: ReadonlySet<string>): number {
	let people = 0;
	let anyKnown = false;
	for (let i = 0; i < words.length; i++) {
		if (!isBareName(words[i], known)) return -1;
		people++;
		anyKnown ||= known.has(words[i]);
		if (i + 1 < words.length && ROLE_SET.has(words[i + 1])) i++;
	}
	return people >= 3 || (people === 2 && anyKnown) ? people : -1;
}

const runWords = (text: string) =>
	text
		.replace(LIST_LEAD, '')
		.replace(LIST_TAIL, '')
		.split(/[\s,，、·ㆍ/]+/)
		.filter(Boolean);

/** Where a run of bare names at the end of `text` starts, or -1. */
function trailingPeopleRun(text: string, known: ReadonlySet<string>): number {
	const words = text.trimEnd().split(' ');
	let best = -1;
	for (let count = 2; count <= Math.min(words.length, 12); count++) {
		const run = words.slice(words.length - count);
		if (peopleInRun(run, known) > 0) best = words.slice(0, words.length - count).join(' ').length + (count < words.length ? 1 : 0);
	}
	return best;
}

/** A photo caption or a line that only lists people. */
export function isCaptionLine(line: string, known: ReadonlySet<string> = new Set()): boolean {
	if (CAPTION_MARK.test(line)) return true;
	const joined = line.replace(/([)）])\s*(?:와|과|및)\s+/g, '$1, ').replace(/\s+및\s+/g, ', ');
	const parts = splitList(joined).filter(Boolean);
	if (parts.length >= 2 && parts.every(isListedPerson)) return true;
	return !/[.?!]$/.test(line) && peopleInRun(runWords(line), known) > 0;
}

// ---------------------------------------------------------------------------------------------
// The parse

type Caption = { text: string; order: number };

/** Lines without captions (a caption after a sentence at a line end cut off), and the captions with their place. */
function withoutCaptions(lines: string[], known: ReadonlySet<string>): { kept: string[]; keptAt: number[]; captions: Caption[] } {
	const kept: string[] = [];
	const keptAt: number[] = [];
	const captions: Caption[] = [];
	lines.forEach((line, index) => {
		if (line && isCaptionLine(line, known)) {
			captions.push({ text: line, order: index * 2 });
			return;
		}
		const run = trailingPeopleRun(line, known);
		if (run > 0 && endsSentence(line.slice(0, run))) {
			captions.push({ text: line.slice(run).trim(), order: index * 2 + 1 });
			line = line.slice(0, run).trimEnd();
		}
		kept.push(line);
		keptAt.push(index);
	});
	return { kept, keptAt, captions };
}

/** The statements of a transcript, with the raw openers, the skipped captions and what is unsure. */
export function analyseTranscript(input: string): TranscriptAnalysis {
	const lines = normaliseText(input).split('\n').map(squash);
	// A first reading finds the sure speakers; knowing them, the second reads captions of bare names
	// and openers in the middle of a sentence.
	const first = findOpeners(withoutCaptions(lines, new Set()).kept.join('\n'), new Set());
	const known = new Set(
		first.filter((opener) => opener.unsure === null && (opener.affiliation || isHangulName(opener.name))).map((opener) => opener.name)
	);
	const { kept, keptAt, captions } = withoutCaptions(lines, known);
	const body = kept.join('\n');
	const openers = findOpeners(body, known);
	const statements: ParsedStatement[] = [];
	const preamble = squash(body.slice(0, openers[0]?.cut ?? body.length));
	if (preamble) statements.push({ name: '', affiliation: '', text: preamble, opener: '', unsure: 'no_speaker' });
	openers.forEach((opener, index) => {
		const glued = squash(body.slice(opener.cut, opener.start));
		if (glued) captions.push({ text: glued, order: keptAt[body.slice(0, opener.cut).split('\n').length - 1] * 2 });
		statements.push({
			name: opener.name,
			affiliation: opener.affiliation,
			text: squash(body.slice(opener.end, openers[index + 1]?.cut ?? body.length)),
			opener: squash(body.slice(opener.start, opener.end)),
			unsure: opener.unsure
		});
	});
	const skipped = captions.sort((a, b) => a.order - b.order).map((caption) => caption.text);
	return { statements, skipped };
}

/** The statements of a pasted transcript: what the preview table shows and the API returns. */
export function parseTranscript(text: string): Statement[] {
	return analyseTranscript(text).statements.map(({ name, affiliation, text }) => ({ name, affiliation, text }));
}

/** Statements back as clean text, one "Name(Affiliation) text" (or "Name: text") paragraph each; parses to the same. */
export function formatTranscript(statements: readonly Statement[]): string {
	return statements
		.map((s) => {
			if (!s.name) return s.text;
			return (s.affiliation ? `${s.name}(${s.affiliation}) ${s.text}` : `${s.name}: ${s.text}`).trim();
		})
		.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Corrections in the preview table

/**
 * One statement from two neighbours (b after a). The speaker is a's, or b's when a has none (text
 * before the first speaker merged into the first statement).
 */
export function mergeStatements(a: Statement, b: Statement): Statement {
	const speaker = a.name || a.affiliation ? a : b;
	return {
		name: speaker.name,
		affiliation: speaker.affiliation,
		text: [a.text.trim(), b.text.trim()].filter(Boolean).join(' ')
	};
}

/** "Name(Affiliation)" at the very start of a text, with any name shape: the official pointed at it. */
function leadingOpener(text: string): { name: string; affiliation: string; end: number } | null {
	const open = text.search(/[(（]/);
	if (open <= 0 || open > 40) return null;
	const nameEnd = text[open - 1] === ' ' ? open - 1 : open;
	const close = matchingClose(text, open);
	if (close < 0) return null;
	const affiliation = squash(text.slice(open + 1, close));
	const candidate = namesEndingAt(text, nameEnd, false).find((c) => c.start === 0);
	if (!candidate || !looksLikeAffiliation(affiliation, candidate.latin)) return null;
	const end = openerEnd(text, close);
	return end < 0 ? null : { name: candidate.name, affiliation, end };
}

/**
 * Two statements from one, split before the character at `atCharIndex` of its text. When the second
 * part begins with "Name(Affiliation)", that becomes its speaker (a speaker the parser missed);
 * otherwise both keep the original speaker. Null when either part would be empty.
 */
export function splitStatement(statement: Statement, atCharIndex: number): [Statement, Statement] | null {
	if (!Number.isInteger(atCharIndex)) return null;
	let at = atCharIndex;
	const code = statement.text.charCodeAt(at);
	if (code >= 0xdc00 && code <= 0xdfff) at++; // never between the halves of a surrogate pair
	const head = statement.text.slice(0, at).trim();
	const tail = statement.text.slice(at).trim();
	if (at <= 0 || !head || !tail) return null;
	const first = { name: statement.name, affiliation: statement.affiliation, text: head };
	const opener = leadingOpener(tail);
	if (opener) {
		return [first, { name: opener.name, affiliation: opener.affiliation, text: tail.slice(opener.end).trim() }];
	}
	return [first, { name: statement.name, affiliation: statement.affiliation, text: tail }];
}
