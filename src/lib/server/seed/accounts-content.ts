import type { Role, StakeholderGroup } from '$lib/roles';

/** Demo only: listed in the README; never seed these into a production database (SEED_DEMO=false). */
export const DEMO_PASSWORD = 'demo-password';

export interface DemoAccount {
	email: string;
	displayName: string;
	organisation: string;
	stakeholderGroup: StakeholderGroup;
	roles: Role[];
}

/** One account per role; the README lists them. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		email: 'admin@example.org',
		displayName: '관리자',
		organisation: '모두의 계획 운영팀',
		stakeholderGroup: 'government',
		roles: ['admin']
	},
	{
		email: 'official@example.org',
		displayName: '김민정',
		organisation: '광명시 일자리정책과 사회적경제팀',
		stakeholderGroup: 'government',
		roles: ['official']
	},
	{
		email: 'researcher@example.org',
		displayName: '이서연',
		organisation: '사회적경제 기본계획 연구진',
		stakeholderGroup: 'research',
		roles: ['researcher']
	},
	{
		email: 'moderator@example.org',
		displayName: '박준호',
		organisation: '모두의 계획 운영지원',
		stakeholderGroup: 'civil_society',
		roles: ['moderator']
	},
	{
		email: 'participant@example.org',
		displayName: '최지훈',
		organisation: '광명 소비자생활협동조합',
		stakeholderGroup: 'cooperative',
		roles: []
	}
];
