// Parties: a legislature's seats by party, one chart per date (each term's first day and a
// day the reader picks), the members who changed party, and the composition as CSV.
import { download, gql } from "../api";
import { barChart } from "../components/barChart";
import { errorBox, fill, h } from "../dom";
import { store } from "../state";

const WORDS = {
  title: ["정당별 의석", "Seats by party"],
  body: ["의회", "Legislature"],
  day: ["기준일", "Day"],
  term: ["임기 시작", "Term begins"],
  chosen: ["선택한 날", "Chosen day"],
  seats: ["의석", "seats"],
  none: ["정당 없음", "no party"],
  changes: ["정당을 바꾼 의원", "Members who changed party"],
  member: ["의원", "Member"],
  from: ["이전 정당", "From"],
  to: ["새 정당", "To"],
  joined: ["변경일", "Joined on"],
  noLegislature: ["이 데이터셋에는 의회가 없습니다.", "This dataset has no legislature."],
  noChanges: ["없음", "None"],
  csv: ["CSV 내려받기", "Download CSV"],
  loading: ["불러오는 중…", "Loading…"],
} as const;

function w(key: keyof typeof WORDS): string {
  return WORDS[key][store.state.lang === "ko" ? 0 : 1];
}

const BODIES = `query Legislatures($dataset: String!) {
  bodies(filter: {dataset: $dataset, classifications: ["legislature", "chamber"]}, first: 50) {
    nodes { id name nameEn terms { startDate endDate } }
  }
}`;

const COMPOSITION = `query Composition($body: ID!, $day: Date!) {
  partyComposition(body: $body, asOf: $day) { asOf total parties { partyId seats party { name nameEn } } }
}`;

const CHANGES = `query Changes($body: ID!) {
  partyChanges(bodies: [$body]) { person { id name } fromParty { name } toParty { name } fromPartyId toPartyId joinedOn }
}`;

interface Legislature { id: string; name: string; nameEn: string | null; terms: { startDate: string; endDate: string | null }[] }
interface Composition { asOf: string; total: number; parties: { partyId: string | null; seats: number; party: { name: string; nameEn: string | null } | null }[] }
interface Change { person: { id: string; name: string } | null; fromParty: { name: string } | null; toParty: { name: string } | null; fromPartyId: string; toPartyId: string; joinedOn: string | null }

function chart(caption: string, composition: Composition, id: string): HTMLElement {
  const bars = composition.parties.map((p) => ({
    label: p.party ? (store.state.lang === "en" && p.party.nameEn ? p.party.nameEn : p.party.name) : w("none"),
    value: p.seats,
  }));
  return h("figure", { class: "card composition", id, style: "max-width: 760px", "data-day": composition.asOf, "data-total": composition.total,
    "data-seats": JSON.stringify(Object.fromEntries(composition.parties.map((p) => [p.partyId ?? "", p.seats]))) },
    h("figcaption", {}, `${caption} · ${composition.asOf} · ${composition.total} ${w("seats")}`),
    barChart(bars, { height: 240, yTitle: w("seats") }));
}

export function partiesView(root: HTMLElement): () => void {
  let ticket = 0;
  let chosenBody = "";
  let chosenDay = store.state.asOf;

  const draw = async (legislatures: Legislature[], mine: number) => {
    const body = legislatures.find((b) => b.id === chosenBody) ?? legislatures[0];
    chosenBody = body.id;
    const termDays = [...new Set(body.terms.map((term) => term.startDate))].sort();
    if (!chosenDay) chosenDay = termDays[termDays.length - 1] ?? new Date().toISOString().slice(0, 10);
    const days = [...termDays.map((day) => ({ day, caption: w("term") })), { day: chosenDay, caption: w("chosen") }];
    const [compositions, changes] = await Promise.all([
      Promise.all(days.map(({ day }) => gql<{ partyComposition: Composition }>(COMPOSITION, { body: body.id, day }))),
      gql<{ partyChanges: Change[] }>(CHANGES, { body: body.id }),
    ]);
    if (mine !== ticket) return;
    const bodySelect = h("select", { id: "parties-body", "aria-label": w("body"),
      onchange: () => { chosenBody = bodySelect.value; void load(); } },
      legislatures.map((b) => h("option", { value: b.id, selected: b.id === body.id }, b.name)));
    const dayInput = h("input", { type: "date", id: "parties-day", value: chosenDay, "aria-label": w("day"),
      onchange: () => { if (dayInput.value) { chosenDay = dayInput.value; void load(); } } });
    const csv = h("button", { type: "button", id: "parties-csv", onclick: () => {
      void download("/export/parties.csv", new URLSearchParams({ body: body.id, asOf: chosenDay }), `parties-${chosenDay}.csv`)
        .catch((error: unknown) => root.append(errorBox(error)));
    } }, w("csv"));
    const rows = changes.partyChanges.map((c) => h("tr", {},
      h("td", {}, c.person?.name ?? "–"), h("td", {}, c.fromParty?.name ?? c.fromPartyId),
      h("td", {}, c.toParty?.name ?? c.toPartyId), h("td", {}, c.joinedOn ?? "–")));
    fill(root, h("div", { class: "view parties", id: "parties-view", "data-body": body.id },
      h("section", { class: "card" },
        h("h2", {}, w("title")),
        h("div", { class: "controls" },
          h("label", {}, h("span", {}, w("body")), bodySelect),
          h("label", {}, h("span", {}, w("day")), dayInput), csv)),
      h("div", { class: "compositions" },
        compositions.map((answer, i) => chart(days[i].caption, answer.partyComposition,
          i === days.length - 1 ? "composition-chosen" : `composition-term-${i}`))),
      h("section", { class: "card" },
        h("h2", {}, w("changes")),
        h("table", { class: "data", id: "party-changes" },
          h("thead", {}, h("tr", {}, h("th", {}, w("member")), h("th", {}, w("from")), h("th", {}, w("to")), h("th", {}, w("joined")))),
          h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 4 }, w("noChanges"))))))));
  };

  const load = async () => {
    const mine = ++ticket;
    fill(root, h("p", { class: "muted" }, w("loading")));
    try {
      const { bodies } = await gql<{ bodies: { nodes: Legislature[] } }>(BODIES, { dataset: store.state.dataset });
      if (mine !== ticket) return;
      if (!bodies.nodes.length) {
        fill(root, h("p", { class: "muted", id: "parties-empty" }, w("noLegislature")));
        return;
      }
      await draw(bodies.nodes, mine);
    } catch (error) {
      if (mine === ticket) fill(root, errorBox(error));
    }
  };
  const unsubscribe = store.subscribe((_, changed) => {
    if (changed.includes("dataset")) { chosenBody = ""; chosenDay = store.state.asOf; void load(); }
    else if (changed.includes("lang")) void load();
  });
  void load();
  return unsubscribe;
}
