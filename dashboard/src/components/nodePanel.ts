// The side panel of one person or body: memberships, roles, dates, sources and confidence.
import { ApiError, gql } from "../api";
import { dateRange, errorBox, fill, h } from "../dom";
import { bodyType, bothNames, categoryName, confidenceName, named, num, roleName, t } from "../i18n";
import { store } from "../state";

const PERSON = `query Person($id: ID!, $asOf: Date) {
  person(id: $id) {
    id name otherNames category pseudonymous sources confidence bodyCount(asOf: $asOf)
    memberships(asOf: $asOf, first: 100) {
      totalCount
      nodes { id role memberCategory label startDate endDate sources confidence
              body { id name nameEn classification } }
    }
  }
}`;

const BODY = `query Body($id: ID!, $asOf: Date) {
  body(id: $id) {
    id name nameEn classification capacity sources confidence memberCount(asOf: $asOf)
    parent { id name nameEn }
    leadOrganization { name nameEn }
    members(asOf: $asOf, first: 100) {
      totalCount
      nodes { id role memberCategory startDate endDate sources confidence person { id name } }
    }
  }
}`;

interface Seat {
  id: string;
  role: string;
  memberCategory: string | null;
  label?: string | null;
  startDate: string | null;
  endDate: string | null;
  sources: string[];
  confidence: string;
}

interface PersonAnswer {
  person: null | {
    id: string; name: string; otherNames: string[]; category: string | null; pseudonymous: boolean;
    sources: string[]; confidence: string; bodyCount: number;
    memberships: { totalCount: number; nodes: (Seat & { body: { id: string; name: string; nameEn: string | null; classification: string } | null })[] };
  };
}

interface BodyAnswer {
  body: null | {
    id: string; name: string; nameEn: string | null; classification: string; capacity: number | null;
    sources: string[]; confidence: string; memberCount: number;
    parent: { id: string; name: string; nameEn: string | null } | null;
    leadOrganization: { name: string; nameEn: string | null } | null;
    members: { totalCount: number; nodes: (Seat & { person: { id: string; name: string } | null })[] };
  };
}

function sources(list: string[]): HTMLElement {
  return h("span", { class: "sources" }, list.join("; ") || "–");
}

function seatTable(heading: string, rows: { who: HTMLElement | string; seat: Seat }[], total: number): HTMLElement {
  return h("section", {},
    h("h3", {}, `${heading} (${total})`),
    h("table", { class: "compact seats-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("name")), h("th", { scope: "col" }, t("role")), h("th", { scope: "col" }, t("dates")), h("th", { scope: "col" }, t("confidence")))),
      h("tbody", {}, rows.map(({ who, seat }) => h("tr", {},
        h("td", {}, who, h("div", {}, sources(seat.sources))),
        h("td", {}, roleName(seat.role), seat.memberCategory ? h("div", { class: "muted small" }, categoryName(seat.memberCategory)) : null),
        h("td", { class: "nowrap" }, dateRange(seat.startDate, seat.endDate)),
        h("td", {}, h("span", { class: `badge ${seat.confidence.toLowerCase()}` }, confidenceName(seat.confidence))))))));
}

type Found = { person: PersonAnswer["person"] | null; body: BodyAnswer["body"] | null };

const notFound = (error: unknown) => error instanceof ApiError && error.codes.includes("NOT_FOUND");

/** The person or body ``id``: asked as ``kind`` when the drawn graph knows it, else person first. */
async function lookup(id: string, asOf: string | null, kind: string | null): Promise<Found> {
  if (kind !== "Body") {
    try {
      return { person: (await gql<PersonAnswer>(PERSON, { id, asOf })).person, body: null };
    } catch (error) {
      if (kind === "Person" || !notFound(error)) throw error;
    }
  }
  return { person: null, body: (await gql<BodyAnswer>(BODY, { id, asOf })).body };
}

/** Fill ``panel`` with the person or body ``id`` (fetched from the API). */
export async function showNode(panel: HTMLElement, id: string, kind: string | null,
  onOpen: (id: string) => void, onEgo?: (id: string, depth: number) => void): Promise<void> {
  panel.hidden = false;
  const body = panel.querySelector(".panel-body")!;
  fill(body, h("p", { class: "muted" }, t("loading")));
  const asOf = store.state.asOf || null;
  const ego = () => onEgo ? h("div", { class: "ego-actions", role: "group", "aria-label": t("neighbourhood") },
    ...[1, 2].map((depth) => h("button", { type: "button", class: "ego", "data-depth": String(depth), onclick: () => onEgo(id, depth) },
      `${t("neighbourhood")} · ${t("depth")} ${depth}`))) : null;
  try {
    const found = await lookup(id, asOf, kind);
    if (found.person) {
      const p = found.person;
      fill(body,
        h("h2", {}, p.name, p.pseudonymous ? h("small", { class: "badge pseudo" }, t("pseudonym")) : null),
        h("dl", {},
          h("dt", {}, t("category")), h("dd", {}, categoryName(p.category)),
          h("dt", {}, t("seats")), h("dd", {}, num(p.bodyCount)),
          h("dt", {}, t("sources")), h("dd", {}, sources(p.sources)),
          h("dt", {}, t("confidence")), h("dd", {}, confidenceName(p.confidence))),
        ego(),
        seatTable(t("memberships"), p.memberships.nodes.map((m) => ({
          who: m.body ? h("a", { href: `#/body/${encodeURIComponent(m.body.id)}`, title: bodyType(m.body.classification) }, named(m.body.name, m.body.nameEn)) : "–",
          seat: m })), p.memberships.totalCount));
    } else if (found.body) {
      const b = found.body;
      fill(body,
        h("h2", {}, bothNames(b.name, b.nameEn)),
        h("dl", {},
          h("dt", {}, t("bodyType")), h("dd", {}, bodyType(b.classification)),
          h("dt", {}, t("capacity")), h("dd", {}, `${b.memberCount} / ${b.capacity ?? "–"}`),
          h("dt", {}, t("parent")), h("dd", {}, b.parent ? named(b.parent.name, b.parent.nameEn) : "–"),
          h("dt", {}, t("leadDepartment")), h("dd", {}, b.leadOrganization ? named(b.leadOrganization.name, b.leadOrganization.nameEn) : "–"),
          h("dt", {}, t("sources")), h("dd", {}, sources(b.sources)),
          h("dt", {}, t("confidence")), h("dd", {}, confidenceName(b.confidence))),
        h("button", { type: "button", onclick: () => onOpen(b.id) }, t("openBody")),
        ego(),
        seatTable(t("members"), b.members.nodes.map((m) => ({ who: m.person?.name ?? "–", seat: m })), b.members.totalCount));
    } else {
      fill(body, h("p", {}, id));
    }
  } catch (error) {
    fill(body, errorBox(error));
  }
}

/** An empty, hidden side panel with a close button. */
export function nodePanel(onClose: () => void): HTMLElement {
  const panel = h("aside", { class: "side-panel", id: "node-panel", "aria-live": "polite", "aria-label": t("memberships"), tabindex: "-1" },
    h("button", { type: "button", class: "close", "aria-label": t("close"), onclick: onClose }, "×"),
    h("div", { class: "panel-body" }));
  panel.hidden = true;
  return panel;
}
