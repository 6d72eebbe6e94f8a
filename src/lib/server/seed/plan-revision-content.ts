// The demo plan, version 2: the revision that answers the commentary on the interim draft
// (plan-content.ts). Sections it keeps or builds on come from version 1.
import type { SectionInput } from '$lib/server/plan-text/plans';
import {
	cooperationV1,
	currentStateV1,
	governanceV1,
	implementationV1,
	localisationV1,
	miniClustersV1,
	overview,
	strategyChapter,
	supportCentreV1,
	sustainabilityV1,
	visionAndGoals,
	visionV1
} from './plan-content';

const visionV2: SectionInput = {
	...visionV1,
	body: `${visionAndGoals}

## 성과지표 (2020년)

| 지표 | 2014년 | 2020년 목표 |
| --- | --- | --- |
| 사회적경제 기업 수 | 약 50개 | 100개 |
| 설립 3년 뒤에도 운영 중인 기업 비율 | 조사 예정 | 80% |
| 공공구매 외 매출 비중 | 조사 예정 | 60% |

기업 수만 늘리는 대신, 기업이 **얼마나 오래, 얼마나 자립해서** 일하는지를 함께 봅니다.`
};

const currentStateV2: SectionInput = {
	...currentStateV1,
	body: `## 기업 현황

2014년 말 기준 광명시에는 사회적기업(예비 포함), 협동조합, 마을기업, 자활기업을 합쳐 약 50개의 사회적경제 기업이 있습니다. 절반가량이 설립 3년 미만이며, 돌봄·청소·식품 분야에 몰려 있습니다.

## 드러난 과제

- 대부분 종사자 10명 이하의 작은 규모이고, 매출의 상당 부분을 **공공기관 구매**에 기대고 있습니다.
- 시의 사회적경제 지원 업무는 **담당 공무원 1명**이 맡고 있어, 상담과 교육을 꾸준히 하기 어렵습니다.
- 문을 닫는 기업이 적지 않지만, **왜 문을 닫는지** 조사된 적이 없습니다.

## 경기도와 서울의 사례

서울의 자치구 사례와 함께, 광명과 규모가 비슷한 **경기도 시·군의 사례**를 나란히 살펴봅니다. 중간지원조직을 민간에 맡긴 곳과 직영하는 곳, 거점 공간을 먼저 만든 곳과 네트워크를 먼저 만든 곳을 비교해 광명에 맞는 순서를 찾습니다.

## 강점

광명시는 평생학습도시로 오랫동안 시민 학습 모임을 키워 왔고, 생활협동조합 조합원 활동도 활발합니다. 이는 사회적경제가 뿌리내릴 수 있는 중요한 자산입니다.`
};

const governanceV2: SectionInput = {
	...governanceV1,
	body: `## 사회적경제위원회

시장이 위원장을 맡고 사회적경제 기업, 시민사회, 전문가가 참여하는 **사회적경제위원회**를 구성합니다. 위원회는 연 2회 열려 기본계획과 연차별 시행계획을 심의하고, 심의 결과와 회의록을 공개합니다.

## 민관 실무협의회

위원회 아래에 담당 부서와 당사자 조직이 함께하는 실무협의회를 두고, 매달 사업 추진 상황을 공유합니다. 협의회의 민간 위원은 당사자 조직이 스스로 추천합니다.

## 행정이 먼저 보이는 신뢰

거버넌스는 제도보다 신뢰에서 시작합니다. 시는 예산과 사업 계획을 초안 단계부터 공개하고, 민간의 제안을 어떻게 처리했는지 하나하나 답합니다.`
};

const localisationV2: SectionInput = {
	...localisationV1,
	body: `## 마을을 기본 단위로

사회적경제는 **마을**에서 시작합니다. 동마다 주민이 필요로 하는 돌봄, 먹거리, 주거 수선 같은 일을 찾아 사회적경제 방식으로 풀 수 있는지 주민과 함께 검토합니다.

## 일상의 주민 모임

해마다 한 번 여는 공모 대신, 동마다 **주민 모임이 상시로 사회적경제를 이야기하는 자리**를 둡니다. 공모는 이 모임에서 무르익은 제안을 뒷받침하는 통로로 씁니다.

## 협동조합을 주민 조직의 바탕으로

생활협동조합과 마을 협동조합의 조합원 모임을 주민 조직의 출발점으로 삼아, 이미 있는 관계 위에서 새 일을 시작합니다.`
};

const miniClustersV2: SectionInput = {
	...miniClustersV1,
	parentKey: 'strategy',
	body: `## 개념

**미니 클러스터**는 여러 사회적경제 기업이 한 공간에 모여 일하면서 회의실, 창고, 판매 공간을 함께 쓰는 작은 거점입니다. 가까이 있으면 자주 만나고, 자주 만나면 믿음이 쌓이고, 믿음이 쌓이면 협업이 생깁니다.

## 조성 계획

- 2017년까지 구도심과 신도심에 각 1곳씩 **시범 클러스터 2곳**을 조성합니다.
- 공공 유휴공간을 우선 활용해 임대료 부담을 낮춥니다.
- 첫 번째 클러스터에는 **사회적경제 지원센터**가 함께 입주해, 기업과 시민이 시청을 찾지 않고도 센터를 만날 수 있게 합니다.
- 입주 기업은 공모로 정하고, 3년마다 다시 심사합니다.`
};

const supportCentreV2: SectionInput = {
	...supportCentreV1,
	body: `## 현재

현재 지원 업무는 시청 담당 부서 안에서 이루어지며, 전담 인력은 1명입니다. 한 사람이 상담, 교육, 행정을 모두 맡는 구조로는 기업 곁에 머물 수 없습니다.

## 개선 방향

- 2016년 하반기에 지원센터를 **민간위탁**으로 전환해, 현장을 잘 아는 민간 조직이 자율적으로 운영하게 합니다.
- 전담 인력을 단계적으로 **5명**까지 늘리고, 상담·교육·판로·네트워크 담당을 나눕니다.
- 센터는 시청을 떠나 **첫 번째 미니 클러스터**에 자리 잡습니다.
- 위탁 운영기관은 사회적경제위원회에 해마다 운영 결과를 보고합니다.`
};

const sustainabilityV2: SectionInput = {
	...sustainabilityV1,
	body: `## 있는 기업부터 살린다

새 기업을 늘리는 것만큼 **지금 있는 기업이 살아남는 것**이 중요합니다. 2016년에 문을 닫은 기업과 어려움을 겪는 기업을 대상으로 **폐업 실태조사**를 하고, 그 결과를 지원 방식에 반영합니다.

## 품질과 자립

- 제품과 서비스의 **품질 향상**을 위한 업종별 컨설팅과 공동 인증을 지원합니다.
- 공공구매는 출발점일 뿐입니다. 시민 소비자와 민간 시장에서 팔 수 있도록 마케팅과 유통을 함께 키워 **공공구매 의존을 줄입니다**.

## 창업 지원

예비 창업팀에는 교육, 공간, 초기 자금을 묶어서 지원하되, 창업 뒤 3년 동안 경영 상담을 이어 갑니다.`
};

const implementationV2: SectionInput = {
	...implementationV1,
	body: `## 실행 전담 조직

계획이 실행되지 않으면 빈 문서입니다. 시는 관련 부서와 민간 위원, **예산 전문가**가 함께하는 **실행 전담 TF**를 꾸려 연차별 시행계획과 예산안을 함께 만듭니다.

## 시장과 시의회의 약속

최종보고회에는 시장과 시의회 의원이 직접 참석해 계획의 실행을 약속하고, 그 약속을 기록으로 남깁니다.

## 연차 점검

해마다 성과지표와 예산 집행 결과를 사회적경제위원회에 보고하고 시민에게 공개합니다.

## 재원

5년 동안 시비와 국·도비를 합쳐 사업비를 마련하며, 연차별 규모는 시행계획에 담습니다.`
};

const lifelongLearning: SectionInput = {
	key: 'lifelong-learning',
	heading: '평생학습과 사람 잇기',
	parentKey: 'strategy',
	body: `## 평생학습도시의 강점 살리기

광명시가 오래 가꿔 온 평생학습 기반을 사회적경제의 사람 잇기에 씁니다. **평생학습원**의 학습 동아리와 강좌를 통해 사회적경제를 처음 만나는 시민이 자연스럽게 모임과 기업으로 이어지게 합니다.

## 함께 배우는 과정

- 사회적경제 입문 과정과 협동조합 설립 과정을 평생학습 강좌로 엽니다.
- 수료생 모임이 마을 사회적경제 모임으로 이어지도록 지원센터가 연결합니다.`
};

const deliberation: SectionInput = {
	key: 'deliberation',
	heading: '계획을 함께 만드는 과정',
	parentKey: null,
	body: `## 문서보다 과정

이 계획은 결과 문서보다 **함께 만드는 과정**을 더 중요하게 여깁니다. 행정 실적을 위해 서두르지 않고, 이해관계자가 충분히 이야기할 시간을 둡니다.

## 의견에 답하기

중간보고회와 이 플랫폼에서 나온 모든 의견에 **반영 여부와 그 이유**를 답하고, 어떤 의견이 계획의 어느 부분을 바꾸었는지 공개합니다.`
};

/** The revision that answers the interim report meeting (version 2). */
export const revisedDraft: SectionInput[] = [
	overview,
	visionV2,
	currentStateV2,
	deliberation,
	strategyChapter,
	governanceV2,
	localisationV2,
	cooperationV1,
	lifelongLearning,
	miniClustersV2,
	supportCentreV2,
	sustainabilityV2,
	implementationV2
];

export const REVISION_SUMMARY =
	'중간보고회 의견을 반영한 수정안입니다. 지원센터의 민간위탁과 인력 확충, 폐업 실태조사와 자립 지원, 예산 전문가가 참여하는 실행 전담 TF, 마을 단위 상시 주민 모임, 평생학습 연계, 경기도 사례 비교를 더했고, 성과지표는 비전과 목표 장으로 옮겼습니다.';
