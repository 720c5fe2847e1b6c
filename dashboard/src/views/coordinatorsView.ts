// Coordinators: members by load score, with threshold and role weights as controls,
// the reasons behind every flag, sortable, downloadable as CSV.
import { gql, saveBlob } from "../api";
import { appointmentCheck } from "../components/appointmentCheck";
import { errorBox, fill, h } from "../dom";
import { named, num, roleName, t, type StringKey } from "../i18n";
import { store } from "../state";

const QUERY = `query Loads($dataset: String!, $asOf: Date, $weights: [RoleWeightInput!], $minScore: Float!, $minBodies: Int!, $onlyFlagged: Boolean!, $after: String) {
  memberLoads(dataset: $dataset, asOf: $asOf, weights: $weights, minScore: $minScore, minBodies: $minBodies, onlyFlagged: $onlyFlagged, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      score bodyCount leading flagged reasons
      person { id name category }
      seats { bodyName weight membership { role body { id name nameEn } } }
    }
  }
}`;

/** The API's default role weights, editable. */
const DEFAULT_WEIGHTS: [string, number][] = [
  ["chair", 3], ["co_chair", 3], ["vice_chair", 2], ["leader", 2], ["secretary", 1.5], ["coordinator", 1.5],
  ["facilitator", 1.5], ["member", 1], ["expert", 1], ["official", 1], ["advisor", 0.5], ["observer", 0.5],
];
const MAX_PAGES = 10;

interface Load {
  score: number;
  bodyCount: number;
  leading: number;
  flagged: boolean;
  reasons: string[];
  person: { id: string; name: string; category: string | null } | null;
  seats: { bodyName: string; weight: number; membership: { role: string; body: { id: string; name: string; nameEn: string | null } | null } }[];
}

interface Answer {
  memberLoads: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Load[] };
}

type Column = "name" | "score" | "bodies" | "leading";

const KEYS: Record<Column, (l: Load) => string | number> = {
  name: (l) => l.person?.name ?? "",
  score: (l) => l.score,
  bodies: (l) => l.bodyCount,
  leading: (l) => l.leading,
};

function seatName(s: Load["seats"][number]): string {
  return s.membership.body ? named(s.membership.body.name, s.membership.body.nameEn) : s.bodyName;
}

function seatsText(load: Load): string {
  return load.seats.map((s) => `${seatName(s)} (${roleName(s.membership.role)}, ${num(s.weight)})`).join("; ");
}

const LEADING = new Set(["chair", "co_chair", "vice_chair", "leader"]);

/**
 * Why a member is flagged, in the chosen language, from the answer's fields and the
 * thresholds asked (the API's ``reasons`` are the same facts as English sentences).
 */
export function reasonsOf(load: Load, minScore: number, minBodies: number): string[] {
  const reasons: string[] = [];
  if (load.score >= minScore) {
    reasons.push(`${t("reasonScore", { score: load.score, min: minScore })}: ${seatsText(load)}`);
  }
  if (load.bodyCount >= minBodies) reasons.push(t("reasonBodies", { n: load.bodyCount, min: minBodies }));
  const leading = load.seats.filter((s) => LEADING.has(s.membership.role));
  if (reasons.length && leading.length) {
    reasons.push(t("reasonLeads", { n: leading.length, list: leading.map((s) => `${seatName(s)} (${roleName(s.membership.role)})`).join(", ") }));
  }
  return reasons;
}

function csvCell(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV (RFC 4180), with a byte-order mark so spreadsheets read Korean names. */
export function loadsCsv(rows: Load[], why: (l: Load) => string[] = (l) => l.reasons): string {
  const header = ["person_id", "name", "score", "bodies", "leading", "flagged", "reasons", "seats"];
  const lines = rows.map((l) => [l.person?.id ?? "", l.person?.name ?? "", l.score, l.bodyCount, l.leading, l.flagged, why(l).join("; "), seatsText(l)].map(csvCell).join(","));
  return `\ufeff${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

export function coordinatorsView(root: HTMLElement): () => void {
  let rows: Load[] = [];
  let total = 0;
  let sort: { column: Column; descending: boolean } = { column: "score", descending: true };
  const minScore = h("input", { type: "number", id: "min-score", value: 8, min: 0, step: 0.5 });
  const minBodies = h("input", { type: "number", id: "min-bodies", value: 5, min: 1, step: 1 });
  const onlyFlagged = h("input", { type: "checkbox", id: "only-flagged", checked: true });
  const weightInputs = DEFAULT_WEIGHTS.map(([role, weight]) => h("input", { type: "number", step: 0.5, min: 0, value: weight, "data-role": role, class: "weight" }));
  const table = h("div", { class: "table-wrap", id: "loads" });
  const summary = h("p", { class: "summary", id: "loads-summary" });

  let asked = { minScore: 8, minBodies: 5 };
  const why = (l: Load) => reasonsOf(l, asked.minScore, asked.minBodies);
  // Sortable headers are buttons (reachable and announced), the order in aria-sort.
  const header = (column: Column, key: StringKey) => {
    const current = sort.column === column;
    const arrow = current ? (sort.descending ? " ▼" : " ▲") : "";
    return h("th", { class: "sortable", scope: "col", "data-column": column, "aria-sort": current ? (sort.descending ? "descending" : "ascending") : "none" },
      h("button", { type: "button", class: "sort", onclick: () => {
        sort = { column, descending: sort.column === column ? !sort.descending : column !== "name" };
        render();
        table.querySelector<HTMLButtonElement>(`th[data-column="${column}"] button`)?.focus();
      } }, t(key), h("span", { "aria-hidden": "true" }, arrow)));
  };

  const render = () => {
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [KEYS[sort.column](a), KEYS[sort.column](b)];
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return sort.descending ? -order : order;
    });
    summary.textContent = rows.length < total ? t("shownOf", { shown: rows.length, total }) : `${num(total)} ${t("people")}`;
    fill(table, h("table", { class: "data" },
      h("thead", {}, h("tr", {}, header("name", "name"), header("score", "score"), header("bodies", "bodiesCount"), header("leading", "leading"),
        h("th", { scope: "col" }, t("reasons")), h("th", { scope: "col" }, t("seatsHeld")))),
      h("tbody", {}, sorted.map((l) => h("tr", { class: l.flagged ? "flagged" : "" },
        h("td", {}, l.person?.name ?? "–"),
        h("td", { class: "num" }, num(l.score, 1)),
        h("td", { class: "num" }, num(l.bodyCount)),
        h("td", { class: "num" }, num(l.leading)),
        h("td", {}, h("ul", { class: "reasons" }, why(l).map((r) => h("li", {}, r)))),
        h("td", { class: "seats" }, l.seats.map((s) => h("span", { class: `seat ${s.weight > 1 ? "heavy" : ""}`, title: t("weightOf", { w: s.weight }) },
          seatName(s), h("small", {}, ` ${roleName(s.membership.role)}`)))))))));
  };

  let ticket = 0;
  const load = async () => {
    const mine = ++ticket;
    fill(table, h("p", { class: "muted" }, t("loading")));
    const variables = {
      dataset: store.state.dataset, asOf: store.state.asOf || null,
      weights: weightInputs.map((w) => ({ role: w.dataset.role!, weight: Number(w.value) || 0 })),
      minScore: Number(minScore.value) || 0, minBodies: Math.max(1, Number(minBodies.value) || 1), onlyFlagged: onlyFlagged.checked,
      after: null as string | null,
    };
    try {
      const found: Load[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const data: Answer = await gql<Answer>(QUERY, variables);
        found.push(...data.memberLoads.nodes);
        total = data.memberLoads.totalCount;
        if (!data.memberLoads.pageInfo.hasNextPage) break;
        variables.after = data.memberLoads.pageInfo.endCursor;
      }
      if (mine !== ticket) return;
      rows = found;
      asked = { minScore: variables.minScore, minBodies: variables.minBodies };
      render();
    } catch (error) {
      fill(table, errorBox(error));
    }
  };

  const csv = h("button", { type: "button", id: "download-csv", onclick: () =>
    saveBlob(new Blob([loadsCsv(rows, why)], { type: "text/csv;charset=utf-8" }), `${store.state.dataset}-member-loads.csv`) }, t("downloadCsv"));
  fill(root, h("div", { class: "view coordinators", id: "coordinators-view" }, h("h1", { class: "visually-hidden" }, t("coordinators")),
    h("section", { class: "card controls" },
      h("form", { onsubmit: (e: Event) => { e.preventDefault(); void load(); } },
        h("label", {}, h("span", {}, t("minScore")), minScore),
        h("label", {}, h("span", {}, t("minBodies")), minBodies),
        h("label", { class: "check" }, onlyFlagged, t("onlyFlagged")),
        h("details", {}, h("summary", {}, t("weights")),
          h("div", { class: "weights" }, weightInputs.map((w) => h("label", {}, h("span", {}, roleName(w.dataset.role!)), w)))),
        h("button", { type: "submit", id: "apply-loads" }, t("apply")), csv)),
    h("section", { class: "card" }, summary, table),
    appointmentCheck(() => ({ minScore: Number(minScore.value) || 0, minBodies: Math.max(1, Number(minBodies.value) || 1) }))));

  const unsubscribe = store.subscribe((_, changed) => {
    if (changed.includes("dataset") || changed.includes("asOf")) void load();
  });
  void load();
  return unsubscribe;
}
