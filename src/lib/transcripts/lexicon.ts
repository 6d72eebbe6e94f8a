// Word lists behind the transcript parser (parse.ts) and the stakeholder-group guess. Pure data and
// small predicates; no server imports, so the preview can use them in the browser.

/**
 * Korean family names, the most common ones first, that a Hangul speaker name must begin with.
 * The list covers well over 99% of people; a rarer name is not taken as a speaker and its statement
 * stays with the one before, where the official splits it in the preview.
 */
export const COMPOUND_SURNAMES = ['남궁', '황보', '제갈', '선우', '독고', '사공', '서문', '동방'] as const;
export const SURNAMES = new Set(
	(
		'김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 류 고 문 양 손 배 백 허 남 심 노 하 곽 성 ' +
		'차 주 우 구 민 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 ' +
		'왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 ' +
		'범 좌 팽 승 간 상 갈 단 견 당 화 창 리 림 라 로 하 시 빙 왕 뇌 묵 저 내 담 판 평 포 풍 필 학 해 혁 후 ' +
		'국 근 기 남 란 량 려 렴 매 미 삼 수 순 아 애 야 엽 영 옹 요 운 웅 점 종 증 초 춘 치 쾌 환 흥'
	).split(' ')
);

/** Characters that stand in for hidden syllables in a printed name: 김OO, 이○○, 박** . */
export const NAME_MASK = '○◯OＯ●◎*＊';

/**
 * Words shaped like a name (a family-name syllable and one to three more) that are not names.
 * Mostly role words and words that often open a sentence or a line in minutes; a candidate speaker
 * name equal to one of these is not a speaker.
 */
export const NOT_NAMES = new Set(
	(
		'이사 이사장 이사회 이번 이상 이하 이후 이제 이미 이전 이장 이름 이것 이런 이와 이어 ' +
		'정책 정부 정리 정도 정말 정보 정기 조례 조합 조합원 조사 조직 조건 조성 사회 사회자 사업 사례 사진 ' +
		'사무국 사무국장 사무처장 사무총장 사실 사람 지역 지원 지원단 지원센터 지난해 지금 지방 지난 지자체 ' +
		'기업 기관 기타 기자 기존 기본 기본계획 기획 기간 시장 시민 시의원 시청 시기 시간 주민 주무관 주최 ' +
		'주관 주요 주제 주식 국장 장소 장기 전국 전체 전략 전문가 전망 현재 현장 당시 예산 예컨대 예비 ' +
		'예를 가칭 가장 경기 경기도 경우 경제 경험 공공 공무원 공동체 공간 문제 방안 방향 방식 성과 소장 ' +
		'원장 간사 위원 위원장 위원회 연구 연구원 연구진 연구소 우리 우선 모두 모든 최근 최종 진행 안건 ' +
		'안내 여러분 여기 오늘 오후 오전 신규 상황 노인 노동 하나 하지만 하반기 상반기 구체적 구성 박사 ' +
		'선생님 반장 동장 동네 인력 인사 제도 제안 제가 제일 고민 고용 부분 부시장 부장 육성 임원 ' +
		'서울 서울시 남성 여성 한편 한국 마을 마을기업 도시 도청 구청 군청 대표 회장 팀장 과장 원래 ' +
		'결론 질문 답변 발언 토론 참석 참고 요약 비고 출처 다음 먼저 특히 또한 그리고 그래서 그런데 ' +
		'문제점 시사점 개선점 개선안 추진방향 현황 목표 배경 과제 요지 주요내용 진행자 사회자 좌장 발제자 토론자 ' +
		'질문자 질의자 답변자 청중 참석자 방청객 응답 질의 일동 이상입니다'
	).split(' ')
);

/**
 * Roles that stand for a speaker in minutes without a name: "사회자: 시작하겠습니다", "토론자 1:".
 */
export const SPEAKER_ROLES = new Set(
	(
		'사회자 좌장 진행자 발제자 토론자 질문자 질의자 답변자 청중 방청객 참석자 위원장 부위원장 간사 ' +
		'연구책임자 책임연구원 담당자 담당관 시장 부시장 시민 주민'
	).split(' ')
);

/**
 * Role and title words: an affiliation in parentheses ends one of its words with one of these
 * (광명시 사회적경제 지원센터 센터장, ○○협동조합 이사장, 광명시민).
 */
export const ROLE_WORDS = [
	'이사장',
	'이사',
	'대표',
	'센터장',
	'팀장',
	'국장',
	'사무국장',
	'사무처장',
	'사무총장',
	'처장',
	'회장',
	'위원장',
	'위원',
	'교수',
	'연구원',
	'연구위원',
	'기자',
	'주무관',
	'과장',
	'소장',
	'원장',
	'관장',
	'간사',
	'활동가',
	'시민',
	'주민',
	'의원',
	'구청장',
	'군수',
	'도지사',
	'실장',
	'본부장',
	'부장',
	'단장',
	'매니저',
	'코디네이터',
	'조합원',
	'회원',
	'박사',
	'강사',
	'담당',
	'담당자',
	'공무원',
	'직원',
	'학생',
	'대학생',
	'대학원생',
	'청년',
	'전문위원',
	'사회복지사',
	'복지사',
	'상담사',
	'통장',
	'이장',
	'부녀회장',
	'편집장',
	'총무',
	'감사',
	'고문',
	'사무장',
	'국회의원',
	'대표이사',
	'상임이사',
	'공동대표',
	'부시장',
	'선생님',
	'변호사',
	'노무사',
	'세무사',
	'회계사',
	'작가',
	'디자이너',
	'팀원',
	'연구자',
	'조정관',
	'사무관',
	'주임'
] as const;

/** Exact words that are roles only on their own (시장 is a mayor, 전통시장 a market). */
const ROLE_EXACT = ['시장'];

/** Organisation words found anywhere in an affiliation. */
export const ORGANISATION_WORDS = [
	'협동조합',
	'조합',
	'생협',
	'센터',
	'재단',
	'연구원',
	'연구소',
	'대학교',
	'대학',
	'사회적기업',
	'마을기업',
	'자활',
	'협회',
	'협의회',
	'연합회',
	'연합',
	'네트워크',
	'연대',
	'포럼',
	'의제21',
	'신문',
	'일보',
	'방송',
	'뉴스',
	'공단',
	'진흥원',
	'학습원',
	'복지관',
	'시청',
	'도청',
	'구청',
	'군청',
	'의회',
	'정부',
	'행정',
	'(주)',
	'（주）',
	'주식회사',
	'유한회사',
	'(사)',
	'（사）',
	'사단법인',
	'재단법인',
	'법인',
	'YMCA',
	'YWCA',
	'NGO',
	'NPO',
	'한살림',
	'아이쿱',
	'상인회',
	'부녀회',
	'노인회',
	'주민자치',
	'위원회',
	'추진단',
	'지원단',
	'사업단',
	'기획단',
	'언론',
	'학교',
	'회사',
	'기업',
	'공사',
	'연구회',
	'모임',
	'공동체'
] as const;

const PROVINCES = [
	'경기도',
	'강원도',
	'충청북도',
	'충청남도',
	'전라북도',
	'전라남도',
	'경상북도',
	'경상남도',
	'제주도',
	'충북',
	'충남',
	'전북',
	'전남',
	'경북',
	'경남',
	'특별자치도',
	'특별자치시',
	'특별시',
	'광역시'
];

/** Latin words of a role or organisation, for a Latin-named speaker with an English affiliation. */
const LATIN_WORDS = new Set(
	(
		'professor director ceo chair chairperson president manager researcher research fellow lecturer ' +
		'officer coordinator journalist reporter editor citizen resident activist member councillor councilor ' +
		'mayor head university institute center centre foundation cooperative co-op coop council ymca ywca ngo ' +
		'agency association network city government ministry school college office company enterprise inc ' +
		'ltd corp staff student consultant'
	).split(' ')
);

/** Words of a text, split at spaces and at punctuation that joins words in an affiliation. */
function words(text: string): string[] {
	return text.split(/[\s,·ㆍ/()（）]+/).filter(Boolean);
}

/** A word ending in a role word: 센터장, 사무국장, 광명시민, 시의원. */
export function hasRoleWord(text: string): boolean {
	return words(text).some((word) => ROLE_EXACT.includes(word) || ROLE_WORDS.some((role) => word.endsWith(role)));
}

/** Hangul syllables only, to count a word's length in syllables. */
const HANGUL_WORD = /^[가-힣]+$/;

/** An organisation or a place of government: 협동조합, 사회적경제과, 광명시, 경기도. */
export function hasOrganisationWord(text: string): boolean {
	if (ORGANISATION_WORDS.some((word) => text.includes(word))) return true;
	return words(text).some((word) => {
		if (PROVINCES.some((province) => word.endsWith(province))) return true;
		if (!HANGUL_WORD.test(word) || word.length < 3) return false;
		// A department or unit: 사회적경제과, 일자리정책과, 사회적경제팀, 복지국, 기획실, 운영본부.
		if (/(과|팀|국|실|처|본부|사업단)$/.test(word)) return true;
		// A city, county or district: 광명시, 양평군, 성북구 (but not 대도시, 공동연구, 국제기구).
		return /[시군구]$/.test(word) && !/(도시|연구|기구|도구|요구|추구|창구)$/.test(word);
	});
}

export function hasLatinRoleOrOrganisation(text: string): boolean {
	return words(text).some((word) => LATIN_WORDS.has(word.toLowerCase().replace(/[.,]+$/, '')));
}
