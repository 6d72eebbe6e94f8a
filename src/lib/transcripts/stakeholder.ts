// A first guess at a speaker's stakeholder group from the affiliation printed in a transcript, for
// the preview table (the official can change it). Keyword rules, the first matching rule wins; the
// order puts the specific before the general (a co-op research professor is research, a city's
// co-op support centre is an intermediary, not government). Null when nothing matches.

import type { StakeholderGroup } from '$lib/roles';

const PLACE = /(?:^|\s)[가-힣]+(?:특별시|광역시|시|도|군|구)(?=\s|$)|^[가-힣]+(?:시|도)(?=[가-힣]+(?:과|팀|국|실)(?:장)?(?:\s|$))/;
const UNIT = /[가-힣]+(?:과|팀|국|실)(?:장)?(?:\s|$)|(?:^|\s)(?:과장|팀장|국장|실장|주무관)(?:\s|$)/;

const RULES: ReadonlyArray<readonly [StakeholderGroup, (text: string) => boolean]> = [
	// Students and residents first, so 대학생 is not read as a university and 광명시민 not as the city.
	['citizen', (t) => /대학생|대학원생|(?:^|\s)(?:[가-힣]+시민|시민|주민|청년|학생)$/.test(t)],
	['research', (t) => /교수|연구위원|연구원|연구소|연구진|연구자|대학교|대학원|대학|박사|professor|university|institute|research/i.test(t)],
	['intermediary', (t) => /지원센터|중간지원|지원기관|통합지원|지원단|자활센터|사회적경제\s?(?:센터|네트워크|협의회|연합회)/.test(t)],
	['cooperative', (t) => /협동조합|생협|생활협동|소비자협동|한살림|아이쿱|조합원|cooperative|co-?op\b/i.test(t)],
	['social_economy_enterprise', (t) => /사회적기업|마을기업|자활기업|소셜벤처|[(（]주[)）]|주식회사|유한회사/.test(t)],
	[
		'civil_society',
		(t) =>
			/YMCA|YWCA|의제\s?21|복지협의회|시민단체|시민사회|시민연대|연대회의|운동본부|환경운동|참여연대|신문|일보|방송|뉴스|기자|편집장|언론|NGO|NPO|비영리|[(（]사[)）]|사단법인|복지관/i.test(
				t
			)
	],
	[
		'government',
		(t) =>
			/시청|도청|구청|군청|의회|의원|주무관|사무관|공무원|부시장|도지사|구청장|군수|평생학습원|행정복지센터|주민센터|(?:^|\s)시장$/.test(t) ||
			(PLACE.test(t) && UNIT.test(t))
	],
	['citizen', (t) => /시민|주민|청년/.test(t)]
];

export function inferStakeholderGroup(affiliation: string): StakeholderGroup | null {
	const text = affiliation.normalize('NFC').trim();
	if (!text) return null;
	for (const [group, matches] of RULES) {
		if (matches(text)) return group;
	}
	return null;
}

/** Who runs the session rather than speaks at it: "사회자:", "좌장 김○○", "진행 이○○(광명시 사회적경제과)". */
const CHAIR = /^(?:사회자|사회|좌장|진행자|진행)$|(?:^|\s)(?:사회자|좌장|진행자)(?:\s|$)/;

/**
 * A first guess at whether a statement is the chair's or the consulting city's own staff's, whose
 * words are kept but need no answer: the chair by role word in the name or affiliation, staff when
 * the affiliation is a department or post of the plan's own organisation (광명시 사회적경제과,
 * 광명시 … 주무관), not another government (경기도 사회적경제과 is a stakeholder). Null otherwise.
 */
export function inferSpeakerRole(name: string, affiliation: string, organisation: string): 'chair' | 'staff' | null {
	const who = name.normalize('NFC').trim();
	const where = affiliation.normalize('NFC').trim();
	if (CHAIR.test(who) || CHAIR.test(where)) return 'chair';
	// The city itself (광명시), also when the plan names its department (광명시 사회적경제과).
	const city = organisation.normalize('NFC').trim().split(/\s+/)[0] ?? '';
	if (city && where.startsWith(city) && UNIT.test(where.slice(city.length).trim() + ' ')) return 'staff';
	return null;
}
