// The dashboard shell: header (dataset, language, API key), one tab per view, hash routing.
import "./style.css";

import { apiKey, gql, serverConfig, setApiKey } from "./api";
import { errorBox, fill, h } from "./dom";
import { t, type StringKey } from "./i18n";
import { startLive } from "./live";
import { store } from "./state";
import { bodyView } from "./views/bodyView";
import { concentrationView } from "./views/concentrationView";
import { coordinatorsView } from "./views/coordinatorsView";
import { networkView } from "./views/networkView";
import { partiesView } from "./views/partiesView";
import { setUrlParams, viewHref } from "./url";

type ViewName = "network" | "concentration" | "coordinators" | "body" | "parties";
const TABS: [ViewName, StringKey][] = [["network", "network"], ["concentration", "concentration"], ["coordinators", "coordinators"], ["body", "bodies"], ["parties", "parties"]];

interface Route { view: ViewName; id: string | null; params: URLSearchParams }

function route(): Route {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const [view, ...rest] = path.split("/");
  const name = (TABS.some(([v]) => v === view) ? view : "network") as ViewName;
  return { view: name, id: rest.length ? decodeURIComponent(rest.join("/")) : null, params: new URLSearchParams(query ?? "") };
}

const app = document.getElementById("app")!;
const main = h("main", { id: "view", tabindex: "-1" });
let unmount: () => void = () => undefined;
let datasets: { id: string; title: string }[] = [];

/** The parameters every view shares in its URL: dataset, date, language. */
function shared(): Record<string, string> {
  return { dataset: store.state.dataset, asOf: store.state.asOf, lang: store.state.lang };
}

function header(current: ViewName): HTMLElement {
  const datasetSelect = h("select", { id: "dataset", onchange: () => store.set({ dataset: datasetSelect.value }) },
    datasets.map((d) => h("option", { value: d.id, selected: d.id === store.state.dataset, title: d.title }, d.id)));
  const key = h("input", { type: "password", id: "api-key", placeholder: t("apiKey"), "aria-label": t("apiKey"), value: apiKey(), autocomplete: "off", size: 14 });
  // The date control of every view (the network map has its slider too): empty is every date.
  const date = h("input", { type: "date", id: "as-of-date", value: store.state.asOf, min: "2000-01-01", max: "2100-12-31", title: t("dateControl") });
  date.addEventListener("change", () => store.set({ asOf: date.value }));
  const role = h("span", { class: "role-badge", id: "role-badge" });
  void serverConfig().then((c) => {
    role.textContent = `${t("yourRole")}: ${c.role}`;
  }).catch(() => undefined);
  return h("header", {},
    h("a", { class: "skip", href: "#view", onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, t("skipToMain")),
    h("a", { class: "brand", href: viewHref("network", null, shared()) }, "govgraph"),
    h("nav", { "aria-label": t("views") }, TABS.map(([view, label]) => h("a", { href: viewHref(view, null, shared()), class: view === current ? "active" : "",
      id: `tab-${view}`, "aria-current": view === current ? "page" : undefined }, t(label)))),
    h("div", { class: "tools" },
      h("label", {}, h("span", {}, t("dataset")), datasetSelect),
      h("label", {}, h("span", {}, t("asOf")), date),
      h("div", { class: "lang", role: "group", "aria-label": t("language") },
        ...(["ko", "en"] as const).map((lang) => h("button", { type: "button", id: `lang-${lang}`, class: store.state.lang === lang ? "active" : "",
          "aria-pressed": String(store.state.lang === lang), lang, onclick: () => store.set({ lang }) }, lang === "ko" ? "한국어" : "English"))),
      h("form", { class: "key", onsubmit: (e: Event) => { e.preventDefault(); setApiKey(key.value.trim()); render(); } },
        key, h("button", { type: "submit" }, t("save"))),
      role,
      h("a", { href: "/graphql", class: "aside" }, "GraphiQL"), h("a", { href: "/docs", class: "aside" }, t("apiDocs"))));
}

/** Take dataset, date and language from the URL (a link followed, or the address edited). */
function adopt(params: URLSearchParams): void {
  const dataset = params.get("dataset");
  if (dataset && datasets.some((d) => d.id === dataset)) store.state.dataset = dataset;
  const asOf = params.get("asOf");
  if (asOf !== null && (asOf === "" || /^\d{4}-\d{2}-\d{2}$/.test(asOf))) store.state.asOf = asOf;
  const lang = params.get("lang");
  if ((lang === "ko" || lang === "en") && lang !== store.state.lang) {
    store.state.lang = lang;
    localStorage.setItem("govgraph.lang", lang);
  }
}

function render(): void {
  unmount();
  const current = route();
  adopt(current.params);
  document.documentElement.lang = store.state.lang;
  document.title = `${t(TABS.find(([v]) => v === current.view)![1])} · ${t("title")}`;
  fill(app, header(current.view), main);
  setUrlParams(shared());
  const open = (id: string) => (location.hash = viewHref("body", id, shared()));
  if (current.view === "concentration") unmount = concentrationView(main);
  else if (current.view === "coordinators") unmount = coordinatorsView(main);
  else if (current.view === "body") unmount = bodyView(main, current.id, open);
  else if (current.view === "parties") unmount = partiesView(main);
  else unmount = networkView(main, current.params, open);
}

async function start(): Promise<void> {
  try {
    datasets = (await gql<{ datasets: { id: string; title: string }[] }>("{ datasets { id title } }")).datasets;
  } catch (error) {
    fill(app, errorBox(error));
    return;
  }
  const params = route().params;
  const wanted = params.get("dataset");
  const preferred = datasets.find((d) => d.id === wanted) ?? datasets.find((d) => d.id === "seodaemun-2021") ?? datasets[0];
  store.state.dataset = preferred?.id ?? "";
  const asOf = params.get("asOf") ?? "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) store.state.asOf = asOf;
  const lang = params.get("lang");
  if (lang === "ko" || lang === "en") store.set({ lang });
  store.subscribe((_, changed) => {
    setUrlParams(shared()); // first: render() adopts what the URL says
    if (changed.includes("lang")) render();
    else {
      for (const [view] of TABS) document.getElementById(`tab-${view}`)?.setAttribute("href", viewHref(view, null, shared()));
      const date = document.getElementById("as-of-date") as HTMLInputElement | null;
      if (date && date.value !== store.state.asOf) date.value = store.state.asOf;
    }
  });
  window.addEventListener("hashchange", render);
  render();
  startLive(() => render());
}

void start();
