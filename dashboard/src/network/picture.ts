// Pictures of the map as drawn now (filters, colours, sizes, selection): an SVG written
// from sigma's display data, and a PNG rendered from that SVG, both made in the page.
import type Sigma from "sigma";

import type { EdgeAttributes, NodeAttributes } from "./graph";

const FONT = "system-ui, 'Noto Sans CJK KR', 'Noto Sans KR', sans-serif";

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** The map as an SVG document: visible edges, then nodes, then the labels sigma would show. */
export function mapSvg(sigma: Sigma<NodeAttributes, EdgeAttributes>, title: string): string {
  const { width, height } = sigma.getDimensions();
  const graph = sigma.getGraph();
  const at = new Map<string, { x: number; y: number; size: number; color: string; label: string; hidden: boolean; forced: boolean }>();
  graph.forEachNode((node) => {
    const d = sigma.getNodeDisplayData(node);
    if (!d) return;
    const p = sigma.framedGraphToViewport(d);
    const ratio = sigma.getCamera().getState().ratio;
    at.set(node, { x: p.x, y: p.y, size: d.size / Math.sqrt(ratio), color: d.color, label: d.label ?? "", hidden: d.hidden, forced: d.forceLabel });
  });
  const lines: string[] = [];
  graph.forEachEdge((edge, _, source, target) => {
    const d = sigma.getEdgeDisplayData(edge);
    const [a, b] = [at.get(source), at.get(target)];
    if (!d || d.hidden || !a || !b || a.hidden || b.hidden) return;
    lines.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${d.color}" stroke-width="${Math.max(0.5, d.size).toFixed(1)}"/>`);
  });
  const circles: string[] = [];
  const labels: string[] = [];
  const shown = [...at.values()].filter((n) => !n.hidden && n.x >= -20 && n.y >= -20 && n.x <= width + 20 && n.y <= height + 20);
  // Labels of the largest nodes, skipping any that would overlap one already placed.
  const placed: { x: number; y: number; w: number }[] = [];
  for (const n of [...shown].sort((a, b) => Number(b.forced) - Number(a.forced) || b.size - a.size)) {
    circles.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${n.size.toFixed(1)}" fill="${n.color}"/>`);
    if (!n.label || labels.length >= 60) continue;
    const w = n.label.length * 7;
    const x = n.x + n.size + 3;
    if (placed.some((p) => Math.abs(p.y - n.y) < 14 && x < p.x + p.w && p.x < x + w)) continue;
    placed.push({ x, y: n.y, w });
    labels.push(`<text x="${x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}">${escape(n.label)}</text>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title>${escape(title)}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
<g class="edges">${lines.join("")}</g>
<g class="nodes">${circles.reverse().join("")}</g>
<g class="labels" font-family="${FONT}" font-size="12" fill="#1d2630">${labels.join("")}</g>
</svg>
`;
}

/** The SVG drawn onto a canvas (twice the screen's pixels) as a PNG. */
export async function mapPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    const context = canvas.getContext("2d")!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
