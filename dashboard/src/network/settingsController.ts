// Settings: how nodes and edges are drawn. Filters, hover and selection are
// reducers over the one graph; they never change its data.
//
// Hover and click stay fast on large networks: neighbourhoods are precomputed once per
// graph, filters are turned into sets once per change, and a hover refreshes only the
// nodes and edges whose look changes (sigma's partial refresh), never the layout.
import type Sigma from "sigma";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import { store } from "../state";
import { type ColourBy, nodeColour, nodeSize, type SizeBy } from "./colours";
import type { EdgeAttributes, NetworkGraph, NodeAttributes } from "./graph";

export interface Filters {
  bodyTypes: Set<string>;
  minSeats: number;
  /** Edges of a projection lighter than this (shared bodies or members) are not drawn. */
  minWeight: number;
  /** Only this community, or null for all. */
  community: number | null;
}

const DIMMED = "#e6e8eb";
/**
 * Up to this many nodes a selection greys out everything outside its neighbourhood (one
 * pass of the reducers over the whole graph); above it, the selection is highlighted like
 * a hover (only its neighbourhood redrawn), so a click stays fast on large networks.
 */
export const DIM_LIMIT = 5000;
const EDGE = "#c9ced5";
const EDGE_FOCUS = "#3a4450";

export class SettingsController {
  sizeBy: SizeBy = "degree";
  colourBy: ColourBy = "bodyType";
  filters: Filters = { bodyTypes: new Set(), minSeats: 1, minWeight: 1, community: null };
  hovered: string | null = null;
  selected: string | null = null;
  /** The smallest and largest value of the size metric, for the size legend. */
  sizeRange = { min: 0, max: 1, minSize: 3, maxSize: 18 };
  /** Nodes the filters let through; null when nothing is filtered out. */
  private visible: Set<string> | null = null;
  /** Edges the filters hide. */
  private hiddenEdges = new Set<string>();
  /** Each node's neighbours and edges, computed once per graph. */
  private around = new Map<string, { nodes: string[]; edges: string[] }>();
  /** The selection's neighbourhood (greyed around on click). */
  private selectedNeighbours = new Set<string>();
  private hoveredNeighbours = new Set<string>();

  constructor(private graph: NetworkGraph, private sigma: Sigma<NodeAttributes, EdgeAttributes>) {
    sigma.setSetting("nodeReducer", (node, data) => this.node(node, data as NodeAttributes & Partial<NodeDisplayData>));
    sigma.setSetting("edgeReducer", (edge, data) => this.edge(edge, data as EdgeAttributes & Partial<EdgeDisplayData>));
  }

  /** Recompute sizes, colours, labels and neighbourhoods (after new data, or a change of metric or language). */
  restyle(): void {
    const maxima = { degree: 1, betweenness: 0 };
    const minima = { degree: Infinity, betweenness: Infinity };
    this.graph.forEachNode((_, a) => {
      maxima.degree = Math.max(maxima.degree, a.degree);
      maxima.betweenness = Math.max(maxima.betweenness, a.betweenness);
      minima.degree = Math.min(minima.degree, a.degree);
      minima.betweenness = Math.min(minima.betweenness, a.betweenness);
    });
    const large = this.graph.order > 3000;
    const [min, max] = large ? [1.5, 12] : [3, 18];
    this.sizeRange = { min: Number.isFinite(minima[this.sizeBy]) ? minima[this.sizeBy] : 0, max: maxima[this.sizeBy], minSize: min, maxSize: max };
    const english = store.state.lang === "en";
    this.graph.updateEachNodeAttributes((_, a) => ({
      ...a,
      size: nodeSize(a, this.sizeBy, maxima, min, max),
      color: nodeColour(a, this.colourBy),
      label: english && a.nameEn ? a.nameEn : a.name,
    }));
    this.around.clear();
    this.applyFilters();
  }

  /** The size in pixels a node with metric ``value`` is drawn at. */
  sizeOf(value: number): number {
    const { max, minSize, maxSize } = this.sizeRange;
    return minSize + (maxSize - minSize) * Math.sqrt(Math.max(0, value) / (max || 1));
  }

  /** Which nodes and edges the filters keep: bodies of the chosen types, people with enough seats tied to one. */
  applyFilters(): void {
    const { bodyTypes, minSeats, minWeight, community } = this.filters;
    const allTypes = bodyTypes.size === 0;
    if (allTypes && minSeats <= 1 && community === null) {
      this.visible = null;
    } else {
      const keep = new Set<string>();
      const bodyKept = (a: NodeAttributes) => a.kind !== "Body" || allTypes || bodyTypes.has(a.classification ?? "");
      this.graph.forEachNode((id, a) => {
        if (community !== null && a.community !== community) return;
        if (a.kind === "Body") {
          if (bodyKept(a)) keep.add(id);
        } else if (a.degree >= minSeats) {
          const tied = allTypes || this.graph.someNeighbor(id, (_, na) => na.kind === "Body" && bodyKept(na));
          const bodyless = !this.graph.someNeighbor(id, (_, na) => na.kind === "Body");
          if (tied || bodyless) keep.add(id);
        }
      });
      this.visible = keep;
    }
    this.hiddenEdges = new Set();
    this.graph.forEachEdge((edge, a, s, t) => {
      if (a.weight < minWeight || (this.visible !== null && !(this.visible.has(s) && this.visible.has(t)))) this.hiddenEdges.add(edge);
    });
    if (this.selected && !this.isVisible(this.selected)) this.selected = null;
    this.updateSelection();
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Hover: only the old and new neighbourhoods are redrawn. */
  setHovered(node: string | null): void {
    if (node === this.hovered) return;
    const before = this.hovered;
    this.hovered = node;
    this.hoveredNeighbours = new Set(node ? this.neighbourhood(node).nodes : []);
    this.refreshAround([before, node]);
  }

  /** Selection: on networks up to DIM_LIMIT nodes everything outside the node's neighbourhood is greyed. */
  setSelected(node: string | null): void {
    const before = this.selected;
    this.selected = node && this.graph.hasNode(node) ? node : null;
    this.updateSelection();
    if (this.dims()) this.sigma.refresh({ skipIndexation: true });
    else this.refreshAround([before, this.selected]);
  }

  /** Whether a selection greys out the rest (small enough networks). */
  dims(): boolean {
    return this.graph.order <= DIM_LIMIT;
  }

  /** Redraw only ``nodes``, their neighbours and their edges. */
  private refreshAround(nodes: (string | null)[]): void {
    const touched = new Set<string>();
    const edges = new Set<string>();
    for (const n of nodes) {
      if (!n || !this.graph.hasNode(n)) continue;
      touched.add(n);
      const around = this.neighbourhood(n);
      for (const x of around.nodes) touched.add(x);
      for (const e of around.edges) edges.add(e);
    }
    this.sigma.refresh({ partialGraph: { nodes: [...touched], edges: [...edges] }, skipIndexation: true });
  }

  isVisible(node: string): boolean {
    return this.visible === null || this.visible.has(node);
  }

  /** The drawn nodes (after filters). */
  visibleNodes(): string[] {
    return this.visible === null ? this.graph.nodes() : [...this.visible];
  }

  visibleCount(): { nodes: number; edges: number } {
    return { nodes: this.visible === null ? this.graph.order : this.visible.size, edges: this.graph.size - this.hiddenEdges.size };
  }

  /** A node's neighbours and edges, precomputed on first use for this graph. */
  neighbourhood(node: string): { nodes: string[]; edges: string[] } {
    let found = this.around.get(node);
    if (!found) {
      found = { nodes: this.graph.neighbors(node), edges: this.graph.edges(node) };
      this.around.set(node, found);
    }
    return found;
  }

  /** Forget precomputed neighbourhoods (the graph's content changed). */
  reset(): void {
    this.around.clear();
    this.hovered = null;
    this.selected = null;
    this.hoveredNeighbours.clear();
    this.selectedNeighbours.clear();
  }

  private updateSelection(): void {
    if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
    this.selectedNeighbours = new Set(this.selected ? this.neighbourhood(this.selected).nodes : []);
  }

  private node(node: string, data: NodeAttributes & Partial<NodeDisplayData>): Partial<NodeDisplayData> {
    if (this.visible !== null && !this.visible.has(node)) {
      data.hidden = true;
      return data;
    }
    const selected = this.selected;
    if (node === this.hovered || node === selected) {
      data.highlighted = true;
      data.forceLabel = true;
      data.zIndex = 2;
    } else if (this.hovered && this.hoveredNeighbours.has(node)) {
      data.zIndex = 1;
    } else if (selected && !this.selectedNeighbours.has(node) && this.dims()) {
      data.label = "";
      data.color = DIMMED;
      data.zIndex = 0;
    } else if (selected) {
      data.zIndex = 1;
    }
    return data;
  }

  private edge(edge: string, data: EdgeAttributes & Partial<EdgeDisplayData>): Partial<EdgeDisplayData> {
    data.color = EDGE;
    if (this.hiddenEdges.has(edge)) {
      data.hidden = true;
      return data;
    }
    const { hovered, selected } = this;
    if (hovered || selected) {
      const [source, target] = this.graph.extremities(edge);
      if (source === hovered || target === hovered || source === selected || target === selected) {
        data.color = EDGE_FOCUS;
        data.size = 1.5;
        data.zIndex = 1;
      } else if (selected && this.dims()) {
        data.hidden = true;
      }
    }
    return data;
  }
}
