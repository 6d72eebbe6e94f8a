// The demo plan, version 1: the interim draft. Written for this project from the context in
// PRODUCT.md (not a copy of any real document); plan-revision-content.ts holds version 2.
import type { SectionInput } from '$lib/server/plan-text/plans';

export const DEMO_PLAN = {
	slug: 'gwangmyeong-social-economy',
	title: '광명시 사회적경제 기본계획 (2016~2020)',
	organisation: '광명시 일자리정책과 · 사회적경제 연구진',
	summary:
		'광명시가 앞으로 5년 동안 사회적기업, 협동조합, 마을기업과 함께 만들어 갈 사회적경제의 방향과 실행 과제를 담은 기본계획입니다. 연구진이 작성한 초안을 이해관계자와 시민이 함께 읽고 의견을 나눕니다.'
};

export const overview: SectionInput = {
	key: 'overview',
	heading: '계획의 개요',
	parentKey: null,
	body: `## 수립 배경

광명시는 조례를 만들어 사회적기업, 협동조합, 마을기업, 자활기업을 지원해 왔지만, 지원은 사업마다 흩어져 있었고 기업들 사이의 협력도 아직 약합니다. 같은 골목에서 일하는 기업들이 서로를 모르는 경우도 많습니다.

이 계획은 앞으로 5년 동안 시가 무엇을 먼저 하고, 누구와 함께 하며, 어떻게 점검할지를 한 문서에 정리하려는 것입니다.

## 계획의 범위

- **기간**: 2016년부터 2020년까지 5년
- **공간**: 광명시 전역
- **대상**: 사회적기업(예비 포함), 협동조합, 마을기업, 자활기업과 이를 돕는 중간지원조직

이 문서는 연구진이 쓴 **중간보고 초안**입니다. 이해관계자의 의견을 들은 뒤 수정안을 만들고, 최종보고회에서 확정합니다.`
};

/** The vision and the three goals, which version 2 keeps as they stand. */
export const visionAndGoals = `## 비전

> 서로 돕는 경제, 함께 사는 광명

## 3대 목표

1. 사회적경제 기업이 **오래 살아남는** 지역 생태계를 만든다.
2. 시민이 일상에서 사회적경제를 만나고 **직접 참여**하게 한다.
3. 행정과 민간이 **함께 결정하고 함께 책임지는** 구조를 세운다.`;

export const visionV1: SectionInput = {
	key: 'vision',
	heading: '비전과 목표',
	parentKey: null,
	body: `${visionAndGoals}

비전은 구호에 그치지 않도록 각 목표마다 성과지표를 두고 해마다 점검합니다.`
};

export const currentStateV1: SectionInput = {
	key: 'current-state',
	heading: '광명시 사회적경제 현황',
	parentKey: null,
	body: `## 기업 현황

2014년 말 기준 광명시에는 사회적기업(예비 포함), 협동조합, 마을기업, 자활기업을 합쳐 약 50개의 사회적경제 기업이 있습니다. 절반가량이 설립 3년 미만이며, 돌봄·청소·식품 분야에 몰려 있습니다.

## 드러난 과제

- 대부분 종사자 10명 이하의 작은 규모이고, 매출의 상당 부분을 **공공기관 구매**에 기대고 있습니다.
- 시의 사회적경제 지원 업무는 **담당 공무원 1명**이 맡고 있어, 상담과 교육을 꾸준히 하기 어렵습니다.
- 기업 간 네트워크는 만들어지기 시작한 단계입니다.

## 강점

광명시는 평생학습도시로 오랫동안 시민 학습 모임을 키워 왔고, 생활협동조합 조합원 활동도 활발합니다. 이는 사회적경제가 뿌리내릴 수 있는 중요한 자산입니다.`
};

export const strategyChapter: SectionInput = {
	key: 'strategy',
	heading: '추진 전략',
	parentKey: null,
	body: `이 계획은 세 가지 전략을 축으로 삼습니다. **민관 거버넌스**로 결정 구조를 함께 만들고, **지역화**로 사회적경제를 마을 속에 뿌리내리며, **협동 촉진**으로 기업과 주민이 서로 기대어 설 수 있게 합니다.

세 전략은 따로 움직이지 않습니다. 거버넌스가 방향을 정하면, 지역화와 협동 촉진이 그 방향을 현장에서 실천합니다.`
};

export const governanceV1: SectionInput = {
	key: 'governance',
	heading: '전략 1. 민관 거버넌스 구축',
	parentKey: 'strategy',
	body: `## 사회적경제위원회

시장이 위원장을 맡고 사회적경제 기업, 시민사회, 전문가가 참여하는 **사회적경제위원회**를 구성합니다. 위원회는 연 2회 열려 기본계획과 연차별 시행계획을 심의합니다.

## 민관 실무협의회

위원회 아래에 담당 부서와 당사자 조직이 함께하는 실무협의회를 두고, 분기마다 사업 추진 상황을 공유합니다.

## 기대 효과

정책을 행정이 혼자 정하고 민간은 지원만 받는 관계에서 벗어나, 과제를 함께 정하고 결과를 함께 점검하는 관계로 바꾸어 나갑니다.`
};

export const localisationV1: SectionInput = {
	key: 'localisation',
	heading: '전략 2. 지역화: 마을에 뿌리내리는 사회적경제',
	parentKey: 'strategy',
	body: `## 동 단위 사회적경제 발굴

동마다 주민이 필요로 하는 돌봄, 먹거리, 주거 수선 같은 일을 찾아 사회적경제 방식으로 풀 수 있는지 검토합니다.

## 주민 제안 공모

해마다 한 번 **마을 사회적경제 아이디어 공모**를 열어, 선정된 주민 모임에 창업 준비 자금과 교육을 지원합니다.`
};

export const cooperationV1: SectionInput = {
	key: 'cooperation',
	heading: '전략 3. 협동 촉진과 네트워크',
	parentKey: 'strategy',
	body: `## 기업 간 협업

업종이 비슷하거나 서로 보완하는 기업들이 공동으로 구매하고, 함께 판매하고, 인력을 나누어 쓸 수 있도록 업종별 협의회를 지원합니다.

## 공동 브랜드

광명의 사회적경제 제품과 서비스를 시민이 한눈에 알아볼 수 있도록 공동 브랜드를 만들고, 공동 판매장과 나눔장터를 엽니다.

## 협동조합 간 협동

생활협동조합, 노동자협동조합, 사회적협동조합이 서로의 조합원과 판로를 잇는 협동조합 협의회를 꾸립니다.`
};

export const miniClustersV1: SectionInput = {
	key: 'mini-clusters',
	heading: '사회적경제 미니 클러스터 조성',
	parentKey: null,
	body: `## 개념

**미니 클러스터**는 여러 사회적경제 기업이 한 공간에 모여 일하면서 회의실, 창고, 판매 공간을 함께 쓰는 작은 거점입니다. 가까이 있으면 자주 만나고, 자주 만나면 믿음이 쌓이고, 믿음이 쌓이면 협업이 생깁니다.

## 조성 계획

- 2017년까지 구도심과 신도심에 각 1곳씩 **시범 클러스터 2곳**을 조성합니다.
- 공공 유휴공간을 우선 활용해 임대료 부담을 낮춥니다.
- 입주 기업은 공모로 정하고, 3년마다 다시 심사합니다.`
};

export const supportCentreV1: SectionInput = {
	key: 'support-centre',
	heading: '사회적경제 지원센터 운영',
	parentKey: null,
	body: `## 현재

현재 지원 업무는 시청 담당 부서 안에서 이루어지며, 전담 인력은 1명입니다.

## 개선 방향

- 2016년에 전담 인력을 **2명**으로 늘립니다.
- 당분간 **시 직영**으로 운영하면서 상담, 교육, 판로 연결 기능을 갖추고, 운영 방식은 중장기적으로 검토합니다.
- 창업 상담과 경영 컨설팅은 외부 전문기관과 연계합니다.`
};

export const sustainabilityV1: SectionInput = {
	key: 'sustainability',
	heading: '기업의 지속가능성 강화',
	parentKey: null,
	body: `## 창업 지원

예비 창업팀을 발굴해 교육, 공간, 초기 자금을 묶어서 지원하는 **창업 지원 프로그램**을 해마다 운영합니다.

## 판로 지원

- 시와 산하기관의 **공공구매** 목표 비율을 정하고 실적을 공개합니다.
- 온라인 판매와 지역 행사 참여를 돕습니다.`
};

const indicatorsV1: SectionInput = {
	key: 'indicators',
	heading: '성과지표',
	parentKey: null,
	body: `| 지표 | 2014년 | 2020년 목표 |
| --- | --- | --- |
| 사회적경제 기업 수 | 약 50개 | 100개 |
| 사회적경제 기업 종사자 수 | 약 600명 | 1,200명 |
| 공공구매 비율 | 집계 안 됨 | 5% |

지표는 해마다 집계해 사회적경제위원회에 보고합니다.`
};

export const implementationV1: SectionInput = {
	key: 'implementation',
	heading: '실행 체계와 재원',
	parentKey: null,
	body: `## 연차별 시행계획

기본계획을 바탕으로 해마다 시행계획을 세우고 예산에 반영합니다.

## 재원

5년 동안 시비와 국·도비를 합쳐 사업비를 마련합니다. 세부 규모는 최종보고에서 제시합니다.`
};

/** The interim draft discussed at the interim report meeting (version 1). */
export const interimDraft: SectionInput[] = [
	overview,
	visionV1,
	currentStateV1,
	strategyChapter,
	governanceV1,
	localisationV1,
	cooperationV1,
	miniClustersV1,
	supportCentreV1,
	sustainabilityV1,
	indicatorsV1,
	implementationV1
];
