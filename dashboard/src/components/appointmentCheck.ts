// The appointment check: pick a person, a body, a role and a start date; see what the
// appointment would do (load, thresholds, overlapping seats, overlap with other bodies)
// before anyone makes it. Nothing is written.
import { gql } from "../api";
import { errorBox, fill, h } from "../dom";
import { named, t } from "../i18n";
import { store } from "../state";

const CHOICES = `query Choices($dataset: String!) {
  people(filter: {dataset: $dataset}, first: 1000) { nodes { id name } }
  bodies(filter: {dataset: $dataset}, first: 1000) { nodes { id name nameEn } }
}`;

const CHECK = `query Check($person: ID!, $body: ID!, $role: String!, $from: Date, $minScore: Float!, $minBodies: Int!) {
  appointmentCheck(personId: $person, bodyId: $body, role: $role, from: $from, minScore: $minScore, minBodies: $minBodies) {
    asOf acceptable problems
    before { score bodyCount flagged }
    after { score bodyCount flagged reasons }
    crossed { threshold limit before after }
    overlapping { id role startDate endDate }
    overlaps { bodyId bodyName sharedBefore sharedAfter }
  }
}`;

const ROLES = ["member", "chair", "co_chair", "vice_chair", "leader", "secretary", "coordinator", "facilitator", "expert", "official", "advisor", "observer"];

interface Choices {
  people: { nodes: { id: string; name: string }[] };
  bodies: { nodes: { id: string; name: string; nameEn: string | null }[] };
}

interface Check {
  asOf: string;
  acceptable: boolean;
  problems: string[];
  before: { score: number; bodyCount: number; flagged: boolean } | null;
  after: { score: number; bodyCount: number; flagged: boolean; reasons: string[] };
  crossed: { threshold: string; limit: number; before: number; after: number }[];
  overlapping: { id: string; role: string; startDate: string | null; endDate: string | null }[];
  overlaps: { bodyId: string; bodyName: string; sharedBefore: number; sharedAfter: number }[];
}

/** What was last asked, kept when the view is rendered again (a live update). */
const last = { dataset: "", person: "", body: "", role: "member", from: "", ran: false };

/** The check's card; ``thresholds`` gives the view's current minScore and minBodies. */
export function appointmentCheck(thresholds: () => { minScore: number; minBodies: number }): HTMLElement {
  if (last.dataset !== store.state.dataset) Object.assign(last, { dataset: store.state.dataset, person: "", body: "", ran: false });
  const person = h("select", { id: "check-person", "aria-label": t("checkPerson") });
  const body = h("select", { id: "check-body", "aria-label": t("checkBody") });
  const role = h("select", { id: "check-role", "aria-label": t("role") }, ROLES.map((r) => h("option", { value: r, selected: r === last.role }, r.replace(/_/g, " "))));
  const from = h("input", { type: "date", id: "check-from", value: last.from || store.state.asOf });
  const result = h("div", { id: "check-result", "aria-live": "polite" });

  const run = async () => {
    Object.assign(last, { person: person.value, body: body.value, role: role.value, from: from.value, ran: true });
    if (!person.value || !body.value) return;
    fill(result, h("p", { class: "muted" }, t("loading")));
    try {
      const { appointmentCheck: check } = await gql<{ appointmentCheck: Check }>(CHECK, {
        person: person.value, body: body.value, role: role.value, from: from.value || null, ...thresholds(),
      });
      show(check);
    } catch (error) {
      fill(result, errorBox(error));
    }
  };

  const show = (check: Check) => {
    const before = check.before ?? { score: 0, bodyCount: 0, flagged: false };
    result.dataset.scoreBefore = String(before.score);
    result.dataset.scoreAfter = String(check.after.score);
    result.dataset.acceptable = String(check.acceptable);
    fill(result,
      h("p", { class: check.acceptable ? "ok" : "crossed", id: "check-verdict" }, check.acceptable ? t("acceptable") : t("refused")),
      check.problems.length ? h("ul", { id: "check-problems" }, check.problems.map((p) => h("li", {}, p))) : null,
      h("table", { class: "data" }, h("tbody", {},
        h("tr", {}, h("th", {}, t("loadBeforeAfter")), h("td", { id: "check-score" }, `${before.score} → ${check.after.score}`)),
        h("tr", {}, h("th", {}, t("bodiesBeforeAfter")), h("td", { id: "check-bodies" }, `${before.bodyCount} → ${check.after.bodyCount}`)),
        h("tr", {}, h("th", {}, t("thresholdsCrossed")), h("td", { id: "check-crossed", class: check.crossed.length ? "crossed" : "" },
          check.crossed.length ? check.crossed.map((c) => `${c.threshold} ${c.limit}: ${c.before} → ${c.after}`).join("; ")
            : before.flagged ? t("alreadyAbove") : t("noThresholdCrossed"))),
        h("tr", {}, h("th", {}, t("overlappingSeats")), h("td", { id: "check-overlapping" },
          check.overlapping.length ? check.overlapping.map((o) => `${o.role.replace(/_/g, " ")} ${o.startDate ?? "…"} – ${o.endDate ?? "…"}`).join("; ") : "–")),
        h("tr", {}, h("th", {}, t("bodyOverlapGrowth")), h("td", { id: "check-overlaps" },
          check.overlaps.length ? check.overlaps.slice(0, 8).map((o) => `${o.bodyName} ${o.sharedBefore} → ${o.sharedAfter}`).join("; ") : "–")))),
      check.after.reasons.length ? h("ul", { class: "reasons" }, check.after.reasons.map((r) => h("li", {}, r))) : null);
  };

  void gql<Choices>(CHOICES, { dataset: store.state.dataset }).then((found) => {
    fill(person, h("option", { value: "" }, "–"), found.people.nodes.map((p) => h("option", { value: p.id, selected: p.id === last.person }, p.name)));
    fill(body, h("option", { value: "" }, "–"), found.bodies.nodes.map((b) => h("option", { value: b.id, selected: b.id === last.body }, named(b.name, b.nameEn))));
    person.dataset.ready = "true";
    if (last.ran) void run();
  }).catch((error: unknown) => fill(result, errorBox(error)));

  return h("section", { class: "card appointment-check", id: "appointment-check" },
    h("h2", {}, t("appointmentCheck")),
    h("form", { onsubmit: (e: Event) => { e.preventDefault(); void run(); } },
      h("label", {}, h("span", {}, t("checkPerson")), person),
      h("label", {}, h("span", {}, t("checkBody")), body),
      h("label", {}, h("span", {}, t("role")), role),
      h("label", {}, h("span", {}, t("checkFrom")), from),
      h("button", { type: "submit", id: "check-run" }, t("checkRun"))),
    result);
}
