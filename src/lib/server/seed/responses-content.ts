// The officials' answers to the demo commentary on the interim draft (version 1), and the sections
// of the revision (version 2) that answer them. Written for this project; not a real document.
import type { Disposition } from '$lib/server/db/schema';

export interface DemoAnswer {
	disposition: Disposition;
	body: string;
	/** Sections of version 2 that changed because of this comment. */
	reflectedIn?: string[];
}

/** Answers to the online comments, by their reference in comments-content.ts. */
export const ANSWERS_BY_REF: Record<string, DemoAnswer> = {
	'centre-one-person': {
		disposition: 'accepted',
		body: '지원센터 전담 인력을 단계적으로 5명까지 늘리고 상담·교육·판로·네트워크 담당을 나누도록 수정안에 반영했습니다.',
		reflectedIn: ['support-centre']
	},
	'centre-civil-operator': {
		disposition: 'accepted',
		body: '2016년 하반기에 지원센터를 민간위탁으로 전환하는 내용을 수정안에 담았습니다.',
		reflectedIn: ['support-centre']
	},
	'centre-civil-operator-doubt': {
		disposition: 'partly_accepted',
		body: '위탁기관이 해마다 사회적경제위원회에 운영 결과를 보고하도록 했습니다. 선정 기준과 절차는 위탁 공고 전에 위원회 심의를 거쳐 공개하겠습니다.',
		reflectedIn: ['support-centre']
	},
	'centre-civil-operator-answer': {
		disposition: 'partly_accepted',
		body: '운영 결과 보고는 반영했습니다. 심사위원 구성은 관련 조례에 따라 정해지므로, 당사자 조직의 참여 방안을 조례 개정과 함께 검토하겠습니다.',
		reflectedIn: ['support-centre']
	},
	'centre-move-out': {
		disposition: 'accepted',
		body: '첫 번째 미니 클러스터에 지원센터가 함께 입주하도록 했습니다.',
		reflectedIn: ['support-centre', 'mini-clusters']
	},
	closures: {
		disposition: 'accepted',
		body: '2016년에 폐업 실태조사를 하고 그 결과를 지원 방식에 반영하도록 했습니다.',
		reflectedIn: ['sustainability']
	},
	'closures-quality': {
		disposition: 'accepted',
		body: '업종별 품질 컨설팅과 공동 인증 지원을 지속가능성 장에 더했습니다.',
		reflectedIn: ['sustainability']
	},
	'procurement-dependence': {
		disposition: 'accepted',
		body: '공공구매를 출발점으로 삼되 시민 소비자와 민간 시장 판로를 함께 키워 의존을 줄이는 방향으로 고쳤고, 공공구매 외 매출 비중을 성과지표로 두었습니다.',
		reflectedIn: ['sustainability', 'vision']
	},
	execution: {
		disposition: 'accepted',
		body: '실행 체계 장을 다시 썼습니다. 실행 전담 TF, 연차 점검과 공개를 담았습니다.',
		reflectedIn: ['implementation']
	},
	'execution-tf': {
		disposition: 'accepted',
		body: '예산 전문가가 참여하는 실행 전담 TF를 두도록 했습니다.',
		reflectedIn: ['implementation']
	},
	'execution-mayor': {
		disposition: 'accepted',
		body: '최종보고회에 시장과 시의회 의원이 참석해 실행을 약속하고 기록으로 남기도록 했습니다.',
		reflectedIn: ['implementation']
	},
	'trust-first': {
		disposition: 'accepted',
		body: '"행정이 먼저 보이는 신뢰" 항목을 거버넌스 전략에 더하고, 예산과 사업 계획을 초안 단계부터 공개하기로 했습니다.',
		reflectedIn: ['governance']
	},
	'no-rush': {
		disposition: 'accepted',
		body: '계획을 함께 만드는 과정을 다루는 장을 새로 두었고, 최종보고 일정을 한 달 늦춰 논의 시간을 확보했습니다.',
		reflectedIn: ['deliberation']
	},
	'village-unit': {
		disposition: 'accepted',
		body: '마을을 기본 단위로 하고, 해마다 한 번 여는 공모 대신 동마다 상시 주민 모임을 두도록 지역화 전략을 고쳤습니다.',
		reflectedIn: ['localisation']
	},
	'village-unit-reply': {
		disposition: 'partly_accepted',
		body: '동 단위 주민 모임에서 반찬 나눔 같은 활동이 사회적경제로 이어지도록 지원센터가 연결하겠습니다. 개별 모임 지원은 연차별 시행계획에서 정합니다.',
		reflectedIn: ['localisation']
	},
	'learning-strength': {
		disposition: 'accepted',
		body: '평생학습원과 연계하는 "평생학습과 사람 잇기"를 추진 전략에 새로 넣었습니다.',
		reflectedIn: ['lifelong-learning']
	},
	'gyeonggi-cases': {
		disposition: 'accepted',
		body: '경기도 시·군 사례 비교를 현황 장에 더했습니다. 잠재력이 큰 업종 분석은 최종보고서 부록에 싣습니다.',
		reflectedIn: ['current-state']
	},
	'clusters-trust': {
		disposition: 'out_of_scope',
		body: '공감해 주셔서 고맙습니다. 별도로 바꿀 내용은 없어 원안을 유지합니다.'
	},
	'clusters-rent': {
		disposition: 'under_review',
		body: '임대료 수준과 재심사 기준은 시범 클러스터 공간이 정해진 뒤 입주 기업과 협의해 정하겠습니다.'
	},
	'coop-network': {
		disposition: 'out_of_scope',
		body: '지지 의견 고맙습니다. 협동조합 협의회 구성은 원안대로 추진합니다.'
	},
	'indicators-count': {
		disposition: 'accepted',
		body: '기업 수 목표와 함께 설립 3년 뒤 운영 비율, 공공구매 외 매출 비중을 성과지표로 두고, 성과지표를 비전과 목표 장으로 옮겼습니다.',
		reflectedIn: ['vision']
	}
};

/** Answers to what was said at the sessions, by speaker name. */
export const ANSWERS_BY_SPEAKER: Record<string, DemoAnswer> = {
	김도윤: {
		disposition: 'accepted',
		body: '경기도 시·군 사례를 서울 사례와 나란히 현황 장에 실었습니다.',
		reflectedIn: ['current-state']
	},
	박서영: {
		disposition: 'accepted',
		body: '지원센터의 민간위탁 전환을 수정안에 반영했습니다.',
		reflectedIn: ['support-centre']
	},
	이경호: {
		disposition: 'accepted',
		body: '폐업 실태조사와 품질 향상 지원을 지속가능성 장에 넣었습니다.',
		reflectedIn: ['sustainability']
	},
	정은주: {
		disposition: 'accepted',
		body: '시민 소비자 판로를 키워 공공구매 의존을 줄이는 방향을 담았습니다.',
		reflectedIn: ['sustainability']
	},
	한상우: {
		disposition: 'partly_accepted',
		body: '업종별 협의회 지원은 원안에 있었습니다. 모임을 꾸준히 열 수 있도록 지원센터의 네트워크 담당이 맡게 했습니다.',
		reflectedIn: ['support-centre']
	},
	윤지혜: {
		disposition: 'under_review',
		body: '임대료 부담을 낮추는 방안은 시범 클러스터 공간을 정하면서 함께 검토하고 있습니다.'
	},
	강민석: {
		disposition: 'partly_accepted',
		body: '자립 기반을 강조하는 내용을 지속가능성 장에 더했습니다. 돌봄 분야의 별도 지원은 관련 부서와 협의 중입니다.',
		reflectedIn: ['sustainability']
	},
	최민호: {
		disposition: 'accepted',
		body: '계획을 함께 만드는 과정에 관한 장을 새로 두고 일정에 여유를 두었습니다.',
		reflectedIn: ['deliberation', 'governance']
	},
	오세라: {
		disposition: 'accepted',
		body: '최종보고회에서 시장과 시의원이 실행을 약속하도록 했습니다.',
		reflectedIn: ['implementation']
	},
	문태호: {
		disposition: 'accepted',
		body: '예산 전문가가 참여하는 실행 전담 TF와 연차 점검 공개를 담았습니다.',
		reflectedIn: ['implementation']
	},
	배수진: {
		disposition: 'accepted',
		body: '마을 단위 상시 주민 모임을 지역화 전략에 넣었습니다.',
		reflectedIn: ['localisation']
	},
	임하늘: {
		disposition: 'accepted',
		body: '평생학습원과 지원센터가 함께하는 사람 잇기 과정을 새 항목으로 넣었습니다.',
		reflectedIn: ['lifelong-learning']
	},
	장윤호: {
		disposition: 'under_review',
		body: '말씀하신 다섯 가지 과제는 2020년 이후 다음 기본계획을 준비하면서 함께 검토하겠습니다.'
	},
	서지민: {
		disposition: 'partly_accepted',
		body: '나눔장터를 한 해 두 번으로 늘리는 방안을 올해 시행계획에 넣었습니다.'
	},
	노현우: {
		disposition: 'under_review',
		body: '역량 강화 교육 과정과 업종 다양화 지원은 지원센터와 함께 검토하고 있습니다.'
	}
};

/** The comments written on version 2 are still in its comment period. */
export const ANSWERS_ON_REVISION: Record<string, DemoAnswer> = {
	'v2-centre-thanks': {
		disposition: 'under_review',
		body: '단계별 인력 확충 일정은 위탁 공고와 함께 공개할 예정입니다.'
	},
	'v2-closure-survey': {
		disposition: 'under_review',
		body: '조사는 지원센터가 맡고, 응답 기업은 익명으로 처리합니다. 공개 시기는 조사 설계가 끝나면 알려 드리겠습니다.'
	}
};
