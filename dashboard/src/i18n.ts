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
} as const;

export type StringKey = keyof typeof STRINGS;

/** The interface string ``key`` in the current language. */
export function t(key: StringKey): string {
  return STRINGS[key][store.state.lang === "ko" ? 0 : 1];
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
