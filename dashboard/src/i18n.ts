// Interface strings in Korean and English, and names in the chosen language.
import { store } from "./state";

const STRINGS = {
  network: ["네트워크", "Network map"],
  concentration: ["집중도", "Concentration"],
  coordinators: ["과중 위원", "Coordinators"],
  bodies: ["위원회", "Bodies"],
  dataset: ["데이터셋", "Dataset"],
  apiKey: ["API 키", "API key"],
  save: ["저장", "Save"],
  search: ["이름 검색…", "Search a name…"],
  mode: ["네트워크 종류", "Network"],
  twoMode: ["사람–위원회", "People and bodies"],
  persons: ["사람 (공동 위원)", "People (co-members)"],
  bodiesMode: ["위원회 (공유 위원)", "Bodies (shared members)"],
  sizeBy: ["크기", "Size by"],
  colourBy: ["색", "Colour by"],
  seats: ["의석 수", "Seats"],
  betweenness: ["매개 중심성", "Betweenness"],
  community: ["커뮤니티", "Community"],
  bodyType: ["위원회 유형", "Body type"],
  asOf: ["기준일", "As of"],
  allDates: ["전체 기간", "All dates"],
  bodyTypes: ["위원회 유형", "Body types"],
  minSeats: ["최소 의석 수", "Minimum seats"],
  minDegree: ["최소 연결 수", "Minimum degree"],
  export: ["내보내기", "Export"],
  nodes: ["노드", "nodes"],
  edges: ["연결", "edges"],
  shown: ["표시", "shown"],
  layout: ["배치", "Layout"],
  running: ["계산 중", "running"],
  stopped: ["정지", "stopped"],
  exact: ["정확", "exact"],
  estimated: ["추정", "estimated"],
  memberships: ["소속", "Memberships"],
  members: ["위원", "Members"],
  role: ["역할", "Role"],
  category: ["구분", "Category"],
  dates: ["기간", "Dates"],
  sources: ["출처", "Sources"],
  confidence: ["신뢰도", "Confidence"],
  close: ["닫기", "Close"],
  peopleByBodies: ["참여 위원회 수별 인원", "People by number of bodies"],
  bodiesCount: ["위원회 수", "Bodies"],
  people: ["인원", "People"],
  totalPeople: ["총 인원", "People"],
  totalSeats: ["총 의석", "Seats"],
  gini: ["지니 계수", "Gini"],
  topShare: ["상위 점유율", "Top shares"],
  overall: ["전체", "Overall"],
  minScore: ["부하 점수 기준", "Score threshold"],
  minBodies: ["위원회 수 기준", "Bodies threshold"],
  weights: ["역할 가중치", "Role weights"],
  onlyFlagged: ["기준 초과만", "Flagged only"],
  apply: ["적용", "Apply"],
  downloadCsv: ["CSV 내려받기", "Download CSV"],
  name: ["이름", "Name"],
  score: ["점수", "Score"],
  leading: ["위원장 등", "Leading"],
  reasons: ["사유", "Reasons"],
  seatsHeld: ["의석", "Seats held"],
  chair: ["위원장", "Chair"],
  parent: ["상위 위원회", "Parent"],
  children: ["하위 위원회", "Sub-bodies"],
  leadDepartment: ["주관 부서", "Lead department"],
  capacity: ["정원", "Capacity"],
  attendanceByMeeting: ["회의별 출석률", "Attendance per meeting"],
  attendanceByCategory: ["위원 구분별 출석률", "Attendance per member category"],
  noAttendance: ["기록된 출석 없음", "No attendance recorded"],
  loading: ["불러오는 중…", "Loading…"],
  openBody: ["위원회 보기", "Open body view"],
  pseudonym: ["가명", "pseudonym"],
  flagged: ["기준 초과", "flagged"],
  parties: ["정당", "Parties"],
  liveUpdated: ["데이터가 바뀌어 화면을 새로 고쳤습니다", "The data changed; this view was updated"],
  appointmentCheck: ["위촉 전 점검", "Appointment check"],
  checkPerson: ["사람", "Person"],
  checkBody: ["위원회", "Body"],
  checkFrom: ["시작일", "From"],
  checkRun: ["점검", "Check"],
  loadBeforeAfter: ["부하 점수 (전 → 후)", "Load score (before → after)"],
  bodiesBeforeAfter: ["위원회 수 (전 → 후)", "Bodies (before → after)"],
  thresholdsCrossed: ["넘게 되는 기준", "Thresholds crossed"],
  noThresholdCrossed: ["넘게 되는 기준 없음", "No threshold crossed"],
  overlappingSeats: ["겹치는 같은 위원회 임기", "Overlapping seats in the same body"],
  bodyOverlapGrowth: ["다른 위원회와 겹치는 위원 수 (전 → 후)", "Members shared with other bodies (before → after)"],
  acceptable: ["등록 가능", "Would be accepted"],
  refused: ["등록 불가", "Would be refused"],
  alreadyAbove: ["이미 기준 초과", "Already above a threshold"],
  // The dashboard as people use it: large networks, search, legends, errors, state.
  title: ["govgraph 대시보드", "govgraph dashboard"],
  skipToMain: ["본문으로 건너뛰기", "Skip to the content"],
  views: ["보기", "Views"],
  language: ["언어", "Language"],
  apiDocs: ["API 문서", "API docs"],
  filtersPanel: ["필터와 설정", "Filters and settings"],
  hidePanel: ["패널 접기", "Hide panel"],
  showPanel: ["패널 펼치기", "Show panel"],
  mapLabel: ["네트워크 지도 (표로 보기는 아래 표를 여세요)", "Network map (a table of the drawn nodes is below)"],
  cutStatus: ["연결 수가 많은 순으로 {shown}개만 표시 (전체 {total}개 노드, {edges}개 연결; 서버 상한 {cap})",
    "{shown} nodes of highest degree drawn (of {total} nodes, {edges} edges; server cap {cap})"],
  wholeStatus: ["전체 네트워크 표시: {nodes}개 노드, {edges}개 연결", "Whole network drawn: {nodes} nodes, {edges} edges"],
  filteredStatus: ["필터 적용 후 {nodes}개 노드, {edges}개 연결 표시", "{nodes} nodes and {edges} edges shown after filters"],
  showMore: ["더 보기 ({n}개까지)", "Show more (up to {n})"],
  atServerCap: ["서버 상한({cap})에 도달: GOVGRAPH_NETWORK_MAX_NODES로 올릴 수 있습니다", "At the server's cap ({cap}): GOVGRAPH_NETWORK_MAX_NODES raises it"],
  metricsWhole: ["매개 중심성({method})과 커뮤니티: 전체 네트워크({n}개 노드)에서 계산", "Betweenness ({method}) and communities: computed on the whole network ({n} nodes)"],
  metricsShown: ["매개 중심성({method})과 커뮤니티: 표시된 {n}개 노드에서만 계산", "Betweenness ({method}) and communities: computed on the {n} drawn nodes only"],
  maxNodesOutOfRange: ["?maxNodes={asked}은(는) 허용 범위(1–{cap}) 밖입니다: {cap}개로 그립니다", "?maxNodes={asked} is outside what this server allows (1–{cap}): drawing {cap}"],
  focus: ["초점", "Focus"],
  wholeNetwork: ["전체 네트워크", "Whole network"],
  neighbourhood: ["이웃 보기", "Show neighbourhood"],
  depth: ["깊이", "Depth"],
  egoStatus: ["{name}의 이웃 (깊이 {depth}): {nodes}개 노드, {edges}개 연결", "Neighbourhood of {name} (depth {depth}): {nodes} nodes, {edges} edges"],
  backToWhole: ["전체 네트워크로", "Back to the whole network"],
  communityFocus: ["커뮤니티 {n}만 보기", "Only community {n}"],
  allCommunities: ["모든 커뮤니티", "All communities"],
  legendColour: ["색 범례", "Colour legend"],
  legendSize: ["크기 범례", "Size legend"],
  sizeSmall: ["작음", "small"],
  sizeLarge: ["큼", "large"],
  otherType: ["기타", "Other"],
  noCommunity: ["커뮤니티 없음", "No community"],
  minWeight: ["최소 공동 위원회 수", "Minimum shared bodies"],
  table: ["표로 보기", "Table of drawn nodes"],
  kind: ["종류", "Kind"],
  degree: ["연결 수", "Degree"],
  person: ["사람", "Person"],
  body: ["위원회", "Body"],
  picture: ["그림", "Picture"],
  noResults: ["검색 결과 없음", "No results"],
  namesHidden: ["현재 접근 수준에서는 공인이 아닌 사람의 이름이 가려집니다 (가명으로 검색하세요)",
    "Names of non-public people are hidden at your access level (search their pseudonyms)"],
  notDrawn: ["지도 밖", "not drawn"],
  notFoundBody: ["위원회 '{id}'을(를) 찾을 수 없습니다", "No body '{id}' was found"],
  notFoundHint: ["목록에서 위원회를 고르세요", "Choose a body from the list"],
  disabledPopolo: ["Popolo 내보내기는 analyst 이상 역할만 쓸 수 있습니다 (API 키 필요)", "Popolo export needs the analyst role or above (an API key)"],
  role_: ["역할", "Role"],
  yourRole: ["접근 수준", "Access"],
  sortBy: ["정렬", "Sort by"],
  dateControl: ["기준일 (비우면 전체 기간)", "As of (empty: all dates)"],
  shownOf: ["{shown}명 표시 (전체 {total}명)", "{shown} shown of {total}"],
  weightOf: ["가중치 {w}", "weight {w}"],
  reasonScore: ["부하 점수 {score}이(가) 기준 {min} 이상", "load score {score} is at or above {min}"],
  reasonBodies: ["{n}개 위원회 참여 (기준 {min})", "sits in {n} bodies (threshold {min})"],
  reasonLeads: ["{n}곳을 이끎: {list}", "leads {n}: {list}"],
  topN: ["상위 {n}%", "top {n} %"],
  errorTitle: ["오류", "Error"],
  chartBuckets: ["참여 위원회 수별 인원 막대그래프", "Bar chart of people by number of bodies"],
  chartMeetings: ["회의별 출석률 막대그래프", "Bar chart of attendance per meeting"],
  chartCategories: ["위원 구분별 출석률 막대그래프", "Bar chart of attendance per member category"],
  overlapsTitle: ["함께 앉은 정당", "Parties sitting together"],
  overlapsNote: ["{day} 기준, 의회와 그 하위 위원회마다 의원이 함께 앉은 정당 쌍과 각 정당의 의원 수.",
    "On {day}, for the legislature and each of its committees: every pair of parties whose members sit on it together, with how many of each."],
  overlapsBody: ["기관", "Body"],
  overlapsParty: ["정당", "Party"],
  overlapsOther: ["다른 정당", "Other party"],
  overlapsMembers: ["의원 수", "Members"],
  overlapsNone: ["이 날 함께 앉은 정당이 없습니다.", "No two parties sit together on that day."],
} as const;

export type StringKey = keyof typeof STRINGS;

/** The interface string ``key`` in the current language, ``{name}`` filled from ``values``. */
export function t(key: StringKey, values: Record<string, string | number> = {}): string {
  const text: string = STRINGS[key][store.state.lang === "ko" ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    return value === undefined ? `{${name}}` : typeof value === "number" ? num(value) : value;
  });
}

/** A number formatted for the chosen language (grouping, decimals). */
export function num(value: number, digits?: number): string {
  return value.toLocaleString(store.state.lang === "ko" ? "ko-KR" : "en-GB",
    digits === undefined ? { maximumFractionDigits: 3 } : { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A name in the current language: the English name where there is one, else the original. */
export function named(name: string, nameEn?: string | null): string {
  return store.state.lang === "en" && nameEn ? nameEn : name;
}

/** The original name with the English one beside it, for headings and panels. */
export function bothNames(name: string, nameEn?: string | null): string {
  return nameEn && nameEn !== name ? `${name} · ${nameEn}` : name;
}

const BODY_TYPES: Record<string, [string, string]> = {
  council: ["협의회", "Council"],
  steering_committee: ["운영위원회", "Steering committee"],
  subcommittee: ["분과", "Subcommittee"],
  working_group: ["실무 그룹", "Working group"],
  task_force: ["TF", "Task force"],
};

/** A body classification as words. */
export function bodyType(classification: string | null | undefined): string {
  if (!classification) return "–";
  const words = BODY_TYPES[classification];
  return words ? words[store.state.lang === "ko" ? 0 : 1] : classification.replace(/_/g, " ");
}

BODY_TYPES.other = ["기타", "Other"];

const ROLES: Record<string, [string, string]> = {
  chair: ["위원장", "chair"], co_chair: ["공동위원장", "co-chair"], vice_chair: ["부위원장", "vice-chair"],
  leader: ["팀장", "leader"], secretary: ["간사", "secretary"], coordinator: ["코디네이터", "coordinator"],
  facilitator: ["퍼실리테이터", "facilitator"], member: ["위원", "member"], expert: ["전문가", "expert"],
  official: ["공무원", "official"], advisor: ["자문", "advisor"], observer: ["참관", "observer"],
};

/** A membership role in the chosen language (unknown roles as written, underscores as spaces). */
export function roleName(role: string | null | undefined): string {
  if (!role) return "–";
  const words = ROLES[role];
  return words ? words[store.state.lang === "ko" ? 0 : 1] : role.replace(/_/g, " ");
}

const CATEGORIES: Record<string, [string, string]> = {
  private: ["민간", "private"], appointed_private: ["위촉 민간", "appointed (private)"], official: ["공무원", "official"],
  ex_officio: ["당연직", "ex officio"], appointed_councillor: ["위촉 의원", "appointed councillor"],
  private_citizen: ["시민", "private citizen"], public_official: ["공무원", "public official"],
  elected_councillor: ["의원", "elected councillor"], appointed: ["위촉", "appointed"], citizen: ["시민", "citizen"],
  expert: ["전문가", "expert"],
};

/** A person's or member's category in the chosen language. */
export function categoryName(category: string | null | undefined): string {
  if (!category) return "–";
  const words = CATEGORIES[category];
  return words ? words[store.state.lang === "ko" ? 0 : 1] : category.replace(/_/g, " ");
}

const CONFIDENCE: Record<string, [string, string]> = { stated: ["명시", "stated"], inferred: ["추론", "inferred"] };

export function confidenceName(value: string): string {
  const words = CONFIDENCE[value.toLowerCase()];
  return words ? words[store.state.lang === "ko" ? 0 : 1] : value.toLowerCase();
}

const ERRORS: Record<string, [string, string]> = {
  BAD_USER_INPUT: ["요청 값이 허용 범위를 벗어났습니다", "A value in the request is out of range"],
  NOT_FOUND: ["찾을 수 없습니다", "Not found"],
  FORBIDDEN: ["이 역할로는 할 수 없는 작업입니다", "Your role may not do this"],
  UNAUTHENTICATED: ["API 키가 필요하거나 올바르지 않습니다", "An API key is needed, or the one given is wrong"],
  QUERY_TOO_COMPLEX: ["요청이 너무 큽니다", "The request asks for too much"],
  RESPONSE_TOO_LARGE: ["응답이 너무 큽니다", "The answer is too large"],
  TIMEOUT: ["계산 시간이 초과되었습니다", "The analysis took too long"],
  OVERLOADED: ["서버가 바쁩니다. 잠시 후 다시 시도하세요", "The server is busy: try again shortly"],
  RATE_LIMITED: ["요청이 너무 많습니다. 잠시 후 다시 시도하세요", "Too many requests: try again shortly"],
  NETWORK: ["서버에 연결할 수 없습니다", "The server cannot be reached"],
};

/** A sentence for an error code in the chosen language (the code itself when unknown). */
export function errorSentence(code: string): string | null {
  const words = ERRORS[code];
  return words ? words[store.state.lang === "ko" ? 0 : 1] : null;
}
