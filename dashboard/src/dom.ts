// A few helpers to build DOM without a framework.
import { ApiError } from "./api";
import { errorSentence, num, t } from "./i18n";

type Child = Node | string | null | undefined | false;

/** ``<tag class=...>children</tag>`` with attributes and event handlers. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (name === "class") el.className = String(value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Replace everything inside ``el``. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren(...(children.flat().filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]));
}

/** An error message box: a sentence in the chosen language, the code beside, the server's words below. */
export function errorBox(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.codes.length) {
    const code = error.codes[0];
    return h("div", { class: "error", role: "alert", "data-code": code },
      h("strong", {}, errorSentence(code) ?? t("errorTitle")), " ", h("code", { class: "code" }, code),
      h("div", { class: "detail" }, error.detail));
  }
  return h("div", { class: "error", role: "alert" }, error instanceof Error ? error.message : String(error));
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "–" : `${num(value * 100, digits)} %`;
}

export function dateRange(start?: string | null, end?: string | null): string {
  if (!start && !end) return "–";
  return `${start ?? "…"} – ${end ?? "…"}`;
}
