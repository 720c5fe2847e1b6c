// Search a person or body by name: names in the drawn graph first, then the API's people
// and bodies (so names outside the drawn, capped network are found too). A combobox:
// arrow keys move through the suggestions, Enter chooses, Escape closes; it says when
// nothing matched, and that non-public people's names are hidden when that is why.
import { gql } from "../api";
import { h } from "../dom";
import { bodyType, categoryName, t } from "../i18n";
import { store } from "../state";

export interface Match {
  id: string;
  label: string;
  detail: string;
  /** Whether the node is drawn on the map now. */
  drawn?: boolean;
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
 * A search box. ``local`` names matches among the drawn nodes; ``namesHidden`` says
 * whether the caller may not see non-public people's names; ``isDrawn`` whether an id is on the map.
 */
export function searchField(local: (text: string) => Match[], onChoose: (id: string) => void,
  namesHidden: () => boolean, isDrawn: (id: string) => boolean = () => true): HTMLElement {
  const input = h("input", {
    type: "search", placeholder: t("search"), "aria-label": t("search"), id: "search", autocomplete: "off",
    role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "search-results",
  });
  const list = h("ul", { class: "suggestions", role: "listbox", id: "search-results", "aria-label": t("search") });
  const note = h("p", { class: "search-note", id: "search-note", role: "status", "aria-live": "polite" });
  let timer = 0;
  let request = 0;
  let matches: Match[] = [];
  let active = -1;

  const open = (on: boolean) => {
    list.hidden = !on;
    input.setAttribute("aria-expanded", String(on));
    if (!on) input.removeAttribute("aria-activedescendant");
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll("li[role=option]").forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    const item = list.querySelector<HTMLElement>(`#search-option-${index}`);
    if (item) {
      input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const show = (found: Match[], final: boolean) => {
    matches = found;
    active = -1;
    list.replaceChildren(...found.map((m, i) => {
      const item = h("li", { role: "option", id: `search-option-${i}`, "data-id": m.id, "aria-selected": "false" },
        h("strong", {}, m.label), h("span", {}, m.detail, m.drawn === false ? h("em", { class: "not-drawn" }, ` · ${t("notDrawn")}`) : null));
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(m);
      });
      return item;
    }));
    const hidden = namesHidden();
    if (!found.length && final) {
      note.replaceChildren(h("strong", {}, t("noResults")), hidden ? h("span", { id: "names-hidden" }, ` · ${t("namesHidden")}`) : "");
    } else if (final && hidden) {
      note.replaceChildren(h("span", { id: "names-hidden" }, t("namesHidden")));
    } else note.replaceChildren();
    open(found.length > 0);
  };
  const choose = (m: Match) => {
    request++; // answers still on their way must not reopen the list
    window.clearTimeout(timer);
    input.value = m.label;
    note.replaceChildren();
    open(false);
    onChoose(m.id);
  };

  input.addEventListener("input", () => {
    const text = input.value.trim();
    window.clearTimeout(timer);
    const ticket = ++request;
    if (text.length < 1) {
      note.replaceChildren();
      return show([], false);
    }
    const mine = local(text).slice(0, 10).map((m) => ({ ...m, drawn: true }));
    show(mine, false);
    timer = window.setTimeout(async () => {
      const found = await gql<Found>(FIND, { dataset: store.state.dataset, name: text }).catch(() => null);
      if (ticket !== request) return;
      const seen = new Set(mine.map((m) => m.id));
      const more: Match[] = found ? [
        ...found.people.nodes.map((p) => ({ id: p.id, label: p.name, detail: categoryName(p.category) })),
        ...found.bodies.nodes.map((b) => ({ id: b.id, label: b.name, detail: bodyType(b.classification) })),
      ].filter((m) => !seen.has(m.id)).map((m) => ({ ...m, drawn: isDrawn(m.id) })) : [];
      show([...mine, ...more].slice(0, 14), true);
    }, 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden && matches.length) open(true);
      if (!matches.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight((active + step + matches.length) % matches.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = matches[active >= 0 ? active : 0];
      if (chosen && !list.hidden) choose(chosen);
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.stopPropagation();
        open(false);
      }
    }
  });
  input.addEventListener("blur", () => window.setTimeout(() => open(false), 150));
  open(false);
  return h("div", { class: "search-field" }, input, list, note);
}
