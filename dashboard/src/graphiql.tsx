// GraphiQL bundled locally (no CDN): the IDE served at GET /graphql.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { createRoot } from "react-dom/client";

import { authHeaders } from "./api";

const fetcher = createGraphiQLFetcher({ url: "/graphql", headers: authHeaders() });
const example = `# The Seodaemun report's table: people by number of bodies
{
  multiRoleConcentration(dataset: "seodaemun-2021") {
    totalPeople
    totalSeats
    buckets { bodies people }
  }
}
`;

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher} defaultQuery={example} />,
);

// CodeMirror's hidden text areas (query, variables, headers, result) carry no label:
// name each after the editor it belongs to, for screen readers (and axe-core).
const EDITORS: [string, string][] = [
  [".graphiql-query-editor", "GraphQL query"], [".graphiql-editor-tool [aria-label]", "Variables or headers"],
  [".result-window", "Result"], [".graphiql-editor", "Editor"],
];
new MutationObserver(() => {
  for (const area of document.querySelectorAll<HTMLTextAreaElement>("#graphiql textarea:not([aria-label])")) {
    const name = EDITORS.find(([selector]) => area.closest(selector))?.[1] ?? "Editor";
    area.setAttribute("aria-label", name);
  }
}).observe(document.getElementById("graphiql")!, { childList: true, subtree: true });
