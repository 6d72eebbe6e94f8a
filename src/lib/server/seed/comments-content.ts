// Online commentary on the demo plan, written for this project from the stakeholder types and
// concerns in PRODUCT.md. People and organisations are invented; none is a real statement.
import type { StakeholderGroup } from '$lib/roles';
import type { CommentKind } from '$lib/server/db/schema';

export interface DemoCommenter {
	ref: string;
	displayName: string;
	organisation: string;
	stakeholderGroup: StakeholderGroup;
}

/** Accounts that wrote the demo commentary; they get random passwords (nobody signs in as them). */
export const DEMO_COMMENTERS: DemoCommenter[] = [
	{ ref: 'province', displayName: '정수민', organisation: '경기도 사회적경제과', stakeholderGroup: 'government' },
	{ ref: 'seoul-centre', displayName: '한지원', organisation: '서울의 한 자치구 사회적경제지원센터', stakeholderGroup: 'intermediary' },
	{ ref: 'small-business', displayName: '오경택', organisation: '광명 소상공인지원센터', stakeholderGroup: 'intermediary' },
	{ ref: 'consumer-coop', displayName: '윤미경', organisation: '광명 소비자생활협동조합', stakeholderGroup: 'cooperative' },
	{ ref: 'worker-coop', displayName: '장동훈', organisation: '광명 노동자협동조합 협의회', stakeholderGroup: 'cooperative' },
	{ ref: 'enterprise', displayName: '서하늘', organisation: '사회적기업 다온살림', stakeholderGroup: 'social_economy_enterprise' },
	{ ref: 'care', displayName: '문영숙', organisation: '광명 어르신돌봄센터', stakeholderGroup: 'social_economy_enterprise' },
	{ ref: 'ymca', displayName: '강태윤', organisation: '광명YMCA', stakeholderGroup: 'civil_society' },
	{ ref: 'agenda', displayName: '임소라', organisation: '광명 지속가능발전협의회', stakeholderGroup: 'civil_society' },
	{ ref: 'newspaper', displayName: '배진호', organisation: '광명 동네신문', stakeholderGroup: 'civil_society' },
	{ ref: 'welfare', displayName: '노은정', organisation: '광명 지역사회복지협의회', stakeholderGroup: 'civil_society' },
	{ ref: 'learning', displayName: '송재희', organisation: '광명시 평생학습원', stakeholderGroup: 'government' },
	{ ref: 'citizen', displayName: '권나래', organisation: '', stakeholderGroup: 'citizen' }
];

export interface DemoComment {
	ref: string;
	by: string;
	section: string;
	kind: CommentKind;
	body: string;
	quote?: string;
	replyTo?: string;
	endorsedBy?: string[];
	/** Days after the version was published (for the historical dates). */
	day: number;
}

/** Written on version 1 (the interim draft), during its comment period in 2015. */
export const INTERIM_COMMENTS: DemoComment[] = [
	{
		ref: 'centre-one-person',
		by: 'seoul-centre',
		section: 'support-centre',
		kind: 'concern',
		quote: '전담 인력은 1명입니다.',
		body: '지원센터가 한 사람이라면 상담도, 교육도, 네트워크도 제대로 할 수 없습니다. 서울의 경험으로는 최소 네댓 명은 있어야 기업 곁에서 일할 수 있습니다. **2명으로 늘리는 것**으로는 부족합니다.',
		endorsedBy: ['province', 'enterprise', 'worker-coop', 'care', 'ymca'],
		day: 2
	},
	{
		ref: 'centre-civil-operator',
		by: 'worker-coop',
		section: 'support-centre',
		kind: 'suggestion',
		replyTo: 'centre-one-person',
		body: '인력만큼 중요한 것이 운영 방식입니다. 시 직영이 아니라 **민간위탁**으로 운영해야 현장의 자율성이 살아납니다.',
		endorsedBy: ['seoul-centre', 'enterprise'],
		day: 3
	},
	{
		ref: 'centre-civil-operator-doubt',
		by: 'province',
		section: 'support-centre',
		kind: 'question',
		replyTo: 'centre-civil-operator',
		body: '민간위탁으로 가면 위탁기관을 누가, 어떤 기준으로 고르나요? 경기도의 다른 시에서는 선정 과정이 불투명하다는 말이 나온 적이 있습니다.',
		day: 4
	},
	{
		ref: 'centre-civil-operator-answer',
		by: 'worker-coop',
		section: 'support-centre',
		kind: 'suggestion',
		replyTo: 'centre-civil-operator-doubt',
		body: '사회적경제위원회가 선정 기준을 공개하고 심사에 당사자 조직이 참여하면 됩니다. 운영 결과도 해마다 위원회에 보고하게 하고요.',
		endorsedBy: ['seoul-centre'],
		day: 5
	},
	{
		ref: 'centre-move-out',
		by: 'ymca',
		section: 'support-centre',
		kind: 'suggestion',
		body: '센터가 시청 안에 있으면 시민이 찾아가기 어렵습니다. 계획에 있는 미니 클러스터로 옮겨서 기업과 시민이 드나드는 곳에 두면 좋겠습니다.',
		endorsedBy: ['citizen', 'consumer-coop'],
		day: 6
	},
	{
		ref: 'closures',
		by: 'enterprise',
		section: 'sustainability',
		kind: 'concern',
		body: '창업 지원 이야기는 많은데, 문을 닫는 기업 이야기는 없습니다. 주변에서 2~3년 만에 문을 닫는 곳을 여럿 봤습니다. 왜 문을 닫는지부터 조사해 주세요.',
		endorsedBy: ['care', 'small-business', 'province', 'worker-coop'],
		day: 2
	},
	{
		ref: 'closures-quality',
		by: 'small-business',
		section: 'sustainability',
		kind: 'suggestion',
		replyTo: 'closures',
		body: '동의합니다. 소상공인 지원 경험으로 보면 결국 제품과 서비스의 **품질**이 오래 가는 곳을 가릅니다. 품질을 높이는 컨설팅이 창업 지원만큼 필요합니다.',
		day: 3
	},
	{
		ref: 'procurement-dependence',
		by: 'care',
		section: 'sustainability',
		kind: 'concern',
		quote: '시와 산하기관의 공공구매 목표 비율을 정하고 실적을 공개합니다.',
		body: '공공구매는 고마운 일이지만, 매출 대부분이 공공구매인 기업은 예산이 바뀌면 바로 흔들립니다. 시민에게 팔 수 있는 힘을 키우는 쪽이 더 중요합니다.',
		endorsedBy: ['enterprise', 'consumer-coop'],
		day: 4
	},
	{
		ref: 'execution',
		by: 'newspaper',
		section: 'implementation',
		kind: 'concern',
		body: '좋은 계획서는 많이 봤습니다. 실행되지 않으면 빈 문서입니다. "세부 규모는 최종보고에서 제시"라는 말로는 아무것도 약속하지 않는 것과 같습니다.',
		endorsedBy: ['ymca', 'agenda', 'welfare', 'citizen'],
		day: 3
	},
	{
		ref: 'execution-tf',
		by: 'province',
		section: 'implementation',
		kind: 'suggestion',
		replyTo: 'execution',
		body: '실행을 챙길 전담 TF가 필요합니다. 특히 **예산을 아는 사람**이 들어가야 계획이 예산서로 옮겨집니다.',
		endorsedBy: ['newspaper'],
		day: 4
	},
	{
		ref: 'execution-mayor',
		by: 'agenda',
		section: 'implementation',
		kind: 'suggestion',
		replyTo: 'execution',
		body: '최종보고회에는 시장과 시의원이 직접 와서 실행을 약속했으면 합니다. 그 약속이 기록으로 남아야 다음 해 예산에서 힘이 됩니다.',
		day: 5
	},
	{
		ref: 'trust-first',
		by: 'welfare',
		section: 'governance',
		kind: 'concern',
		body: '위원회를 만든다고 거버넌스가 되지는 않습니다. 행정이 먼저 정보를 열고 신뢰를 보여 주어야 민간도 시간을 냅니다.',
		endorsedBy: ['ymca', 'agenda'],
		day: 2
	},
	{
		ref: 'no-rush',
		by: 'agenda',
		section: 'overview',
		kind: 'concern',
		body: '계획을 연말까지 마쳐야 한다는 말을 들었습니다. 행정 실적 때문에 서두르면 논의가 빠집니다. 문서보다 함께 만드는 과정이 더 중요합니다.',
		endorsedBy: ['welfare', 'newspaper', 'ymca'],
		day: 1
	},
	{
		ref: 'village-unit',
		by: 'consumer-coop',
		section: 'localisation',
		kind: 'suggestion',
		body: '공모를 1년에 한 번 여는 방식으로는 주민 조직이 자라지 않습니다. **마을**을 단위로 주민이 늘 모여 이야기하는 자리가 있어야 합니다. 생협 조합원 모임이 좋은 출발점이 될 수 있습니다.',
		endorsedBy: ['citizen', 'worker-coop', 'learning'],
		day: 3
	},
	{
		ref: 'village-unit-reply',
		by: 'citizen',
		section: 'localisation',
		kind: 'support',
		replyTo: 'village-unit',
		body: '저희 동네에도 반찬 나눔 모임이 있는데, 이런 모임이 사회적경제로 이어지면 좋겠습니다.',
		day: 4
	},
	{
		ref: 'learning-strength',
		by: 'learning',
		section: 'current-state',
		kind: 'suggestion',
		quote: '광명시는 평생학습도시로 오랫동안 시민 학습 모임을 키워 왔고',
		body: '평생학습은 광명의 강점인데 계획에서는 현황에 한 줄로만 나옵니다. 평생학습원의 동아리와 강좌로 사람을 잇는 일을 전략에 넣어 주세요.',
		endorsedBy: ['consumer-coop', 'ymca'],
		day: 2
	},
	{
		ref: 'gyeonggi-cases',
		by: 'province',
		section: 'current-state',
		kind: 'suggestion',
		body: '비교 사례가 서울 위주입니다. 광명과 규모가 비슷한 경기도 시·군 사례를 같이 보여 주면 더 설득력이 있습니다. 잠재력이 큰 업종이 무엇인지도 짚어 주세요.',
		endorsedBy: ['small-business'],
		day: 5
	},
	{
		ref: 'clusters-trust',
		by: 'enterprise',
		section: 'mini-clusters',
		kind: 'support',
		quote: '가까이 있으면 자주 만나고, 자주 만나면 믿음이 쌓이고, 믿음이 쌓이면 협업이 생깁니다.',
		body: '이 대목에 깊이 공감합니다. 같은 건물에 있으면 자연스럽게 일을 나누게 됩니다.',
		endorsedBy: ['worker-coop', 'care'],
		day: 3
	},
	{
		ref: 'clusters-rent',
		by: 'worker-coop',
		section: 'mini-clusters',
		kind: 'question',
		body: '클러스터 입주 기업의 임대료는 어느 정도로 생각하고 계신가요? 3년마다 재심사하면 쫓겨날까 걱정하는 기업도 있을 것 같습니다.',
		day: 6
	},
	{
		ref: 'coop-network',
		by: 'consumer-coop',
		section: 'cooperation',
		kind: 'support',
		body: '협동조합 협의회를 꾸리는 데 찬성합니다. 생협 조합원이 지역 협동조합의 첫 소비자가 될 수 있습니다.',
		endorsedBy: ['worker-coop'],
		day: 4
	},
	{
		ref: 'indicators-count',
		by: 'seoul-centre',
		section: 'indicators',
		kind: 'concern',
		body: '기업 수를 두 배로 늘리는 목표는 오히려 무리한 창업을 부를 수 있습니다. 살아남은 기업의 비율 같은 지표가 필요합니다.',
		endorsedBy: ['enterprise', 'province'],
		day: 5
	}
];

/** Written on version 2 (the current revision) since it opened. */
export const REVISION_COMMENTS: DemoComment[] = [
	{
		ref: 'v2-centre-thanks',
		by: 'seoul-centre',
		section: 'support-centre',
		kind: 'support',
		body: '민간위탁 전환과 5명까지의 단계적 확충이 들어간 것을 환영합니다. 단계별 일정도 함께 밝혀 주시면 좋겠습니다.',
		endorsedBy: ['worker-coop'],
		day: 0
	},
	{
		ref: 'v2-closure-survey',
		by: 'enterprise',
		section: 'sustainability',
		kind: 'question',
		body: '폐업 실태조사는 누가 맡고 결과는 언제 공개되나요? 조사 대상 기업이 불이익을 받지 않도록 익명이 보장되었으면 합니다.',
		day: 0
	}
];
