// The one graphology graph the network view draws, and what its nodes carry.
import Graph from "graphology";

export interface NodeAttributes {
  label: string;
  /** Original name, and the English name where the data has one. */
  name: string;
  nameEn: string | null;
  kind: string;
  classification: string | null;
  degree: number;
  betweenness: number;
  community: number;
  x: number;
  y: number;
  size: number;
  color: string;
}

export interface EdgeAttributes {
  kind: string;
  weight: number;
  size: number;
}

export type NetworkGraph = Graph<NodeAttributes, EdgeAttributes>;

export function emptyGraph(): NetworkGraph {
  return new Graph<NodeAttributes, EdgeAttributes>({ type: "undirected", multi: false, allowSelfLoops: false });
}

export type Mode = "TWO_MODE" | "PERSONS" | "BODIES";

export interface ApiNode {
  id: string;
  kind: string;
  label: string;
  classification: string | null;
  degree: number | null;
  betweenness: number | null;
  community: number | null;
}

export interface ApiEdge {
  source: string;
  target: string;
  kind: string;
  weight: number;
}

export interface ApiNetwork {
  totalNodes: number;
  totalEdges: number;
  truncated: boolean;
  /** How the answer was cut (`highest_degree`), null when it was not. */
  cutRule: string | null;
  /** The cap this answer was cut at, and the largest the server allows. */
  maxNodes: number;
  nodeCap: number;
  metricsScope: string;
  /** How many nodes betweenness and communities were computed on. */
  metricsNodes: number;
  /** How betweenness was computed: `exact`, or estimated (`sampled`, `sampled-paths`). */
  betweennessMethod: { method: string; error: number | null };
  nodes: ApiNode[];
  edges: ApiEdge[];
}
