// Live updates: a subscription to the dataset's changes over WebSocket (graphql-transport-ws).
// When a change is committed, the open view is rendered again from the API and a notice says so.
import { createClient, type Client } from "graphql-ws";

import { apiKey } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { store } from "./state";

const CHANGES = `subscription Changes($dataset: String) {
  changes(dataset: $dataset) { id sequence action recordId recordKind at }
}`;

export interface LiveChange {
  id: string;
  sequence: number;
  action: string;
  recordId: string;
  recordKind: string;
  at: string;
}

let client: Client | null = null;
let stop: (() => void) | null = null;
let watching = "";
let notice: HTMLElement | null = null;

function socketUrl(): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
}

function say(change: LiveChange): void {
  notice ??= document.body.appendChild(h("div", { id: "live-notice", class: "live-notice", role: "status", "aria-live": "polite" }));
  notice.dataset.change = change.id;
  notice.dataset.sequence = String(change.sequence);
  notice.textContent = `${t("liveUpdated")} (${change.action.replace(/_/g, " ")} · ${change.at.slice(11, 19)})`;
}

/**
 * Follow the changes of the dataset the page shows; on each, ``refresh`` renders the open
 * view again and a notice names what changed. Following moves with the dataset selector.
 */
export function startLive(refresh: (change: LiveChange) => void): void {
  const follow = () => {
    if (watching === store.state.dataset && stop) return;
    stop?.();
    watching = store.state.dataset;
    client ??= createClient({
      url: socketUrl(),
      lazy: true,
      retryAttempts: Infinity,
      connectionParams: () => (apiKey() ? { authorization: `Bearer ${apiKey()}` } : {}),
    });
    stop = client.subscribe<{ changes: LiveChange }>({ query: CHANGES, variables: { dataset: watching || null } }, {
      next: (message) => {
        const change = message.data?.changes;
        if (!change) return;
        refresh(change);
        say(change);
      },
      error: () => undefined, // the client retries; the page keeps working without live updates
      complete: () => undefined,
    });
    document.documentElement.dataset.live = "on";
  };
  store.subscribe((_, changed) => {
    if (changed.includes("dataset")) follow();
  });
  follow();
}
