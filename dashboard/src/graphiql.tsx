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
