// The dashboard shell: header (dataset, language, API key), one tab per view, hash routing.
import "./style.css";

import { apiKey, gql, setApiKey } from "./api";
import { errorBox, fill, h } from "./dom";
import { t, type StringKey } from "./i18n";
import { startLive } from "./live";
import { store } from "./state";
import { bodyView } from "./views/bodyView";
import { concentrationView } from "./views/concentrationView";
import { coordinatorsView } from "./views/coordinatorsView";
import { networkView } from "./views/networkView";
import { partiesView } from "./views/partiesView";

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
const main = h("main", { id: "view" });
let unmount: () => void = () => undefined;
let datasets: { id: string; title: string }[] = [];

function header(current: ViewName): HTMLElement {
  const datasetSelect = h("select", { id: "dataset", "aria-label": t("dataset"), onchange: () => store.set({ dataset: datasetSelect.value }) },
    datasets.map((d) => h("option", { value: d.id, selected: d.id === store.state.dataset, title: d.title }, d.id)));
  const key = h("input", { type: "password", id: "api-key", placeholder: t("apiKey"), value: apiKey(), autocomplete: "off", size: 14 });
  return h("header", {},
    h("a", { class: "brand", href: "#/network" }, "govgraph"),
    h("nav", {}, TABS.map(([view, label]) => h("a", { href: `#/${view}`, class: view === current ? "active" : "", id: `tab-${view}` }, t(label)))),
    h("div", { class: "tools" },
      h("label", {}, h("span", {}, t("dataset")), datasetSelect),
      h("div", { class: "lang", role: "group" },
        ...(["ko", "en"] as const).map((lang) => h("button", { type: "button", id: `lang-${lang}`, class: store.state.lang === lang ? "active" : "",
          onclick: () => store.set({ lang }) }, lang === "ko" ? "한국어" : "English"))),
      h("form", { class: "key", onsubmit: (e: Event) => { e.preventDefault(); setApiKey(key.value.trim()); render(); } },
        key, h("button", { type: "submit" }, t("save"))),
      h("a", { href: "/graphql", class: "aside" }, "GraphiQL"), h("a", { href: "/docs", class: "aside" }, "API docs")));
}

function render(): void {
  unmount();
  const current = route();
  document.documentElement.lang = store.state.lang;
  fill(app, header(current.view), main);
  const open = (id: string) => (location.hash = `#/body/${encodeURIComponent(id)}`);
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
  const wanted = route().params.get("dataset");
  const preferred = datasets.find((d) => d.id === wanted) ?? datasets.find((d) => d.id === "seodaemun-2021") ?? datasets[0];
  store.state.dataset = preferred?.id ?? "";
  store.subscribe((_, changed) => {
    if (changed.includes("lang")) render();
  });
  window.addEventListener("hashchange", render);
  render();
  startLive(() => render());
}

void start();
