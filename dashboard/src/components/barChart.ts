// A labelled SVG bar chart: small, dependency-free, readable in screenshots.

const SVG = "http://www.w3.org/2000/svg";

export interface Bar {
  label: string;
  value: number;
  /** Text printed above the bar (defaults to the value). */
  text?: string;
  title?: string;
}

export interface BarChartOptions {
  height?: number;
  max?: number;
  colour?: string;
  xTitle?: string;
  yTitle?: string;
  /** What the chart shows, for screen readers. */
  label?: string;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A vertical bar chart of ``bars`` scaled to fit its container's width. */
export function barChart(bars: Bar[], options: BarChartOptions = {}): SVGSVGElement {
  const height = options.height ?? 220;
  const lines = bars.map((b) => labelLines(b.label));
  const longest = Math.max(0, ...lines.flat().map((line) => line.length));
  const twoLines = lines.some((l) => l.length > 1);
  const width = Math.max(320, bars.length * Math.max(56, longest * 7.5 + 14) + 60);
  const left = 44;
  const bottom = (options.xTitle ? 42 : 26) + (twoLines ? 14 : 0);
  const top = 22;
  const plot = height - top - bottom;
  const max = options.max ?? niceMax(Math.max(1, ...bars.map((b) => b.value)));
  const step = (width - left - 10) / Math.max(1, bars.length);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "bar-chart", role: "img",
    "aria-label": `${options.label ?? options.yTitle ?? ""}: ${bars.map((b) => `${b.label} ${b.text ?? b.value}`).join(", ")}` });
  for (const tick of [0, 0.5, 1]) {
    const y = top + plot * (1 - tick);
    root.append(svg("line", { x1: left, x2: width - 6, y1: y, y2: y, class: "grid" }));
    const label = svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", class: "tick" });
    label.textContent = formatTick(max * tick);
    root.append(label);
  }
  bars.forEach((bar, i) => {
    const barHeight = (plot * bar.value) / max;
    const x = left + i * step + step * 0.15;
    const rect = svg("rect", {
      x, y: top + plot - barHeight, width: step * 0.7, height: Math.max(barHeight, 0.5), rx: 3,
      fill: options.colour ?? "#3b6fb6", class: "bar",
    });
    const title = svg("title", {});
    title.textContent = bar.title ?? `${bar.label}: ${bar.text ?? bar.value}`;
    rect.append(title);
    const value = svg("text", { x: x + step * 0.35, y: top + plot - barHeight - 5, "text-anchor": "middle", class: "value" });
    value.textContent = bar.text ?? String(bar.value);
    const label = svg("text", { x: x + step * 0.35, y: top + plot + 16, "text-anchor": "middle", class: "label" });
    lines[i].forEach((line, n) => {
      const span = svg("tspan", { x: x + step * 0.35, dy: n === 0 ? 0 : 14 });
      span.textContent = line;
      label.append(span);
    });
    root.append(rect, value, label);
  });
  if (options.xTitle) {
    const x = svg("text", { x: left + (width - left) / 2, y: height - 6, "text-anchor": "middle", class: "axis-title" });
    x.textContent = options.xTitle;
    root.append(x);
  }
  if (options.yTitle) {
    const y = svg("text", { x: 4, y: 12, class: "axis-title" });
    y.textContent = options.yTitle;
    root.append(y);
  }
  return root;
}

/** A long label on two lines, split at the space nearest its middle. */
function labelLines(label: string): string[] {
  if (label.length <= 10 || !label.includes(" ")) return [label];
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index ?? 0);
  const cut = spaces.reduce((best, at) => (Math.abs(at - label.length / 2) < Math.abs(best - label.length / 2) ? at : best));
  return [label.slice(0, cut), label.slice(cut + 1)];
}

/** The smallest 1, 2, 2.5 or 5 times a power of ten at or above ``value``. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= value) ?? value;
}

function formatTick(value: number): string {
  if (value <= 1 && value > 0 && !Number.isInteger(value)) return value.toFixed(2);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
