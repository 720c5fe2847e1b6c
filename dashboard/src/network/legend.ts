// Legends that tell the truth about the drawing: the colour legend follows "colour by"
// (body types, `other` included, and people; or communities, each a button that focuses
// it), the size legend follows "size by" with the smallest, middle and largest values.
import { h } from "../dom";
import { bodyType, num, t } from "../i18n";
import { BODY_COLOURS, communityColour, OTHER_COLOUR, PERSON_COLOUR } from "./colours";
import type { NetworkGraph } from "./graph";
import type { SettingsController } from "./settingsController";

const MAX_COMMUNITIES = 12;

function item(colour: string, text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h("li", attrs, h("i", { class: "swatch", style: `background:${colour}`, "aria-hidden": "true" }), text);
}

/** The colour legend of what ``graph`` holds, as ``settings`` draws it. */
export function colourLegend(graph: NetworkGraph, settings: SettingsController, onCommunity: (c: number | null) => void): HTMLElement {
  const list = h("ul", { class: "legend-items" });
  if (settings.colourBy === "community") {
    const sizes = new Map<number, number>();
    graph.forEachNode((_, a) => sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1));
    const ranked = [...sizes.entries()].filter(([c]) => c >= 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const chosen = settings.filters.community;
    for (const [community, size] of ranked.slice(0, MAX_COMMUNITIES)) {
      list.append(h("li", {}, h("button", {
        type: "button", class: "legend-button", "data-community": String(community), "aria-pressed": String(chosen === community),
        title: t("communityFocus", { n: community + 1 }),
        onclick: () => onCommunity(chosen === community ? null : community),
      }, h("i", { class: "swatch", style: `background:${communityColour(community)}`, "aria-hidden": "true" }),
      `${t("community")} ${num(community + 1)} (${num(size)})`)));
    }
    if (ranked.length > MAX_COMMUNITIES) list.append(h("li", { class: "muted" }, `+${num(ranked.length - MAX_COMMUNITIES)} …`));
    if (sizes.has(-1)) list.append(item("#999", t("noCommunity")));
    if (chosen !== null) list.append(h("li", {}, h("button", { type: "button", id: "all-communities", onclick: () => onCommunity(null) }, t("allCommunities"))));
  } else {
    const types = new Set<string>();
    let people = false;
    graph.forEachNode((_, a) => {
      if (a.kind === "Body") types.add(a.classification && BODY_COLOURS[a.classification] ? a.classification : "other");
      else people = true;
    });
    for (const type of [...Object.keys(BODY_COLOURS), "other"].filter((x) => types.has(x))) {
      list.append(item(type === "other" ? OTHER_COLOUR : BODY_COLOURS[type], bodyType(type), { "data-type": type }));
    }
    if (people) list.append(item(PERSON_COLOUR, t("people"), { "data-type": "person" }));
  }
  return h("section", { class: "legend", id: "colour-legend", "data-by": settings.colourBy, "aria-label": t("legendColour") },
    h("h2", {}, `${t("colourBy")}: ${t(settings.colourBy === "community" ? "community" : "bodyType")}`), list);
}

/** The size legend: circles at the sizes of the smallest, middle and largest value. */
export function sizeLegend(settings: SettingsController): HTMLElement {
  const { min, max } = settings.sizeRange;
  const values = [...new Set([min, (min + max) / 2, max])];
  const digits = settings.sizeBy === "betweenness" ? 3 : 0;
  return h("section", { class: "legend", id: "size-legend", "data-by": settings.sizeBy, "aria-label": t("legendSize") },
    h("h2", {}, `${t("sizeBy")}: ${t(settings.sizeBy === "degree" ? "degree" : "betweenness")}`),
    h("ul", { class: "legend-sizes" }, values.map((v) => {
      const d = Math.max(4, settings.sizeOf(v) * 2);
      return h("li", {}, h("i", { class: "size-dot", style: `width:${d}px;height:${d}px`, "aria-hidden": "true" }),
        digits ? v.toFixed(digits) : num(Math.round(v)));
    })));
}
