// Data: fetch the network answer, fill the one graphology graph, lay it out off the main thread.
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";

import { gql } from "../api";
import { type ApiNetwork, type Mode, type NetworkGraph } from "./graph";

const FIELDS = `totalNodes totalEdges truncated cutRule maxNodes nodeCap metricsScope metricsNodes
    betweennessMethod { method error }
    nodes { id kind label classification degree betweenness community }
    edges { source target kind weight }`;

const NETWORK = `query Network($dataset: String!, $projection: Projection!, $asOf: Date, $maxNodes: Int!) {
  network(dataset: $dataset, projection: $projection, asOf: $asOf, maxNodes: $maxNodes) { ${FIELDS} }
}`;

const EGO = `query Ego($id: ID!, $depth: Int!, $asOf: Date, $maxNodes: Int!) {
  egoNetwork(id: $id, depth: $depth, asOf: $asOf, maxNodes: $maxNodes) { ${FIELDS} }
}`;

const BODY_NAMES = `query BodyNames($dataset: String!, $after: String) {
  bodies(filter: {dataset: $dataset}, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name nameEn }
  }
}`;

interface BodyNames {
  bodies: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; name: string; nameEn: string | null }[] };
}

export interface NetworkRequest {
  dataset: string;
  mode: Mode;
  asOf: string;
  maxNodes: number;
}

/** English names of a dataset's bodies (at most ``pages`` pages of 100). */
export async function bodyNames(dataset: string, pages = 20): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let after: string | null = null;
  for (let page = 0; page < pages; page++) {
    const found: BodyNames = await gql<BodyNames>(BODY_NAMES, { dataset, after });
    for (const body of found.bodies.nodes) if (body.nameEn) names.set(body.id, body.nameEn);
    if (!found.bodies.pageInfo.hasNextPage) break;
    after = found.bodies.pageInfo.endCursor;
  }
  return names;
}

export async function fetchNetwork(request: NetworkRequest): Promise<ApiNetwork> {
  const { mode, ...rest } = request;
  const data = await gql<{ network: ApiNetwork }>(NETWORK, { ...rest, projection: mode, asOf: request.asOf || null });
  return data.network;
}

/** The neighbourhood of ``id`` to ``depth`` ties (the API's egoNetwork), whatever the map shows. */
export async function fetchEgo(id: string, depth: number, asOf: string, maxNodes: number): Promise<ApiNetwork> {
  const data = await gql<{ egoNetwork: ApiNetwork }>(EGO, { id, depth, asOf: asOf || null, maxNodes });
  return data.egoNetwork;
}

/** A deterministic pseudo-random sequence, so the same network starts from the same layout. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Replace the graph's content with ``network``. Nodes drawn before keep their
 * positions (so moving the date does not reshuffle the map); a new node starts
 * beside a neighbour that kept its place, else in its community's disc around a
 * circle; ForceAtlas2 then refines. Returns the share of nodes that kept a position.
 */
export function fillGraph(graph: NetworkGraph, network: ApiNetwork, englishNames: Map<string, string>): number {
  const next = random(42);
  const communities = Math.max(1, ...network.nodes.map((n) => (n.community ?? 0) + 1));
  const spread = Math.sqrt(network.nodes.length) * 4;
  const before = new Map<string, { x: number; y: number }>();
  graph.forEachNode((id, a) => before.set(id, { x: a.x, y: a.y }));
  graph.clear();
  const neighbours = new Map<string, string[]>();
  for (const edge of network.edges) {
    for (const [a, b] of [[edge.source, edge.target], [edge.target, edge.source]]) {
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    }
  }
  let kept = 0;
  for (const node of network.nodes) {
    const community = node.community ?? -1;
    const angle = (2 * Math.PI * Math.max(0, community)) / communities;
    const r = Math.sqrt(next()) * spread * 0.35;
    const theta = next() * 2 * Math.PI;
    let at = before.get(node.id);
    if (at) kept++;
    else {
      const anchor = (neighbours.get(node.id) ?? []).map((n) => before.get(n)).find((p) => p !== undefined);
      at = anchor ? { x: anchor.x + (next() - 0.5), y: anchor.y + (next() - 0.5) }
        : { x: Math.cos(angle) * spread + Math.cos(theta) * r, y: Math.sin(angle) * spread + Math.sin(theta) * r };
    }
    graph.addNode(node.id, {
      label: node.label, name: node.label, nameEn: englishNames.get(node.id) ?? null,
      kind: node.kind, classification: node.classification,
      degree: node.degree ?? 0, betweenness: node.betweenness ?? 0, community,
      x: at.x, y: at.y, size: 3, color: "#999",
    });
  }
  for (const edge of network.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.source, edge.target)) {
      graph.addEdge(edge.source, edge.target, { kind: edge.kind, weight: edge.weight, size: 0.6 });
    }
  }
  return network.nodes.length ? kept / network.nodes.length : 0;
}

/** ForceAtlas2 in a web worker: the main thread stays free to draw and answer the user. */
export class Layout {
  private supervisor: FA2Layout | null = null;
  private timer = 0;
  onChange: (running: boolean) => void = () => undefined;
  /** Called once each run ends (by its timer or by ``stop``). */
  onStop: () => void = () => undefined;

  constructor(private graph: NetworkGraph) {}

  /** Run for ``seconds`` (by default longer for larger graphs), then stop. */
  start(seconds?: number): void {
    this.kill();
    if (this.graph.order < 2) return;
    const settings = forceAtlas2.inferSettings(this.graph);
    this.supervisor = new FA2Layout(this.graph, {
      settings: { ...settings, barnesHutOptimize: this.graph.order > 500, adjustSizes: false },
      getEdgeWeight: "weight",
    });
    this.supervisor.start();
    this.onChange(true);
    const duration = seconds ?? Math.min(15, 3 + this.graph.order / 2500);
    this.timer = window.setTimeout(() => this.stop(), duration * 1000);
  }

  stop(): void {
    window.clearTimeout(this.timer);
    const wasRunning = this.supervisor?.isRunning() ?? false;
    if (wasRunning) this.supervisor!.stop();
    this.onChange(false);
    if (wasRunning) this.onStop();
  }

  running(): boolean {
    return this.supervisor?.isRunning() ?? false;
  }

  kill(): void {
    window.clearTimeout(this.timer);
    this.supervisor?.kill();
    this.supervisor = null;
  }
}
