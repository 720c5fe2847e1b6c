// A body: members and roles, chair, parent and sub-bodies, lead department,
// attendance per meeting and per member category.
import { gql } from "../api";
import { barChart } from "../components/barChart";
import { dateRange, errorBox, fill, h, percent } from "../dom";
import { bodyType, bothNames, categoryName, confidenceName, named, num, roleName, t } from "../i18n";
import { store } from "../state";

const LIST = `query Bodies($dataset: String!, $after: String) {
  bodies(filter: {dataset: $dataset}, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name nameEn classification }
  }
}`;

const BODY = `query BodyView($id: ID!, $asOf: Date) {
  body(id: $id) {
    id dataset name nameEn classification capacity meetingCadence foundingDate dissolutionDate sources confidence
    memberCount(asOf: $asOf)
    parent { id name nameEn classification }
    children(first: 100) { nodes { id name nameEn classification leadOrganization { name nameEn } } }
    leadOrganization { name nameEn parent { name nameEn } }
    chairs: members(asOf: $asOf, filter: {roles: ["chair", "co_chair"]}, first: 10) { nodes { role person { id name } } }
    members(asOf: $asOf, first: 100) {
      totalCount
      nodes { role memberCategory label startDate endDate sources confidence person { id name category } }
    }
  }
  attendance(bodies: [$id]) {
    overall { rate seats present meetings }
    byMeeting { date number rate { rate seats present } }
    byCategory { memberCategory rate { rate seats present } }
  }
}`;

interface Named { id: string; name: string; nameEn: string | null; classification: string }
interface Rate { rate: number | null; seats: number; present: number; meetings?: number }

interface BodyAnswer {
  body: null | Named & {
    dataset: string; capacity: number | null; meetingCadence: string | null; foundingDate: string | null; dissolutionDate: string | null;
    sources: string[]; confidence: string; memberCount: number; parent: Named | null;
    children: { nodes: (Named & { leadOrganization: { name: string; nameEn: string | null } | null })[] };
    leadOrganization: { name: string; nameEn: string | null; parent: { name: string; nameEn: string | null } | null } | null;
    chairs: { nodes: { role: string; person: { id: string; name: string } | null }[] };
    members: { totalCount: number; nodes: { role: string; memberCategory: string | null; label: string | null; startDate: string | null; endDate: string | null;
      sources: string[]; confidence: string; person: { id: string; name: string; category: string | null } | null }[] };
  };
  attendance: { overall: Rate; byMeeting: { date: string; number: number | null; rate: Rate }[]; byCategory: { memberCategory: string; rate: Rate }[] };
}

async function bodiesOf(dataset: string): Promise<Named[]> {
  const all: Named[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const data: { bodies: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Named[] } } = await gql(LIST, { dataset, after });
    all.push(...data.bodies.nodes);
    if (!data.bodies.pageInfo.hasNextPage) break;
    after = data.bodies.pageInfo.endCursor;
  }
  return all;
}

const link = (b: Named) => h("a", { href: `#/body/${encodeURIComponent(b.id)}` }, named(b.name, b.nameEn));

function attendanceCharts(a: BodyAnswer["attendance"]): HTMLElement {
  if (!a.byMeeting.length) return h("p", { class: "muted" }, t("noAttendance"));
  return h("div", { class: "charts" },
    h("div", { class: "chart", id: "attendance-meetings" }, h("h3", {}, `${t("attendanceByMeeting")} · ${t("overall")} ${percent(a.overall.rate)}`),
      barChart(a.byMeeting.map((m) => ({ label: m.number ? `#${m.number}` : m.date.slice(5), value: (m.rate.rate ?? 0) * 100,
        text: percent(m.rate.rate, 0), title: `${m.date}: ${m.rate.present}/${m.rate.seats}` })), { max: 100, yTitle: "%", colour: "#2e8b57", label: t("chartMeetings") })),
    h("div", { class: "chart", id: "attendance-categories" }, h("h3", {}, t("attendanceByCategory")),
      barChart(a.byCategory.map((c) => ({ label: categoryName(c.memberCategory), value: (c.rate.rate ?? 0) * 100,
        text: percent(c.rate.rate, 1), title: `${c.rate.present}/${c.rate.seats}` })), { max: 100, yTitle: "%", colour: "#a0521a", label: t("chartCategories") })));
}

function details(data: BodyAnswer): HTMLElement {
  const b = data.body!;
  const chairs = b.chairs.nodes.map((c) => `${c.person?.name ?? "–"} (${roleName(c.role)})`).join(", ") || "–";
  const lead = b.leadOrganization;
  return h("div", { class: "body-details" },
    h("section", { class: "card" },
      h("h2", { id: "body-title" }, bothNames(b.name, b.nameEn)),
      h("dl", { class: "facts" },
        h("dt", {}, t("bodyType")), h("dd", {}, bodyType(b.classification)),
        h("dt", {}, t("chair")), h("dd", { id: "body-chair" }, chairs),
        h("dt", {}, t("capacity")), h("dd", {}, `${num(b.memberCount)} / ${b.capacity === null ? "–" : num(b.capacity)}`),
        h("dt", {}, t("parent")), h("dd", {}, b.parent ? link(b.parent) : "–"),
        h("dt", {}, t("children")), h("dd", {}, b.children.nodes.length ? h("ul", { class: "inline" }, b.children.nodes.map((c) =>
          h("li", {}, link(c), c.leadOrganization ? h("small", {}, ` · ${named(c.leadOrganization.name, c.leadOrganization.nameEn)}`) : null))) : "–"),
        h("dt", {}, t("leadDepartment")), h("dd", {}, lead ? `${named(lead.name, lead.nameEn)}${lead.parent ? ` · ${named(lead.parent.name, lead.parent.nameEn)}` : ""}` : "–"),
        h("dt", {}, t("dates")), h("dd", {}, dateRange(b.foundingDate, b.dissolutionDate)),
        h("dt", {}, t("sources")), h("dd", { class: "sources" }, b.sources.join("; ")),
        h("dt", {}, t("confidence")), h("dd", {}, confidenceName(b.confidence)))),
    h("section", { class: "card" }, attendanceCharts(data.attendance)),
    h("section", { class: "card wide" },
      h("h3", {}, `${t("members")} (${b.members.totalCount})`),
      h("table", { class: "data", id: "body-members" },
        h("thead", {}, h("tr", {}, (["name", "role", "category", "dates", "sources", "confidence"] as const).map((k) => h("th", { scope: "col" }, t(k))))),
        h("tbody", {}, b.members.nodes.map((m) => h("tr", {},
          h("td", {}, m.person?.name ?? "–"),
          h("td", {}, roleName(m.role), m.label ? h("small", {}, ` ${m.label}`) : null),
          h("td", {}, categoryName(m.memberCategory)),
          h("td", { class: "nowrap" }, dateRange(m.startDate, m.endDate)),
          h("td", { class: "sources" }, m.sources.join("; ")),
          h("td", {}, confidenceName(m.confidence))))))));
}

/** The body view of ``id`` (or of the dataset's first body). */
export function bodyView(root: HTMLElement, id: string | null, open: (id: string) => void): () => void {
  const picker = h("select", { id: "body-picker", onchange: () => open(picker.value) });
  const content = h("div", { class: "body-content" }, h("p", { class: "muted" }, t("loading")));
  fill(root, h("div", { class: "view body", id: "body-view" }, h("h1", { class: "visually-hidden" }, t("bodies")),
    h("label", { class: "picker" }, h("span", {}, t("bodies")), picker), content));
  let ticket = 0;
  const load = async () => {
    const mine = ++ticket;
    try {
      const bodies = await bodiesOf(store.state.dataset);
      const unknown = id !== null && !bodies.some((b) => b.id === id);
      const chosen = id && !unknown ? id : (bodies.find((b) => b.classification === "council") ?? bodies[0])?.id;
      fill(picker, unknown ? h("option", { value: "", selected: true }, "–") : null,
        bodies.map((b) => h("option", { value: b.id, selected: !unknown && b.id === chosen }, `${named(b.name, b.nameEn)} · ${bodyType(b.classification)}`)));
      if (unknown) {
        // An unknown id is a not-found state, not another body.
        return fill(content, h("div", { class: "card not-found", id: "body-not-found", role: "alert" },
          h("h2", {}, t("notFoundBody", { id: id! })), h("p", {}, h("code", { class: "code" }, "NOT_FOUND"), " ", t("notFoundHint"))));
      }
      if (!chosen) return fill(content, h("p", {}, "–"));
      const data = await gql<BodyAnswer>(BODY, { id: chosen, asOf: store.state.asOf || null });
      if (mine !== ticket) return;
      fill(content, data.body ? details(data) : h("p", {}, chosen));
    } catch (error) {
      fill(content, errorBox(error));
    }
  };
  const unsubscribe = store.subscribe((_, changed) => {
    if (changed.includes("dataset")) id = null;
    if (changed.includes("dataset") || changed.includes("asOf")) void load();
  });
  void load();
  return unsubscribe;
}
