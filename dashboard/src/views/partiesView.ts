// Parties: a legislature's seats by party, one chart per date (each term's first day and a
// day the reader picks), the members who changed party, and the composition as CSV.
import { download, gql } from "../api";
import { barChart } from "../components/barChart";
import { errorBox, fill, h } from "../dom";
import { t } from "../i18n";
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
    nodes { id name nameEn terms { startDate endDate } children(first: 100) { nodes { id } } }
  }
}`;

const COMPOSITION = `query Composition($body: ID!, $day: Date!) {
  partyComposition(body: $body, asOf: $day) { asOf total parties { partyId seats party { name nameEn } } }
}`;

const CHANGES = `query Changes($body: ID!) {
  partyChanges(bodies: [$body]) { person { id name } fromParty { name } toParty { name } fromPartyId toPartyId joinedOn }
}`;

const OVERLAPS = `query Overlaps($bodies: [ID!]!, $day: Date!) {
  partyOverlaps(bodies: $bodies, asOf: $day) { partyId otherPartyId members otherMembers body { id name nameEn } }
}`;

const PARTY_NAMES = (ids: string[]) => `query PartyNames(${ids.map((_, i) => `$p${i}: ID!`).join(", ")}) {
  ${ids.map((_, i) => `p${i}: organization(id: $p${i}) { id name nameEn }`).join("\n  ")}
}`;

interface Legislature { id: string; name: string; nameEn: string | null; terms: { startDate: string; endDate: string | null }[]; children: { nodes: { id: string }[] } }
interface Overlap { partyId: string; otherPartyId: string; members: number; otherMembers: number; body: { id: string; name: string; nameEn: string | null } | null }
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

const english = () => store.state.lang === "en";

/** Every pair of parties sitting together on the legislature and on each committee. */
function overlapsCard(overlaps: Overlap[], names: Map<string, string>, day: string): HTMLElement {
  const party = (id: string) => names.get(id) ?? id;
  const rows = overlaps.map((o) => h("tr", { "data-body": o.body?.id ?? "", "data-parties": `${o.partyId}|${o.otherPartyId}` },
    h("td", {}, o.body ? (english() && o.body.nameEn ? o.body.nameEn : o.body.name) : "–"),
    h("td", {}, party(o.partyId)), h("td", { class: "num" }, String(o.members)),
    h("td", {}, party(o.otherPartyId)), h("td", { class: "num" }, String(o.otherMembers))));
  return h("section", { class: "card", id: "party-overlaps", "data-day": day },
    h("h2", {}, t("overlapsTitle")),
    h("p", { class: "muted" }, t("overlapsNote", { day })),
    rows.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "data" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("overlapsBody")), h("th", { scope: "col" }, t("overlapsParty")),
          h("th", { scope: "col", class: "num" }, t("overlapsMembers")), h("th", { scope: "col" }, t("overlapsOther")),
          h("th", { scope: "col", class: "num" }, t("overlapsMembers")))),
        h("tbody", {}, rows)))
      : h("p", { id: "party-overlaps-none" }, t("overlapsNone")));
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
    const [compositions, changes, overlaps] = await Promise.all([
      Promise.all(days.map(({ day }) => gql<{ partyComposition: Composition }>(COMPOSITION, { body: body.id, day }))),
      gql<{ partyChanges: Change[] }>(CHANGES, { body: body.id }),
      gql<{ partyOverlaps: Overlap[] }>(OVERLAPS, { bodies: [body.id, ...body.children.nodes.map((c) => c.id)], day: chosenDay }),
    ]);
    // Party names: those the chosen day's composition names, the others asked by id.
    const names = new Map<string, string>();
    for (const p of compositions[compositions.length - 1].partyComposition.parties) {
      if (p.partyId && p.party) names.set(p.partyId, english() && p.party.nameEn ? p.party.nameEn : p.party.name);
    }
    const unnamed = [...new Set(overlaps.partyOverlaps.flatMap((o) => [o.partyId, o.otherPartyId]))].filter((id) => !names.has(id));
    if (unnamed.length) {
      const found = await gql<Record<string, { id: string; name: string; nameEn: string | null } | null>>(
        PARTY_NAMES(unnamed), Object.fromEntries(unnamed.map((id, i) => [`p${i}`, id])));
      for (const o of Object.values(found)) if (o) names.set(o.id, english() && o.nameEn ? o.nameEn : o.name);
    }
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
          h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 4 }, w("noChanges")))))),
      overlapsCard(overlaps.partyOverlaps, names, chosenDay)));
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
