// Turns a pasted meeting transcript ("Name(Affiliation) statement" paragraphs, as printed after an
// interim report meeting or a citizens' forum) into statements. Pure: no server imports, so the
// preview in the browser and POST /api/v1/transcripts/parse run exactly the same code.
//
// The rules
//
// 1. Input is normalised first: Unicode NFC (text copied on a Mac can arrive as decomposed jamo),
//    CR/LF to LF, zero-width characters and soft hyphens removed, every other kind of space
//    (no-break, ideographic U+3000, tabs) made a plain space, runs of spaces collapsed.
// 2. Photo captions are whole lines, skipped and reported in `skipped`:
//    - a line starting with ▲ or △, or with a 사진 marker: "사진:", "사진 1.", "[사진]", "(사진)",
//      "사진 왼쪽부터 …";
//    - a line that only lists two or more people, each "Name(…)" or "Name role", joined by commas,
//      middle dots, slashes, 및/와/과, with fillers like 왼쪽부터, 참석자:, 등, 님.
// 3. A speaker opener is `Name(Affiliation)`, where all of these hold:
//    - Name is a whole word: 2 to 4 Hangul syllables beginning with a Korean family name
//      (lexicon.ts; 남궁, 황보 … count as family names), or a family name and 1 to 3 masking marks
//      (김OO, 이○○), or 2 to 3 capitalised Latin words (John Smith, Maria Kim). Common words of the
//      same shape (이사장, 사회, 지원센터, 정책 …) are not names. One space (or the line break
//      of a paste) may stand between the name and the parenthesis.
//    - It starts a line (after an optional bullet such as "-", "○", "1."), or follows the end of a
//      sentence on the same line: . ! ? … or a Korean final ending (다 요 죠 까), possibly
//      followed by closing quotes or a short aside such as (웃음). This is what lets several
//      statements run together on one line while a name mentioned mid-sentence stays text.
//    - The parentheses are half-width () or full-width （）, in any mix, may hold parentheses of
//      their own (김철수((주)다온 대표)) and a line break from a paste, not a blank line. Their
//      content is 2 to 80 characters (whitespace collapsed), does not start with a digit
//      (a year such as (2014년) or a plan period), holds no sentence, and is shaped like an
//      affiliation: one of its words ends in a role or title (이사장, 대표, 센터장, 팀장, 주무관,
//      교수, 기자, 시민, 의원 …) or it names an organisation or a government unit (협동조합, 센터,
//      재단, 신문, YMCA, (주), 사회적경제과, 광명시, 경기도 …). So (예비), (가칭), (주) on their own,
//      (2014년) and (Social Economy) after a term are never openers. After a Hangul name the content
//      must contain Hangul (a Latin-only parenthesis after a Korean word is an English expansion);
//      after a Latin name, English role or organisation words count too.
//    - After the closing parenthesis comes a space, the end of the line, or a colon (taken as part
//      of the opener). A word attached to the parenthesis (께서, 의, 이 …) or a next word that refers
//      to the person (님, 씨, 께서, 등, 외, with or without a particle) makes it a mention inside a
//      statement, not a new speaker.
// 4. A statement's text is everything up to the next opener, across lines, skipping caption lines,
//    with whitespace collapsed to single spaces; no other character is changed or dropped. Text
//    before the first opener (a title, a note) becomes a statement with an empty name and
//    affiliation, so nothing is lost silently; the preview lets the official drop or name it.
//
// A speaker the rules miss (a rare family name, an opener right after a sentence without an ending)
// stays inside the previous statement, and splitStatement at that point recovers it; a false
// opener is undone with mergeStatements.

import { COMPOUND_SURNAMES, NAME_MASK, NOT_NAMES, ROLE_WORDS, SURNAMES } from './lexicon';
import { hasLatinRoleOrOrganisation, hasOrganisationWord, hasRoleWord } from './lexicon';

export { inferStakeholderGroup } from './stakeholder';

export type Statement = { name: string; affiliation: string; text: string };

/** A statement with the opener as it stood in the (normalised) input: "홍길동 (○○협동조합 이사장)". */
export type ParsedStatement = Statement & { opener: string };

export type TranscriptAnalysis = {
	statements: ParsedStatement[];
	/** Caption lines that were skipped, in order. */
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
const MASKED_REST = new RegExp(`^[${NAME_MASK}]{1,3}$`);
const HANGUL_ONLY = /^[가-힣]+$/;
const HANGUL_NAME_TAIL = new RegExp(`[가-힣][가-힣${NAME_MASK}]{1,4}$`);

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

const LATIN_NAME_WORD = /^(?=\p{Lu})[\p{Script=Latin}'’-]*\p{Script=Latin}$/u;

type NameCandidate = { name: string; start: number; latin: boolean };

/** Names that end exactly at `end` in `text`, each starting a word. */
function namesEndingAt(text: string, end: number, strict: boolean): NameCandidate[] {
	const startsWord = (index: number) => index === 0 || /\s/.test(text[index - 1]);
	// Five characters hold the longest name; a longer run of Hangul fails startsWord.
	const hangul = HANGUL_NAME_TAIL.exec(text.slice(Math.max(0, end - 5), end));
	if (hangul) {
		const start = end - hangul[0].length;
		return startsWord(start) && isHangulName(hangul[0], strict) ? [{ name: hangul[0], start, latin: false }] : [];
	}
	// Latin: two or three capitalised words, read backwards.
	const candidates: NameCandidate[] = [];
	const words: string[] = [];
	let cursor = end;
	while (words.length < 3) {
		let start = cursor;
		while (start > 0 && cursor - start < 30 && !/\s/.test(text[start - 1])) start--;
		const word = text.slice(start, cursor);
		if (!startsWord(start) || !LATIN_NAME_WORD.test(word)) break;
		words.unshift(word);
		if (words.length >= 2) candidates.push({ name: words.join(' '), start, latin: true });
		if (start < 2 || /\s/.test(text[start - 2])) break;
		cursor = start - 1;
	}
	return candidates;
}

// ---------------------------------------------------------------------------------------------
// Where an opener may start

const BULLET = /^(?:[-–—•·◦○●▪■□◆◇※>*]|\d{1,2}[.)]|[①-⑳])\s?$/;

/** Does this text end a sentence? "…합니다.", "…봅니다", "…봅니다(웃음)", "…했다”". */
export function endsSentence(text: string): boolean {
	let rest = text.trimEnd();
	rest = rest.replace(/[(（][^()（）]{1,12}[)）]$/, '').trimEnd();
	rest = rest.replace(/["'”’」』》〉»\]]+$/, '');
	return /[.!?。…？！~]$/.test(rest) || /[다요죠까]$/.test(rest);
}

/** Where the opener's raw text starts (a leading bullet belongs to it), or -1 if it may not start here. */
function openerStart(body: string, nameStart: number): number {
	const lineStart = body.lastIndexOf('\n', nameStart - 1) + 1;
	const prefix = body.slice(lineStart, nameStart);
	if (prefix.trim() === '') return nameStart;
	if (BULLET.test(prefix)) return lineStart;
	if (prefix.endsWith(' ') && endsSentence(prefix)) return nameStart;
	return -1;
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
	if (/^\d/.test(content)) return false;
	if (/[?!？！]|[.。]\s/.test(content)) return false;
	const hangul = /[가-힣]/.test(content);
	if (!hangul && !latinName) return false;
	return hasRoleWord(content) || hasOrganisationWord(content) || (latinName && hasLatinRoleOrOrganisation(content));
}

const PARTICLE = '(?:이|가|은|는|의|을|를|께서|께|도|과|와|처럼|이랑|하고|에게|한테)';
const MENTION = new RegExp(`^(?:(?:님|씨)(?:${PARTICLE}|말씀.*)?|께서.*|(?:등|외|및)(?:${PARTICLE}|에)?)$`);

/** Does the word after a parenthesis refer to the person (님, 씨, 께서, 등) rather than start a statement? */
function isMention(word: string): boolean {
	return MENTION.test(word.replace(/[.,!?…"'”’)\]）]+$/, ''));
}

/** The index where the opener ends (after an optional colon), or -1 when what follows rules it out. */
function openerEnd(body: string, close: number): number {
	let end = close + 1;
	if (body[end] === ':' || body[end] === '：') end++;
	if (end < body.length && body[end] !== ' ' && body[end] !== '\n') return -1;
	const nextWord =
		body
			.slice(end, end + 40)
			.trim()
			.split(/\s/)[0] ?? '';
	return isMention(nextWord) ? -1 : end;
}

// ---------------------------------------------------------------------------------------------
// Openers

type Opener = { start: number; end: number; name: string; affiliation: string };

/** The opener whose parenthesis opens at `open`, if there is one. */
function openerAt(body: string, open: number, strict: boolean): Opener | null {
	const nameEnd = body[open - 1] === ' ' || body[open - 1] === '\n' ? open - 1 : open;
	const close = matchingClose(body, open);
	if (close < 0) return null;
	const affiliation = squash(body.slice(open + 1, close));
	for (const candidate of namesEndingAt(body, nameEnd, strict)) {
		const start = strict ? openerStart(body, candidate.start) : candidate.start === 0 ? 0 : -1;
		if (start < 0) continue;
		if (!looksLikeAffiliation(affiliation, candidate.latin)) return null;
		const end = openerEnd(body, close);
		if (end < 0) return null;
		return { start, end, name: candidate.name, affiliation };
	}
	return null;
}

function findOpeners(body: string): Opener[] {
	const found: Opener[] = [];
	for (let i = 0; i < body.length; i++) {
		if (!OPEN.has(body[i])) continue;
		const opener = openerAt(body, i, true);
		// The name has to begin after the previous opener ends.
		if (!opener || (found.length && opener.start < found[found.length - 1].end)) continue;
		found.push(opener);
		i = opener.end - 1;
	}
	return found;
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

/** A photo caption or a line that only lists people. */
export function isCaptionLine(line: string): boolean {
	if (CAPTION_MARK.test(line)) return true;
	const joined = line.replace(/([)）])\s*(?:와|과|및)\s+/g, '$1, ').replace(/\s+및\s+/g, ', ');
	const parts = splitList(joined).filter(Boolean);
	return parts.length >= 2 && parts.every(isListedPerson);
}

// ---------------------------------------------------------------------------------------------
// The parse

/** The statements of a transcript, with the raw openers and the skipped caption lines. */
export function analyseTranscript(input: string): TranscriptAnalysis {
	const skipped: string[] = [];
	const kept: string[] = [];
	for (const line of normaliseText(input).split('\n')) {
		const clean = squash(line);
		if (clean && isCaptionLine(clean)) skipped.push(clean);
		else kept.push(clean);
	}
	const body = kept.join('\n');
	const statements: ParsedStatement[] = [];
	const openers = findOpeners(body);
	const preamble = squash(body.slice(0, openers[0]?.start ?? body.length));
	if (preamble) statements.push({ name: '', affiliation: '', text: preamble, opener: '' });
	openers.forEach((opener, index) => {
		statements.push({
			name: opener.name,
			affiliation: opener.affiliation,
			text: squash(body.slice(opener.end, openers[index + 1]?.start ?? body.length)),
			opener: squash(body.slice(opener.start, opener.end))
		});
	});
	return { statements, skipped };
}

/** The statements of a pasted transcript: what the preview table shows and the API returns. */
export function parseTranscript(text: string): Statement[] {
	return analyseTranscript(text).statements.map(({ name, affiliation, text }) => ({ name, affiliation, text }));
}

/** Statements back as clean text, one "Name(Affiliation) text" paragraph each; parses to the same. */
export function formatTranscript(statements: readonly Statement[]): string {
	return statements.map((s) => (s.name ? `${s.name}(${s.affiliation}) ${s.text}`.trim() : s.text)).join('\n\n');
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
	const open = tail.search(/[(（]/);
	const opener = open > 0 && open <= 40 ? openerAt(tail, open, false) : null;
	if (opener) {
		return [first, { name: opener.name, affiliation: opener.affiliation, text: tail.slice(opener.end).trim() }];
	}
	return [first, { name: statement.name, affiliation: statement.affiliation, text: tail }];
}
