// App-wide choices shared by every view: dataset, language, as-of date.

export type Lang = "ko" | "en";

export interface AppState {
  dataset: string;
  lang: Lang;
  /** ISO date, or "" for every membership whatever its dates. */
  asOf: string;
}

type Listener = (state: AppState, changed: (keyof AppState)[]) => void;

const LANG_STORAGE = "govgraph.lang";

class Store {
  state: AppState = {
    dataset: "",
    lang: localStorage.getItem(LANG_STORAGE) === "en" ? "en" : "ko",
    asOf: "",
  };
  private listeners = new Set<Listener>();

  set(patch: Partial<AppState>): void {
    const changed = (Object.keys(patch) as (keyof AppState)[]).filter((k) => patch[k] !== this.state[k]);
    if (!changed.length) return;
    this.state = { ...this.state, ...patch };
    if (changed.includes("lang")) localStorage.setItem(LANG_STORAGE, this.state.lang);
    for (const listener of this.listeners) listener(this.state, changed);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const store = new Store();
