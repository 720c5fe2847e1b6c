// The network map: the two-mode network or a projection (or one node's neighbourhood),
// drawn with sigma (WebGL). The status line says what is drawn and how it was cut; the
// URL holds mode, cap, focus, filters and selection, so a reload or a link restores them.
import Sigma from "sigma";

import { ApiError, download, saveBlob, serverConfig, type ServerConfig } from "../api";
import { nodePanel, showNode } from "../components/nodePanel";
import { nodeTable } from "../components/nodeTable";
import { searchField } from "../components/searchField";
import { errorBox, fill, h } from "../dom";
import { bodyType, num, t, type StringKey } from "../i18n";
import { BODY_COLOURS, type ColourBy, OTHER_COLOUR, PERSON_COLOUR, type SizeBy } from "../network/colours";
import { bodyNames, fetchEgo, fetchNetwork, fillGraph, Layout } from "../network/dataController";
import { bindEvents } from "../network/eventsController";
import { type ApiNetwork, type EdgeAttributes, emptyGraph, type Mode, type NodeAttributes } from "../network/graph";
import { colourLegend, sizeLegend } from "../network/legend";
import { mapPng, mapSvg } from "../network/picture";
import { SettingsController } from "../network/settingsController";
import { store } from "../state";
import { setUrlParams } from "../url";

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const LAST_DAY = Date.UTC(2026, 11, 31);
const MODES: Mode[] = ["TWO_MODE", "PERSONS", "BODIES"];
/** Below this width (px) the filters panel starts collapsed (the side panel then lies over the map). */
const NARROW = 1100;

export interface Timings {
  requested: number;
  dataArrived: number;
  firstFrame: number;
  nodes: number;
  edges: number;
}

declare global {
  interface Window {
    govgraph?: { sigma: Sigma<NodeAttributes, EdgeAttributes>; timings: Timings[]; settings: SettingsController;
      network: () => ApiNetwork | null; select: (id: string | null) => void };
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

/** Mount the network view into ``root``; ``params`` (the URL's) set what it shows. */
export function networkView(root: HTMLElement, params: URLSearchParams, openBody: (id: string) => void): () => void {
  const graph = emptyGraph();
  const container = h("div", { class: "sigma-container", id: "sigma", role: "img", "aria-label": t("mapLabel") });
  const status = h("div", { class: "status", id: "network-status", "data-state": "loading", role: "status", "aria-live": "polite" }, t("loading"));
  const statusText = h("p", { class: "status-text" });
  const statusActions = h("div", { class: "status-actions" });
  const legends = h("div", { class: "legends", id: "legends" });
  const panel = nodePanel(() => choose(null));
  const filters = h("div", { class: "filters", id: "filters-panel", role: "region", "aria-label": t("filtersPanel") });
  const toggle = h("button", { type: "button", id: "toggle-filters", class: "toggle-filters", "aria-expanded": "true", "aria-controls": "filters-panel" }, t("hidePanel"));
  const table = h("details", { class: "node-table", id: "node-table-details" }, h("summary", {}, t("table")));
  const layoutRoot = h("div", { class: "network-layout" }, filters,
    h("div", { class: "map" }, toggle, container, legends, status), panel);
  fill(root, h("h1", { class: "visually-hidden" }, t("network")), layoutRoot, table);
  const showFilters = (shown: boolean) => {
    layoutRoot.classList.toggle("filters-collapsed", !shown);
    toggle.setAttribute("aria-expanded", String(shown));
    toggle.textContent = t(shown ? "hidePanel" : "showPanel");
  };
  toggle.addEventListener("click", () => {
    showFilters(layoutRoot.classList.contains("filters-collapsed"));
    window.setTimeout(() => sigma.refresh(), 0);
  });
  // On narrow screens the map starts with the whole width; the filters are one click away.
  if (window.innerWidth < NARROW) showFilters(false);

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    renderEdgeLabels: false,
    labelDensity: 0.5,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: 7,
    labelFont: "system-ui, 'Noto Sans KR', sans-serif",
    stagePadding: 100,
    allowInvalidContainer: true,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
  });
  const settings = new SettingsController(graph, sigma);
  const layout = new Layout(graph);
  const timings: Timings[] = [];
  let network: ApiNetwork | null = null;
  window.govgraph = { sigma, timings, settings, network: () => network, select: (id) => choose(id) };

  let mode: Mode = MODES.find((m) => m === params.get("mode")?.toUpperCase()) ?? "TWO_MODE";
  const askedNodes = params.get("maxNodes");
  let maxNodes: number | null = null; // resolved against the server's cap on first load
  let warning = "";
  let ego: { id: string; depth: number } | null = params.get("ego") ? { id: params.get("ego")!, depth: params.get("depth") === "2" ? 2 : 1 } : null;
  let pendingSelect = params.get("select") ?? ego?.id ?? null;
  let config: ServerConfig | null = null;
  settings.colourBy = params.get("colour") === "community" || (params.get("colour") === null && mode === "PERSONS") ? "community" : "bodyType";
  settings.sizeBy = params.get("size") === "betweenness" ? "betweenness" : "degree";
  if (params.get("types")) settings.filters.bodyTypes = new Set(params.get("types")!.split(","));
  settings.filters.minSeats = Math.max(1, Number(params.get("minSeats")) || 1);
  settings.filters.minWeight = Math.max(1, Number(params.get("minWeight")) || 1);
  settings.filters.community = params.get("community") !== null && params.get("community") !== "" ? Number(params.get("community")) : null;
  let englishNames = new Map<string, string>();
  let namesFor = "";

  const saveUrl = () => setUrlParams({
    mode: mode === "TWO_MODE" ? null : mode.toLowerCase(),
    maxNodes: maxNodes !== null && config && maxNodes !== config.networkMaxNodes ? maxNodes : null,
    ego: ego?.id ?? null, depth: ego ? ego.depth : null,
    select: settings.selected,
    colour: settings.colourBy === "community" ? "community" : mode === "PERSONS" ? "bodyType" : null,
    size: settings.sizeBy === "betweenness" ? "betweenness" : null,
    types: settings.filters.bodyTypes.size ? [...settings.filters.bodyTypes].join(",") : null,
    minSeats: settings.filters.minSeats > 1 ? settings.filters.minSeats : null,
    minWeight: settings.filters.minWeight > 1 ? settings.filters.minWeight : null,
    community: settings.filters.community,
  });

  /** Fit the camera to the drawn (visible) nodes. */
  const fit = (animate = true) => {
    const visible = settings.visibleNodes();
    if (!visible.length) return;
    let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const id of visible) {
      const { x, y } = graph.getNodeAttributes(id);
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
    sigma.setCustomBBox({ x: [minX, maxX === minX ? minX + 1 : maxX], y: [minY, maxY === minY ? minY + 1 : maxY] });
    sigma.refresh({ skipIndexation: true });
    if (animate) void sigma.getCamera().animatedReset({ duration: 300 });
    else sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  };

  const choose = (node: string | null, fromSearch = false) => {
    if (node !== null && !graph.hasNode(node)) {
      // Not drawn (cut off, filtered, or another dataset's view): draw its neighbourhood.
      ego = { id: node, depth: 1 };
      pendingSelect = node;
      void load();
      return;
    }
    if (node === null) {
      settings.setSelected(null);
      saveUrl();
      panel.hidden = true;
      return;
    }
    // The panel's request leaves before the map is redrawn, so the answer is not queued
    // behind a frame (a frame of a large network is slow where WebGL is drawn in software).
    void showNode(panel, node, graph.getNodeAttribute(node, "kind"), openBody, (id, depth) => {
      ego = { id, depth };
      pendingSelect = id;
      void load();
    });
    settings.setSelected(node);
    saveUrl();
    const display = sigma.getNodeDisplayData(node);
    // A clicked node is on screen already; on a large network the camera moves only for a
    // node chosen from the search or the table, in one step (every animated frame redraws
    // the whole network).
    if (display && settings.dims()) void sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.4 }, { duration: 400 });
    else if (display && fromSearch) sigma.getCamera().setState({ x: display.x, y: display.y, ratio: 0.4 });
    if (fromSearch) panel.focus();
  };
  bindEvents(sigma, settings, (node) => choose(node));

  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !panel.hidden) {
      choose(null);
      filters.querySelector<HTMLElement>("#search")?.focus();
    }
  };
  document.addEventListener("keydown", onKey);

  const updateLegends = () => fill(legends, colourLegend(graph, settings, (community) => {
    settings.filters.community = community;
    refilter();
  }), sizeLegend(settings));

  const methodWord = (method: string) => t(method === "exact" ? "exact" : "estimated");
  const updateStatus = () => {
    if (!network) return;
    const shown = settings.visibleCount();
    status.dataset.nodes = String(shown.nodes);
    status.dataset.edges = String(shown.edges);
    status.dataset.layout = layout.running() ? "running" : "stopped";
    status.dataset.truncated = String(network.truncated);
    status.dataset.cutRule = network.cutRule ?? "";
    status.dataset.maxNodes = String(network.maxNodes);
    status.dataset.nodeCap = String(network.nodeCap);
    status.dataset.totalNodes = String(network.totalNodes);
    status.dataset.totalEdges = String(network.totalEdges);
    status.dataset.metricsScope = network.metricsScope;
    status.dataset.metricsNodes = String(network.metricsNodes);
    status.dataset.betweenness = network.betweennessMethod.method;
    status.dataset.ego = ego ? ego.id : "";
    const lines: (string | HTMLElement)[] = [];
    if (ego) {
      const name = graph.hasNode(ego.id) ? graph.getNodeAttribute(ego.id, "label") : ego.id;
      lines.push(t("egoStatus", { name, depth: ego.depth, nodes: network.nodes.length, edges: network.edges.length }));
    }
    if (network.truncated) {
      lines.push(h("strong", { id: "cut-statement" }, t("cutStatus", { shown: network.nodes.length, total: network.totalNodes, edges: network.totalEdges, cap: network.nodeCap })));
    } else if (!ego) {
      lines.push(t("wholeStatus", { nodes: network.totalNodes, edges: network.totalEdges }));
    }
    if (shown.nodes !== graph.order || shown.edges !== graph.size) lines.push(t("filteredStatus", { nodes: shown.nodes, edges: shown.edges }));
    else status.dataset.filtered = "false";
    lines.push(h("span", { id: "metrics-scope" }, t(network.metricsScope === "whole" ? "metricsWhole" : "metricsShown",
      { method: methodWord(network.betweennessMethod.method), n: network.metricsNodes })));
    lines.push(`${t("layout")}: ${t(layout.running() ? "running" : "stopped")}`);
    if (warning) lines.unshift(h("span", { class: "warning", id: "max-nodes-warning" }, warning, " ", h("code", { class: "code" }, "BAD_USER_INPUT")));
    fill(statusText, lines.map((line) => h("span", { class: "status-line" }, line)));
    const actions: HTMLElement[] = [];
    if (ego) actions.push(h("button", { type: "button", id: "back-whole", onclick: () => { ego = null; void load(); } }, t("backToWhole")));
    if (network.truncated && !ego) {
      const next = Math.min(network.nodeCap, Math.max(network.maxNodes * 2, network.maxNodes + 1));
      actions.push(network.maxNodes < network.nodeCap
        ? h("button", { type: "button", id: "show-more", onclick: () => { maxNodes = next; warning = ""; void load(); } }, t("showMore", { n: next }))
        : h("span", { class: "muted", id: "at-cap" }, t("atServerCap", { cap: network.nodeCap })));
    }
    fill(statusActions, actions);
    fill(status, statusText, statusActions);
  };
  layout.onChange = updateStatus;
  layout.onStop = () => fit();

  let ticket = 0;
  const load = async () => {
    const mine = ++ticket;
    const { dataset, asOf } = store.state;
    if (!dataset) return;
    status.dataset.state = "loading";
    fill(status, t("loading"));
    const requested = performance.now();
    pendingSelect = pendingSelect ?? settings.selected;
    try {
      config = await serverConfig();
      if (maxNodes === null) {
        const asked = askedNodes === null ? config.networkMaxNodes : Number(askedNodes);
        if (!Number.isInteger(asked) || asked < 1 || asked > config.networkMaxNodes) {
          warning = t("maxNodesOutOfRange", { asked: askedNodes ?? "", cap: config.networkMaxNodes });
          maxNodes = config.networkMaxNodes;
        } else maxNodes = asked;
      }
      // English names are only needed for English labels; they come alongside the network.
      const names = store.state.lang === "en" && namesFor !== dataset ? bodyNames(dataset) : Promise.resolve(englishNames);
      const answer = ego ? fetchEgo(ego.id, ego.depth, asOf, config.networkMaxNodes) : fetchNetwork({ dataset, mode, asOf, maxNodes });
      const [found, named] = await Promise.all([answer, names]);
      if (store.state.lang === "en") [englishNames, namesFor] = [named, dataset];
      if (mine !== ticket) return;
      const dataArrived = performance.now();
      layout.kill();
      settings.reset();
      network = found;
      const kept = fillGraph(graph, found, englishNames);
      settings.restyle();
      settings.setSelected(null);
      updateLegends();
      sigma.once("afterRender", () => {
        timings.push({ requested, dataArrived, firstFrame: performance.now(), nodes: graph.order, edges: graph.size });
        status.dataset.state = "drawn";
        updateStatus();
      });
      fit(false);
      sigma.refresh();
      // Positions carried over from the previous drawing need only a short settling.
      layout.start(kept > 0.5 ? 1.5 : undefined);
      const selectNow = pendingSelect;
      pendingSelect = null;
      if (selectNow && graph.hasNode(selectNow)) choose(selectNow);
      else {
        panel.hidden = true;
        saveUrl();
      }
    } catch (error) {
      if (mine !== ticket) return;
      status.dataset.state = "error";
      if (error instanceof ApiError) status.dataset.code = error.codes[0] ?? "";
      fill(status, errorBox(error), ego ? h("button", { type: "button", id: "back-whole", onclick: () => { ego = null; void load(); } }, t("backToWhole")) : null);
    }
  };

  const refilter = () => {
    settings.applyFilters();
    saveUrl();
    updateLegends();
    updateStatus();
    fit();
  };

  // Filters panel
  const slider = h("input", { type: "range", id: "as-of", min: 0, max: Math.round((LAST_DAY - FIRST_DAY) / DAY), step: 1,
    value: dayOf(store.state.asOf || "2021-03-01"), disabled: !store.state.asOf, "aria-label": t("asOf"), "aria-valuetext": store.state.asOf || t("allDates") });
  const sliderLabel = h("output", { id: "as-of-value", for: "as-of" }, store.state.asOf || t("allDates"));
  const allDates = h("input", { type: "checkbox", id: "all-dates", checked: !store.state.asOf });
  slider.addEventListener("input", () => {
    sliderLabel.textContent = isoOf(Number(slider.value));
    slider.setAttribute("aria-valuetext", sliderLabel.textContent);
  });
  slider.addEventListener("change", () => store.set({ asOf: isoOf(Number(slider.value)) }));
  allDates.addEventListener("change", () => {
    slider.disabled = allDates.checked;
    store.set({ asOf: allDates.checked ? "" : isoOf(Number(slider.value)) });
    sliderLabel.textContent = store.state.asOf || t("allDates");
  });

  const typeBoxes = [...Object.keys(BODY_COLOURS), "other"].map((type) => {
    const box = h("input", { type: "checkbox", value: type, checked: settings.filters.bodyTypes.size === 0 || settings.filters.bodyTypes.has(type), class: "body-type" });
    box.addEventListener("change", () => {
      const checked = [...filters.querySelectorAll<HTMLInputElement>("input.body-type")].filter((b) => b.checked).map((b) => b.value);
      // "other" stands for every classification without its own colour.
      const chosen = checked.flatMap((c) => c === "other" ? otherTypes() : [c]);
      settings.filters.bodyTypes = new Set(checked.length === typeBoxes.length ? [] : chosen.length ? chosen : ["(none)"]);
      refilter();
    });
    return h("label", { class: "check" }, box, h("i", { class: "swatch", style: `background:${type === "other" ? OTHER_COLOUR : BODY_COLOURS[type]}`, "aria-hidden": "true" }), bodyType(type));
  });
  const otherTypes = () => {
    const found = new Set<string>(["other"]);
    graph.forEachNode((_, a) => {
      if (a.kind === "Body" && a.classification && !BODY_COLOURS[a.classification]) found.add(a.classification);
    });
    return [...found];
  };
  const minSeats = h("input", { type: "number", id: "min-seats", min: 1, max: 50, value: settings.filters.minSeats });
  // In the two-mode network a person's degree is their seats; in a projection, their co-members.
  const minSeatsLabel = h("label", { for: "min-seats" }, t(mode === "TWO_MODE" ? "minSeats" : "minDegree"));
  minSeats.addEventListener("change", () => {
    settings.filters.minSeats = Math.max(1, Number(minSeats.value) || 1);
    refilter();
  });
  const minWeight = h("input", { type: "number", id: "min-weight", min: 1, max: 50, value: settings.filters.minWeight });
  const minWeightRow = h("div", { class: "row", hidden: mode === "TWO_MODE" }, h("label", { for: "min-weight" }, t("minWeight")), minWeight);
  minWeight.addEventListener("change", () => {
    settings.filters.minWeight = Math.max(1, Number(minWeight.value) || 1);
    refilter();
  });

  const exportParams = () => {
    const p = new URLSearchParams({ dataset: store.state.dataset, projection: mode.toLowerCase(), maxNodes: String(maxNodes ?? 1) });
    if (store.state.asOf) p.set("asOf", store.state.asOf);
    for (const type of settings.filters.bodyTypes) p.append("classifications", type);
    return p;
  };
  const exportStatus = h("div", { class: "export-status", id: "export-status", role: "status", "aria-live": "polite" });
  const exporter = (label: string, run: () => Promise<void>, id = label) =>
    h("button", { type: "button", class: "export", "data-format": id, onclick: () => {
      exportStatus.replaceChildren();
      void run().catch((e) => fill(exportStatus, errorBox(e)));
    } }, label);
  const base = () => `${store.state.dataset}-${mode.toLowerCase()}`;
  const popoloReason = h("p", { class: "muted small", id: "popolo-reason", hidden: true }, t("disabledPopolo"));
  const popolo = exporter("Popolo JSON", () => download(`/export/popolo/${encodeURIComponent(store.state.dataset)}.json`, new URLSearchParams(), `${store.state.dataset}.popolo.json`));
  const exports = h("div", { class: "exports" },
    exporter("GraphML", () => download("/export/network.graphml", exportParams(), `${base()}.graphml`)),
    exporter("GEXF", () => download("/export/network.gexf", exportParams(), `${base()}.gexf`)),
    exporter("CSV", () => download("/export/network.csv", exportParams(), `${base()}-edges.csv`)),
    exporter("CSV nodes", () => {
      const p = exportParams();
      p.set("part", "nodes");
      return download("/export/network.csv", p, `${base()}-nodes.csv`);
    }),
    popolo);
  const pictures = h("div", { class: "exports" },
    exporter("SVG", async () => saveBlob(new Blob([mapSvg(sigma, `${base()} ${store.state.asOf}`)], { type: "image/svg+xml" }), `${base()}.svg`)),
    exporter("PNG", async () => saveBlob(await mapPng(mapSvg(sigma, base())), `${base()}.png`)));
  void serverConfig().then((c) => {
    if (!c.permissions.includes("export_dataset")) {
      popolo.setAttribute("disabled", "");
      popolo.setAttribute("aria-describedby", "popolo-reason");
      popolo.title = t("disabledPopolo");
      popoloReason.hidden = false;
    }
  }).catch(() => undefined);

  const layoutButton = h("button", { type: "button", id: "layout-toggle", onclick: () => (layout.running() ? layout.stop() : layout.start(6)) }, t("layout"));
  const tableButton = table;
  tableButton.addEventListener("toggle", () => {
    if (tableButton.open) fill(tableButton, h("summary", {}, t("table")), nodeTable(graph, settings.visibleNodes(), (id) => choose(id, true)));
  });

  fill(filters,
    searchField((text) => {
      const needle = text.toLowerCase();
      const found: { id: string; label: string; detail: string }[] = [];
      graph.forEachNode((id, a) => {
        if (found.length < 10 && (a.name.toLowerCase().includes(needle) || a.nameEn?.toLowerCase().includes(needle))) {
          found.push({ id, label: a.label, detail: a.kind === "Body" ? bodyType(a.classification) : `${num(a.degree)} ${t("seats")}` });
        }
      });
      return found;
    }, (id) => choose(id, true), () => !(config?.permissions.includes("private_names") ?? false), (id) => graph.hasNode(id)),
    h("fieldset", {}, h("legend", {}, t("mode")),
      select<Mode>("mode", "mode", [["TWO_MODE", "twoMode"], ["PERSONS", "persons"], ["BODIES", "bodiesMode"]], mode, (v) => {
        mode = v;
        ego = null;
        minSeatsLabel.textContent = t(mode === "TWO_MODE" ? "minSeats" : "minDegree");
        minWeightRow.hidden = mode === "TWO_MODE";
        if (mode === "PERSONS") {
          settings.colourBy = "community";
          colourSelect.value = "community";
        }
        settings.filters.community = null;
        choose(null);
        void load();
      }),
      select<SizeBy>("size-by", "sizeBy", [["degree", "degree"], ["betweenness", "betweenness"]], settings.sizeBy, (v) => {
        settings.sizeBy = v;
        settings.restyle();
        saveUrl();
        updateLegends();
      }),
      select<ColourBy>("colour-by", "colourBy", [["bodyType", "bodyType"], ["community", "community"]], settings.colourBy, (v) => {
        settings.colourBy = v;
        settings.restyle();
        saveUrl();
        updateLegends();
      })),
    h("fieldset", {}, h("legend", {}, t("asOf")), h("label", { class: "check" }, allDates, t("allDates")), slider, sliderLabel),
    h("fieldset", {}, h("legend", {}, t("bodyTypes")), typeBoxes,
      h("span", { class: "check" }, h("i", { class: "swatch", style: `background:${PERSON_COLOUR}`, "aria-hidden": "true" }), t("people"))),
    h("fieldset", {}, h("legend", {}, t("focus")), h("div", { class: "row" }, minSeatsLabel, minSeats), minWeightRow),
    h("fieldset", {}, h("legend", {}, t("export")), exports, popoloReason),
    h("fieldset", {}, h("legend", {}, t("picture")), pictures, exportStatus),
    h("fieldset", {}, layoutButton));
  const colourSelect = filters.querySelector<HTMLSelectElement>("#colour-by")!;

  const unsubscribe = store.subscribe((_, changed) => {
    if (changed.includes("dataset") || changed.includes("asOf")) {
      if (changed.includes("dataset")) {
        ego = null;
        choose(null);
      }
      if (changed.includes("asOf")) {
        allDates.checked = !store.state.asOf;
        slider.disabled = !store.state.asOf;
        if (store.state.asOf) slider.value = String(dayOf(store.state.asOf));
        sliderLabel.textContent = store.state.asOf || t("allDates");
      }
      void load();
    }
  });
  void load();
  return () => {
    unsubscribe();
    document.removeEventListener("keydown", onKey);
    layout.kill();
    sigma.kill();
    delete window.govgraph;
  };
}
