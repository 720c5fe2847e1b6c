// The table alternative to the map: the drawn nodes with their kind, type, degree,
// betweenness and community; each name is a button that selects the node.
import { h } from "../dom";
import { bodyType, num, t } from "../i18n";
import type { NetworkGraph } from "../network/graph";

const MAX_ROWS = 500;

/** A table of ``nodes`` of ``graph`` (highest degree first, at most 500 rows). */
export function nodeTable(graph: NetworkGraph, nodes: string[], onSelect: (id: string) => void): HTMLElement {
  const rows = nodes.map((id) => [id, graph.getNodeAttributes(id)] as const)
    .sort((a, b) => b[1].degree - a[1].degree || a[1].label.localeCompare(b[1].label)).slice(0, MAX_ROWS);
  return h("div", { class: "node-table-wrap", tabindex: "0", role: "region", "aria-label": t("table") },
    h("table", { class: "data compact", id: "node-table" },
      h("caption", {}, nodes.length > MAX_ROWS ? t("shownOf", { shown: MAX_ROWS, total: nodes.length }) : `${num(nodes.length)} ${t("nodes")}`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("name")), h("th", { scope: "col" }, t("kind")), h("th", { scope: "col" }, t("bodyType")),
        h("th", { scope: "col", class: "num" }, t("degree")), h("th", { scope: "col", class: "num" }, t("betweenness")), h("th", { scope: "col", class: "num" }, t("community")))),
      h("tbody", {}, rows.map(([id, a]) => h("tr", { "data-id": id },
        h("td", {}, h("button", { type: "button", class: "link", onclick: () => onSelect(id) }, a.label)),
        h("td", {}, t(a.kind === "Body" ? "body" : "person")),
        h("td", {}, a.kind === "Body" ? bodyType(a.classification) : "–"),
        h("td", { class: "num" }, num(a.degree)),
        h("td", { class: "num" }, a.betweenness.toFixed(3)),
        h("td", { class: "num" }, a.community >= 0 ? num(a.community + 1) : "–"))))));
}
