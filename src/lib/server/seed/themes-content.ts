// The starting theme taxonomy from PRODUCT.md; researchers edit it in the app.
export const DEMO_THEMES = [
	{
		slug: 'governance',
		labelKo: '거버넌스',
		labelEn: 'Governance',
		color: '#1d4ed8',
		description: '행정과 민간이 함께 정하고 함께 책임지는 구조: 위원회, 협의회, 권한과 역할.',
		keywords: ['거버넌스', '민관', '위원회', '협의회', '협치']
	},
	{
		slug: 'mini-clusters',
		labelKo: '미니 클러스터',
		labelEn: 'Mini-clusters',
		color: '#7c3aed',
		description: '기업이 한곳에 모여 공간을 나누고 신뢰를 쌓는 거점.',
		keywords: ['미니 클러스터', '클러스터', '거점', '공유 공간', '입주']
	},
	{
		slug: 'sustainability',
		labelKo: '지속가능성',
		labelEn: 'Sustainability',
		color: '#047857',
		description: '기업이 오래 살아남는 것: 폐업, 자립, 경영 안정.',
		keywords: ['지속가능', '폐업', '자립', '살아남', '생존']
	},
	{
		slug: 'support-centre',
		labelKo: '중간지원조직',
		labelEn: 'Support centre / intermediary',
		color: '#b45309',
		description: '사회적경제 지원센터와 중간지원조직의 역할과 운영 방식.',
		keywords: ['지원센터', '중간지원', '센터', '민간위탁', '위탁']
	},
	{
		slug: 'staffing',
		labelKo: '조직과 인력',
		labelEn: 'Organisation and staffing',
		color: '#be123c',
		description: '담당 조직과 사람: 인력 규모, 전문성, 전담 부서.',
		keywords: ['인력', '1명', '전담', '담당자', '조직']
	},
	{
		slug: 'implementation',
		labelKo: '실행력과 예산',
		labelEn: 'Implementation and budget',
		color: '#0f766e',
		description: '계획이 실제로 실행되는지: 예산, 전담 TF, 시장과 의회의 약속.',
		keywords: ['실행', '예산', 'TF', '집행', '시의회']
	},
	{
		slug: 'localisation',
		labelKo: '지역화와 마을',
		labelEn: 'Localisation and villages',
		color: '#4d7c0f',
		description: '마을을 단위로 한 사회적경제, 주민 모임과 동 단위 활동.',
		keywords: ['마을', '주민', '지역화', '동 단위', '주민 모임']
	},
	{
		slug: 'trust-process',
		labelKo: '신뢰와 과정',
		labelEn: 'Trust and process',
		color: '#9333ea',
		description: '숙의 과정, 행정과 민간의 신뢰, 서두르지 않는 계획 수립.',
		keywords: ['신뢰', '과정', '숙의', '서두르', '소통']
	},
	{
		slug: 'lifelong-learning',
		labelKo: '평생학습과 네트워크',
		labelEn: 'Lifelong learning and networks',
		color: '#0369a1',
		description: '평생학습 기반과 사람을 잇는 네트워크.',
		keywords: ['평생학습', '학습', '교육', '네트워크', '동아리']
	},
	{
		slug: 'markets',
		labelKo: '판로·품질·공공구매',
		labelEn: 'Markets, quality and procurement',
		color: '#c2410c',
		description: '판로 개척, 제품과 서비스의 품질, 공공구매.',
		keywords: ['판로', '품질', '공공구매', '마케팅', '매출']
	},
	{
		slug: 'cooperatives',
		labelKo: '협동조합과 생협',
		labelEn: 'Cooperatives',
		color: '#a16207',
		description: '협동조합과 생활협동조합, 조합원 조직.',
		keywords: ['협동조합', '생협', '조합원', '생활협동조합', '협동']
	}
] as const;
