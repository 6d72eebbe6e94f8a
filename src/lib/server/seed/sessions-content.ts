// The demo's in-person sessions, written for this project from PRODUCT.md: the interim report
// meeting's commentary as a transcript (in the printed "Name(Affiliation) statement" form, with its
// messiness: a photo caption, statements running together) and the 2019 citizens' forum.
// People are invented; none of this is a real statement.
import type { CommentKind } from '$lib/server/db/schema';

export const INTERIM_SESSION = {
	title: '광명시 사회적경제 기본계획 연구용역 중간보고회',
	kind: 'interim_report' as const,
	heldOn: '2015-03-20',
	place: '광명시청 중회의실',
	attendees: 32,
	notes: '연구진이 중간보고 초안을 발표한 뒤 이해관계자 15명이 의견을 냈다. 아래 발언은 회의 자료집에 실린 순서를 따른다.'
};

export const INTERIM_TRANSCRIPT = `사진: 왼쪽부터 김도윤(경기도 사회적경제과 팀장), 박서영(서울시 사회적경제지원센터장), 최민호(광명YMCA 사무총장)

김도윤(경기도 사회적경제과 팀장) 도 차원에서 보면 광명의 강점은 생협과 평생학습이 이미 자리를 잡고 있다는 점입니다. 다만 계획에 나오는 비교 사례가 서울 중심이어서, 규모가 비슷한 경기도 시·군의 사례를 함께 넣어 주시면 좋겠습니다.

박서영(서울시 사회적경제지원센터장) 지원센터가 한 사람으로 운영되는 구조로는 현장과 만날 수 없습니다. 센터는 민간이 자율적으로 운영할 때 힘이 납니다. 민간위탁을 적극적으로 검토해 주십시오.

이경호(광명 소상공인지원센터 센터장) 창업만큼 중요한 것이 살아남는 것입니다. 2~3년 안에 문을 닫는 기업이 많습니다. 폐업 원인을 조사하고 품질을 높이는 지원을 함께 해야 합니다. 정은주(광명 소비자생활협동조합 이사장) 생협 조합원들은 좋은 물건이라면 기꺼이 삽니다. 공공구매에만 기대지 말고 시민 소비자를 만나는 판로를 키워야 합니다.

한상우(광명 노동자협동조합 이사장) 협동조합 사이의 협동이 약합니다. 업종별로 모이는 자리를 시가 꾸준히 마련해 주면 좋겠습니다.

윤지혜(사회적기업 늘봄살림 대표) 미니 클러스터(mini-cluster)처럼 기업들이 한 공간에 모이면 서로 일을 나누게 됩니다. 다만 임대료 부담이 적어야 합니다.

강민석(광명 어르신돌봄센터 센터장) 돌봄 분야는 공공 예산의 영향을 크게 받습니다. 예산이 바뀌어도 버틸 수 있도록 자립 기반을 함께 만들어야 합니다.

최민호(광명YMCA 사무총장) 계획보다 과정이 중요합니다. 행정이 먼저 신뢰를 보여 주고, 실적을 위해 서두르지 않았으면 합니다.

오세라(광명 지속가능발전협의회 사무국장) 실행이 없는 계획은 빈 문서입니다. 최종보고회에는 시장과 시의원이 직접 와서 실행을 약속해 주셨으면 합니다.

문태호(광명 동네신문 편집장) 예산을 아는 사람이 참여하는 실행 전담 조직이 필요합니다. 계획이 예산서로 옮겨지는지 시민이 지켜볼 수 있게 공개해 주십시오.

배수진(광명 지역사회복지협의회 사무국장) 마을을 단위로 주민이 늘 이야기하는 자리가 있어야 합니다. 1년에 한 번 하는 공모로는 주민 조직이 자라지 않습니다.

임하늘(광명시 평생학습원 팀장) 평생학습 동아리에서 만난 시민들이 사회적경제로 이어지는 사례가 있습니다. 평생학습원과 지원센터가 함께 사람을 잇는 과정을 만들면 좋겠습니다.`;

/** Where each statement of the interim transcript goes, in order, and what kind of comment it is. */
export const INTERIM_ROUTING: { section: string; kind: CommentKind }[] = [
	{ section: 'current-state', kind: 'suggestion' },
	{ section: 'support-centre', kind: 'suggestion' },
	{ section: 'sustainability', kind: 'concern' },
	{ section: 'sustainability', kind: 'suggestion' },
	{ section: 'cooperation', kind: 'suggestion' },
	{ section: 'mini-clusters', kind: 'support' },
	{ section: 'sustainability', kind: 'concern' },
	{ section: 'overview', kind: 'concern' },
	{ section: 'implementation', kind: 'suggestion' },
	{ section: 'implementation', kind: 'suggestion' },
	{ section: 'localisation', kind: 'suggestion' },
	{ section: '', kind: 'suggestion' }
];

export const FORUM_SESSION = {
	title: '2019 광명시 사회적경제 시민토론회',
	kind: 'citizens_forum' as const,
	heldOn: '2019-06-27',
	place: '광명시민회관 소공연장',
	attendees: 100,
	notes:
		'시민 약 100명이 참석했다. 이 무렵 시에서 일하는 사회적경제 기업은 83곳이었고, 공동 브랜드를 내놓았으며, 나눔장터에 30개 기업과 약 1,000명의 방문객이 찾았다.'
};

export const FORUM_TRANSCRIPT = `장윤호(광명시 사회적경제협의회 회장) 지난 몇 년 동안 기업 수는 늘었지만 과제도 분명합니다. 참여하는 기업을 더 늘리고, 제품과 서비스의 품질을 높이고, 공공구매와 함께 다양한 마케팅을 해야 합니다.
서지민(광명시민) 나눔장터에 처음 가 봤는데 생각보다 좋은 물건이 많았습니다. 장터가 한 해에 한 번이 아니라 더 자주 열리면 좋겠습니다.
노현우(사회적기업 다솜공방 대표) 꾸준한 역량 강화 교육이 필요합니다. 업종도 돌봄과 먹거리에 몰려 있어 더 다양해져야 합니다.`;

/** Where the forum statements go (the forum discussed the plan in force then, version 1). */
export const FORUM_ROUTING: { section: string; kind: CommentKind }[] = [
	{ section: 'sustainability', kind: 'suggestion' },
	{ section: 'cooperation', kind: 'support' },
	{ section: 'sustainability', kind: 'suggestion' }
];
