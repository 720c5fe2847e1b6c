// Search a person or body by name: names in the drawn graph first, then the API's people and bodies.
import { gql } from "../api";
import { h } from "../dom";
import { bodyType, t } from "../i18n";
import { store } from "../state";

export interface Match {
  id: string;
  label: string;
  detail: string;
}

const FIND = `query Find($dataset: String!, $name: String!) {
  people(filter: {dataset: $dataset, nameContains: $name}, first: 8) { nodes { id name category } }
  bodies(filter: {dataset: $dataset, nameContains: $name}, first: 8) { nodes { id name nameEn classification } }
}`;

interface Found {
  people: { nodes: { id: string; name: string; category: string | null }[] };
  bodies: { nodes: { id: string; name: string; nameEn: string | null; classification: string }[] };
}

/**
 * A search box. ``local`` names matches among the drawn nodes; the API is asked
 * too, so people outside the drawn (capped) network are found as well.
 */
export function searchField(local: (text: string) => Match[], onChoose: (id: string) => void): HTMLElement {
  const input = h("input", { type: "search", placeholder: t("search"), "aria-label": t("search"), id: "search", autocomplete: "off" });
  const list = h("ul", { class: "suggestions", role: "listbox", id: "search-results" });
  let timer = 0;
  let request = 0;

  const show = (matches: Match[]) => {
    list.replaceChildren(...matches.map((m) => {
      const item = h("li", { role: "option", "data-id": m.id, tabindex: "-1" }, h("strong", {}, m.label), h("span", {}, m.detail));
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(m);
      });
      return item;
    }));
    list.hidden = matches.length === 0;
  };
  const choose = (m: Match) => {
    input.value = m.label;
    list.hidden = true;
    onChoose(m.id);
  };

  input.addEventListener("input", () => {
    const text = input.value.trim();
    window.clearTimeout(timer);
    if (text.length < 1) return show([]);
    const mine = local(text).slice(0, 10);
    show(mine);
    const ticket = ++request;
    timer = window.setTimeout(async () => {
      const found = await gql<Found>(FIND, { dataset: store.state.dataset, name: text }).catch(() => null);
      if (!found || ticket !== request) return;
      const seen = new Set(mine.map((m) => m.id));
      const more: Match[] = [
        ...found.people.nodes.map((p) => ({ id: p.id, label: p.name, detail: p.category ?? "" })),
        ...found.bodies.nodes.map((b) => ({ id: b.id, label: b.name, detail: bodyType(b.classification) })),
      ].filter((m) => !seen.has(m.id));
      show([...mine, ...more].slice(0, 14));
    }, 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const first = list.querySelector("li");
      if (first) first.dispatchEvent(new MouseEvent("mousedown"));
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  input.addEventListener("blur", () => window.setTimeout(() => (list.hidden = true), 150));
  list.hidden = true;
  return h("div", { class: "search-field" }, input, list);
}
