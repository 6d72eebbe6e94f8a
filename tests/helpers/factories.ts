// Small builders for test data, all through the app's own data functions.
import type { Role, StakeholderGroup } from '$lib/roles';
import * as users from '$lib/server/accounts/users';
import * as plans from '$lib/server/plan-text/plans';
import * as versions from '$lib/server/plan-text/versions';
import type { SectionInput } from '$lib/server/plan-text/plans';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const TEST_PASSWORD = 'test-password-1';

export async function createUser(options: { roles?: Role[]; displayName?: string; group?: StakeholderGroup; organisation?: string } = {}) {
	return users.create({
		email: `user-${unique()}@example.org`,
		password: TEST_PASSWORD,
		displayName: options.displayName ?? `참여자 ${counter}`,
		organisation: options.organisation ?? '광명 시민모임',
		stakeholderGroup: options.group ?? 'citizen',
		roles: options.roles ?? []
	});
}

export const sampleSections: SectionInput[] = [
	{ key: 'vision', heading: '비전과 목표', parentKey: null, body: '서로 돕는 경제, 함께 사는 광명.' },
	{ key: 'strategy', heading: '추진 전략', parentKey: null, body: '세 가지 전략을 축으로 삼습니다.' },
	{ key: 'governance', heading: '민관 거버넌스', parentKey: 'strategy', body: '사회적경제위원회를 구성합니다.' },
	{ key: 'support-centre', heading: '지원센터', parentKey: null, body: '전담 인력은 1명입니다.' }
];

const DAY = 24 * 60 * 60 * 1000;

/** A plan with one published version whose comment period is open (or as given). */
export async function createPublishedPlan(options: { sections?: SectionInput[]; open?: boolean; official?: { id: number } } = {}) {
	const official = options.official ?? (await createUser({ roles: ['official'] }));
	const plan = await plans.create({ slug: `plan-${unique()}`, title: '시험 기본계획', summary: '시험용 계획', organisation: '광명시' }, official.id);
	await versions.saveDraft(plan.id, { title: '초안', sections: options.sections ?? sampleSections }, official.id);
	const now = Date.now();
	const open = options.open ?? true;
	const version = await versions.publish(
		plan.id,
		{
			changeSummary: '첫 공개',
			commentsOpenAt: new Date(now - (open ? DAY : 10 * DAY)),
			commentsCloseAt: new Date(now + (open ? 30 * DAY : -DAY))
		},
		official.id
	);
	return { plan, version, official };
}
