// Concentration: people by number of bodies (the Seodaemun table as a bar chart),
// Gini and top-k shares of seats, overall and per body type.
import { gql } from "../api";
import { barChart } from "../components/barChart";
import { errorBox, fill, h, percent } from "../dom";
import { bodyType, num, t } from "../i18n";
import { store } from "../state";

const QUERY = `query Concentration($dataset: String!, $asOf: Date) {
  multiRoleConcentration(dataset: $dataset, asOf: $asOf) { totalPeople totalSeats buckets { bodies people } }
  seatConcentration(dataset: $dataset, asOf: $asOf, topShares: [0.01, 0.05, 0.1, 0.2]) {
    overall { ...ineq }
    byBodyType { ...ineq }
  }
}
fragment ineq on Inequality { classification people seats gini topShares { share people seats seatShare } }`;

interface Inequality {
  classification: string | null;
  people: number;
  seats: number;
  gini: number;
  topShares: { share: number; people: number; seats: number; seatShare: number }[];
}

interface Answer {
  multiRoleConcentration: { totalPeople: number; totalSeats: number; buckets: { bodies: number; people: number }[] };
  seatConcentration: { overall: Inequality; byBodyType: Inequality[] };
}

function inequalityRow(row: Inequality): HTMLElement {
  return h("tr", {},
    h("th", { scope: "row" }, row.classification ? bodyType(row.classification) : t("overall")),
    h("td", { class: "num" }, num(row.people)),
    h("td", { class: "num" }, num(row.seats)),
    h("td", { class: "num" }, h("span", { class: "meter", style: `--w:${(row.gini * 100).toFixed(1)}%`, "aria-hidden": "true" }), ` ${num(row.gini, 3)}`),
    row.topShares.map((s) => h("td", { class: "num", title: `${num(s.people)} ${t("people")}, ${num(s.seats)} ${t("totalSeats")}` }, percent(s.seatShare))));
}

export function concentrationView(root: HTMLElement): () => void {
  let ticket = 0;
  const load = async () => {
    const mine = ++ticket;
    fill(root, h("p", { class: "muted" }, t("loading")));
    try {
      const data = await gql<Answer>(QUERY, { dataset: store.state.dataset, asOf: store.state.asOf || null });
      if (mine !== ticket) return;
      const m = data.multiRoleConcentration;
      const buckets = [...m.buckets].sort((a, b) => a.bodies - b.bodies);
      const s = data.seatConcentration;
      fill(root, h("div", { class: "view concentration", id: "concentration-view" }, h("h1", { class: "visually-hidden" }, t("concentration")),
        h("section", { class: "card" },
          h("h2", {}, t("peopleByBodies")),
          h("p", { class: "summary" },
            h("span", { class: "big", id: "total-people" }, num(m.totalPeople)), ` ${t("totalPeople")} · `,
            h("span", { class: "big" }, num(m.totalSeats)), ` ${t("totalSeats")}`,
            store.state.asOf ? ` · ${t("asOf")} ${store.state.asOf}` : ""),
          h("div", { class: "chart", id: "buckets-chart" },
            barChart(buckets.map((b) => ({ label: String(b.bodies), value: b.people })), { xTitle: t("bodiesCount"), yTitle: t("people"), height: 260, label: t("chartBuckets") })),
          h("table", { class: "compact buckets" },
            h("tbody", {},
              h("tr", {}, h("th", { scope: "row" }, t("bodiesCount")), buckets.map((b) => h("td", { class: "num" }, num(b.bodies)))),
              h("tr", {}, h("th", { scope: "row" }, t("people")), buckets.map((b) => h("td", { class: "num" }, num(b.people))))))),
        h("section", { class: "card" },
          h("h2", {}, `${t("gini")} · ${t("topShare")}`),
          h("table", { class: "data", id: "inequality" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("bodyType")), h("th", { scope: "col" }, t("people")), h("th", { scope: "col" }, t("totalSeats")), h("th", { scope: "col" }, t("gini")),
              s.overall.topShares.map((x) => h("th", { scope: "col" }, t("topN", { n: Math.round(x.share * 100) }))))),
            h("tbody", {}, inequalityRow(s.overall), s.byBodyType.map(inequalityRow))))));
    } catch (error) {
      fill(root, errorBox(error));
    }
  };
  const unsubscribe = store.subscribe((_, changed) => {
    if (changed.includes("dataset") || changed.includes("asOf")) void load();
  });
  void load();
  return unsubscribe;
}
