// The network map: the two-mode network or a projection, drawn with sigma (WebGL).
import Sigma from "sigma";

import { download } from "../api";
import { nodePanel, showNode } from "../components/nodePanel";
import { searchField } from "../components/searchField";
import { errorBox, fill, h } from "../dom";
import { bodyType, t, type StringKey } from "../i18n";
import { BODY_COLOURS, type ColourBy, PERSON_COLOUR, type SizeBy } from "../network/colours";
import { bodyNames, fetchNetwork, fillGraph, Layout } from "../network/dataController";
import { bindEvents } from "../network/eventsController";
import { type EdgeAttributes, emptyGraph, type Mode, type NodeAttributes } from "../network/graph";
import { SettingsController } from "../network/settingsController";
import { store } from "../state";

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const LAST_DAY = Date.UTC(2026, 11, 31);

export interface Timings {
  requested: number;
  dataArrived: number;
  firstFrame: number;
  nodes: number;
  edges: number;
}

declare global {
  interface Window {
    govgraph?: { sigma: Sigma<NodeAttributes, EdgeAttributes>; timings: Timings[]; settings: SettingsController };
  }
}

function dayOf(iso: string): number {
  return Math.round((Date.parse(iso) - FIRST_DAY) / DAY);
}

function isoOf(day: number): string {
  return new Date(FIRST_DAY + day * DAY).toISOString().slice(0, 10);
}

function select<T extends string>(id: string, label: StringKey, options: [T, StringKey][], value: T, onChange: (v: T) => void): HTMLElement {
  const el = h("select", { id, onchange: () => onChange(el.value as T) },
    options.map(([v, key]) => h("option", { value: v, selected: v === value }, t(key))));
  return h("label", {}, h("span", {}, t(label)), el);
}

/** Mount the network view into ``root``; ``params`` may set mode and maxNodes (e.g. ?maxNodes=30000). */
export function networkView(root: HTMLElement, params: URLSearchParams, openBody: (id: string) => void): () => void {
  const graph = emptyGraph();
  const container = h("div", { class: "sigma-container", id: "sigma" });
  const status = h("div", { class: "status", id: "network-status", "data-state": "loading" }, t("loading"));
  const panel = nodePanel(() => choose(null));
  const filters = h("div", { class: "filters" });
  fill(root, h("div", { class: "network-layout" }, filters, h("div", { class: "map" }, container, status), panel));

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    renderEdgeLabels: false,
    labelDensity: 0.6,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 9,
    labelFont: "system-ui, 'Noto Sans KR', sans-serif",
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
  });
  const settings = new SettingsController(graph, sigma);
  const layout = new Layout(graph);
  const timings: Timings[] = [];
  window.govgraph = { sigma, timings, settings };

  let mode: Mode = (params.get("mode")?.toUpperCase() as Mode) || "TWO_MODE";
  const maxNodes = Number(params.get("maxNodes") ?? 2000);
  let englishNames = new Map<string, string>();
  let namesFor = "";

  const choose = (node: string | null) => {
    settings.setSelected(node);
    if (node === null) {
      panel.hidden = true;
      return;
    }
    void showNode(panel, node, graph.hasNode(node) ? graph.getNodeAttribute(node, "kind") : null, openBody);
    if (graph.hasNode(node)) {
      const display = sigma.getNodeDisplayData(node);
      if (display) void sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.4 }, { duration: 400 });
    }
  };
  bindEvents(sigma, settings, choose);

  const updateStatus = () => {
    const shown = settings.visibleCount();
    status.dataset.nodes = String(shown.nodes);
    status.dataset.edges = String(shown.edges);
    status.dataset.layout = layout.running() ? "running" : "stopped";
    const total = status.dataset.totalNodes ?? "";
    status.textContent = `${shown.nodes.toLocaleString()} ${t("nodes")} · ${shown.edges.toLocaleString()} ${t("edges")} ${t("shown")}`
      + (total ? ` (${Number(total).toLocaleString()} ${t("nodes")} / ${Number(status.dataset.totalEdges).toLocaleString()} ${t("edges")})` : "")
      + ` · ${t("layout")}: ${t(layout.running() ? "running" : "stopped")}`
      + (status.dataset.betweenness ? ` · ${t("betweenness")}: ${t(status.dataset.betweenness === "exact" ? "exact" : "estimated")}` : "");
  };
  layout.onChange = updateStatus;

  let ticket = 0;
  const load = async () => {
    const mine = ++ticket;
    const { dataset, asOf } = store.state;
    if (!dataset) return;
    status.dataset.state = "loading";
    status.textContent = t("loading");
    const requested = performance.now();
    try {
      // English names are only needed for English labels; they come alongside the network.
      const names = store.state.lang === "en" && namesFor !== dataset ? bodyNames(dataset) : Promise.resolve(englishNames);
      const [network, named] = await Promise.all([fetchNetwork({ dataset, mode, asOf, maxNodes }), names]);
      if (store.state.lang === "en") [englishNames, namesFor] = [named, dataset];
      if (mine !== ticket) return;
      const dataArrived = performance.now();
      layout.kill();
      fillGraph(graph, network, englishNames);
      settings.restyle();
      status.dataset.totalNodes = String(network.totalNodes);
      status.dataset.totalEdges = String(network.totalEdges);
      status.dataset.betweenness = network.betweennessMethod.method;
      sigma.once("afterRender", () => {
        const timing = { requested, dataArrived, firstFrame: performance.now(), nodes: graph.order, edges: graph.size };
        timings.push(timing);
        status.dataset.state = "drawn";
        updateStatus();
      });
      sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      sigma.refresh();
      layout.start();
    } catch (error) {
      status.dataset.state = "error";
      fill(status, errorBox(error));
    }
  };

  const refilter = () => {
    settings.applyFilters();
    updateStatus();
  };

  // Filters panel
  const slider = h("input", { type: "range", id: "as-of", min: 0, max: Math.round((LAST_DAY - FIRST_DAY) / DAY), step: 1,
    value: dayOf(store.state.asOf || "2021-03-01"), disabled: !store.state.asOf, "aria-label": t("asOf") });
  const sliderLabel = h("output", { id: "as-of-value" }, store.state.asOf || t("allDates"));
  const allDates = h("input", { type: "checkbox", id: "all-dates", checked: !store.state.asOf });
  slider.addEventListener("input", () => (sliderLabel.textContent = isoOf(Number(slider.value))));
  slider.addEventListener("change", () => store.set({ asOf: isoOf(Number(slider.value)) }));
  allDates.addEventListener("change", () => {
    slider.disabled = allDates.checked;
    store.set({ asOf: allDates.checked ? "" : isoOf(Number(slider.value)) });
    sliderLabel.textContent = store.state.asOf || t("allDates");
  });

  const typeBoxes = Object.keys(BODY_COLOURS).map((type) => {
    const box = h("input", { type: "checkbox", value: type, checked: true, class: "body-type" });
    box.addEventListener("change", () => {
      const checked = [...filters.querySelectorAll<HTMLInputElement>("input.body-type")].filter((b) => b.checked).map((b) => b.value);
      settings.filters.bodyTypes = new Set(checked.length === typeBoxes.length ? [] : checked.length ? checked : ["(none)"]);
      refilter();
    });
    return h("label", { class: "check" }, box, h("i", { class: "swatch", style: `background:${BODY_COLOURS[type]}` }), bodyType(type));
  });
  const minSeats = h("input", { type: "number", id: "min-seats", min: 1, max: 50, value: 1 });
  // In the two-mode network a person's degree is their seats; in a projection, their co-members.
  const minSeatsLabel = h("span", {}, t(mode === "TWO_MODE" ? "minSeats" : "minDegree"));
  minSeats.addEventListener("input", () => {
    settings.filters.minSeats = Math.max(1, Number(minSeats.value) || 1);
    refilter();
  });

  const exportParams = () => {
    const p = new URLSearchParams({ dataset: store.state.dataset, mode: mode.toLowerCase(), maxNodes: String(maxNodes) });
    if (store.state.asOf) p.set("asOf", store.state.asOf);
    for (const type of settings.filters.bodyTypes) p.append("classifications", type);
    return p;
  };
  const exporter = (label: string, run: () => Promise<void>) =>
    h("button", { type: "button", class: "export", "data-format": label, onclick: () => void run().catch((e) => alert(String(e))) }, label);
  const base = () => `${store.state.dataset}-${mode.toLowerCase()}`;
  const exports = h("div", { class: "exports" },
    exporter("GraphML", () => download("/export/network.graphml", exportParams(), `${base()}.graphml`)),
    exporter("GEXF", () => download("/export/network.gexf", exportParams(), `${base()}.gexf`)),
    exporter("CSV", () => download("/export/network.csv", exportParams(), `${base()}-edges.csv`)),
    exporter("CSV nodes", () => {
      const p = exportParams();
      p.set("part", "nodes");
      return download("/export/network.csv", p, `${base()}-nodes.csv`);
    }),
    exporter("Popolo JSON", () => download(`/export/popolo/${encodeURIComponent(store.state.dataset)}.json`, new URLSearchParams(), `${store.state.dataset}.popolo.json`)));

  const layoutButton = h("button", { type: "button", id: "layout-toggle", onclick: () => (layout.running() ? layout.stop() : layout.start(6)) }, t("layout"));

  fill(filters,
    searchField((text) => {
      const needle = text.toLowerCase();
      const found: { id: string; label: string; detail: string }[] = [];
      graph.forEachNode((id, a) => {
        if (found.length < 10 && (a.name.toLowerCase().includes(needle) || a.nameEn?.toLowerCase().includes(needle))) {
          found.push({ id, label: a.label, detail: a.kind === "Body" ? bodyType(a.classification) : `${a.degree} ${t("seats")}` });
        }
      });
      return found;
    }, choose),
    h("fieldset", {},
      select<Mode>("mode", "mode", [["TWO_MODE", "twoMode"], ["PERSONS", "persons"], ["BODIES", "bodiesMode"]], mode, (v) => {
        mode = v;
        minSeatsLabel.textContent = t(mode === "TWO_MODE" ? "minSeats" : "minDegree");
        choose(null);
        void load();
      }),
      select<SizeBy>("size-by", "sizeBy", [["degree", "seats"], ["betweenness", "betweenness"]], settings.sizeBy, (v) => {
        settings.sizeBy = v;
        settings.restyle();
      }),
      select<ColourBy>("colour-by", "colourBy", [["bodyType", "bodyType"], ["community", "community"]], settings.colourBy, (v) => {
        settings.colourBy = v;
        settings.restyle();
      })),
    h("fieldset", {}, h("legend", {}, t("asOf")), h("label", { class: "check" }, allDates, t("allDates")), slider, sliderLabel),
    h("fieldset", {}, h("legend", {}, t("bodyTypes")), typeBoxes,
      h("label", { class: "check" }, h("i", { class: "swatch", style: `background:${PERSON_COLOUR}` }), t("people"))),
    h("fieldset", {}, h("label", {}, minSeatsLabel, minSeats)),
    h("fieldset", {}, h("legend", {}, t("export")), exports),
    h("fieldset", {}, layoutButton));

  const unsubscribe = store.subscribe((_, changed) => {
    if (changed.includes("dataset") || changed.includes("asOf")) {
      if (changed.includes("dataset")) choose(null);
      void load();
    }
  });
  void load();
  return () => {
    unsubscribe();
    layout.kill();
    sigma.kill();
    delete window.govgraph;
  };
}
