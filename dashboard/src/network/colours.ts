// Colours and sizes of nodes, by the metric the user picked.
import type { NodeAttributes } from "./graph";

export const BODY_COLOURS: Record<string, string> = {
  council: "#c0392b",
  steering_committee: "#e67e22",
  subcommittee: "#8e44ad",
  working_group: "#2980b9",
  task_force: "#16a085",
};
export const PERSON_COLOUR = "#7f8c8d";
export const OTHER_COLOUR = "#b7950b";

const COMMUNITY = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
  "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39",
];

export type SizeBy = "degree" | "betweenness";
export type ColourBy = "bodyType" | "community";

export function nodeColour(node: NodeAttributes, by: ColourBy): string {
  if (by === "community") return node.community < 0 ? "#999" : COMMUNITY[node.community % COMMUNITY.length];
  if (node.kind === "Person") return PERSON_COLOUR;
  return BODY_COLOURS[node.classification ?? ""] ?? OTHER_COLOUR;
}

/** A size in pixels between ``min`` and ``max``, by the square root of the metric's share of its maximum. */
export function nodeSize(node: NodeAttributes, by: SizeBy, maxima: Record<SizeBy, number>, min: number, max: number): number {
  const value = by === "degree" ? node.degree : node.betweenness;
  const top = maxima[by] || 1;
  return min + (max - min) * Math.sqrt(Math.max(0, value) / top);
}

export function communityColour(index: number): string {
  return COMMUNITY[index % COMMUNITY.length];
}
