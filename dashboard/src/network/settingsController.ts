// Settings: how nodes and edges are drawn. Filters, hover and selection are
// reducers over the one graph; they never change its data.
import type Sigma from "sigma";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import { store } from "../state";
import { type ColourBy, nodeColour, nodeSize, type SizeBy } from "./colours";
import type { EdgeAttributes, NetworkGraph, NodeAttributes } from "./graph";

export interface Filters {
  bodyTypes: Set<string>;
  minSeats: number;
}

export class SettingsController {
  sizeBy: SizeBy = "degree";
  colourBy: ColourBy = "bodyType";
  filters: Filters = { bodyTypes: new Set(), minSeats: 1 };
  hovered: string | null = null;
  selected: string | null = null;
  /** Nodes the filters let through; null when nothing is filtered out. */
  private visible: Set<string> | null = null;
  private neighbours = new Set<string>();

  constructor(private graph: NetworkGraph, private sigma: Sigma<NodeAttributes, EdgeAttributes>) {
    sigma.setSetting("nodeReducer", (node, data) => this.node(node, data));
    sigma.setSetting("edgeReducer", (edge, data) => this.edge(edge, data));
  }

  /** Recompute sizes, colours and labels (after new data, or a change of metric or language). */
  restyle(): void {
    const maxima = { degree: 1, betweenness: 0 };
    this.graph.forEachNode((_, a) => {
      maxima.degree = Math.max(maxima.degree, a.degree);
      maxima.betweenness = Math.max(maxima.betweenness, a.betweenness);
    });
    const large = this.graph.order > 3000;
    const [min, max] = large ? [1.5, 12] : [3, 18];
    const english = store.state.lang === "en";
    this.graph.updateEachNodeAttributes((_, a) => ({
      ...a,
      size: nodeSize(a, this.sizeBy, maxima, min, max),
      color: nodeColour(a, this.colourBy),
      label: english && a.nameEn ? a.nameEn : a.name,
    }));
    this.applyFilters();
  }

  /** Which nodes the filters keep: bodies of the chosen types, people with enough seats tied to one. */
  applyFilters(): void {
    const { bodyTypes, minSeats } = this.filters;
    const allTypes = bodyTypes.size === 0;
    if (allTypes && minSeats <= 1) {
      this.visible = null;
    } else {
      const keep = new Set<string>();
      const bodyKept = (a: NodeAttributes) => a.kind !== "Body" || allTypes || bodyTypes.has(a.classification ?? "");
      this.graph.forEachNode((id, a) => {
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
    this.sigma.refresh({ skipIndexation: true });
  }

  setHovered(node: string | null): void {
    this.hovered = node;
    this.updateNeighbours();
  }

  setSelected(node: string | null): void {
    this.selected = node;
    this.updateNeighbours();
  }

  isVisible(node: string): boolean {
    return this.visible === null || this.visible.has(node);
  }

  visibleCount(): { nodes: number; edges: number } {
    if (this.visible === null) return { nodes: this.graph.order, edges: this.graph.size };
    let edges = 0;
    this.graph.forEachEdge((_, __, s, t) => {
      if (this.visible!.has(s) && this.visible!.has(t)) edges++;
    });
    return { nodes: this.visible.size, edges };
  }

  private focus(): string | null {
    return this.hovered ?? this.selected;
  }

  private updateNeighbours(): void {
    const focus = this.focus();
    this.neighbours = new Set(focus && this.graph.hasNode(focus) ? this.graph.neighbors(focus) : []);
    this.sigma.refresh({ skipIndexation: true });
  }

  private node(node: string, data: NodeAttributes): Partial<NodeDisplayData> {
    const res: Partial<NodeDisplayData> = { ...data };
    if (this.visible !== null && !this.visible.has(node)) return { ...res, hidden: true };
    const focus = this.focus();
    if (focus && node !== focus && !this.neighbours.has(node)) {
      res.label = "";
      res.color = "#e3e3e3";
      res.zIndex = 0;
    } else if (focus) {
      // Only the focused node's label is forced: the neighbours' labels follow sigma's label grid.
      res.highlighted = node === focus;
      res.forceLabel = node === focus;
      res.zIndex = 1;
    }
    return res;
  }

  private edge(edge: string, data: EdgeAttributes): Partial<EdgeDisplayData> {
    const res: Partial<EdgeDisplayData> = { ...data, color: "#cfd4da" };
    const [source, target] = this.graph.extremities(edge);
    if (this.visible !== null && !(this.visible.has(source) && this.visible.has(target))) return { ...res, hidden: true };
    const focus = this.focus();
    if (focus) {
      if (source === focus || target === focus) {
        res.color = "#555";
        res.size = 1.5;
        res.zIndex = 1;
      } else {
        res.hidden = true;
      }
    }
    return res;
  }
}
