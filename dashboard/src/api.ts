// The page's only way to the server: the public GraphQL API and the export routes.
// Every request carries the API key (if one is set) as a bearer token.

const KEY_STORAGE = "govgraph.apiKey";

export function apiKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? "";
}

export function setApiKey(key: string): void {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** An answer the API refused; ``codes`` holds each GraphQL error's code, ``detail`` the server's words. */
export class ApiError extends Error {
  constructor(message: string, readonly codes: string[] = [], readonly detail: string = message) {
    super(message);
  }
}

/** The code and message of an HTTP route's error answer, whichever shape it has. */
function routeError(status: number, text: string): ApiError {
  let code = status === 403 ? "FORBIDDEN" : status === 401 ? "UNAUTHENTICATED" : status === 404 ? "NOT_FOUND"
    : status === 429 ? "RATE_LIMITED" : status >= 400 && status < 500 ? "BAD_USER_INPUT" : `HTTP_${status}`;
  let message = text;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string }; errors?: { message: string; extensions?: { code?: string } }[]; detail?: unknown };
    const first = body.errors?.[0];
    if (first) [code, message] = [first.extensions?.code ?? code, first.message];
    else if (body.error) [code, message] = [body.error.code ?? code, body.error.message ?? text];
    else if (body.detail !== undefined) message = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch {
    // not JSON: the text as it is
  }
  return new ApiError(`${code}: ${message}`, [code], message);
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Run a GraphQL document against /graphql and return its data, or throw its errors. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...authHeaders() },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError(`NETWORK: ${String(error)}`, ["NETWORK"], String(error));
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`HTTP_${response.status}: ${response.statusText}`, [`HTTP_${response.status}`], response.statusText);
  }
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.extensions?.code ?? "ERROR");
    throw new ApiError(body.errors.map((e, i) => `${codes[i]}: ${e.message}`).join("\n"), codes,
      body.errors.map((e) => e.message).join("\n"));
  }
  if (!response.ok || !body.data) throw new ApiError(`${response.status} ${response.statusText}`);
  return body.data;
}

/** Fetch an export route (with the key) and save the answer as a file. */
export async function download(path: string, params: URLSearchParams, filename: string): Promise<void> {
  const query = params.toString();
  const response = await fetch(query ? `${path}?${query}` : path, { headers: authHeaders() });
  if (!response.ok) throw routeError(response.status, await response.text());
  saveBlob(await response.blob(), filename);
}

/** Offer ``blob`` to the user as a downloaded file. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the server says of itself and of the caller (``/dashboard/config``). */
export interface ServerConfig {
  networkMaxNodes: number;
  role: string;
  permissions: string[];
}

let config: Promise<ServerConfig> | null = null;
let configKey = "";

/** The server's node cap and the caller's role and permissions (asked again when the key changes). */
export function serverConfig(): Promise<ServerConfig> {
  if (config === null || configKey !== apiKey()) {
    configKey = apiKey();
    config = fetch("/dashboard/config", { headers: authHeaders() }).then(async (r) => {
      if (!r.ok) throw routeError(r.status, await r.text());
      return (await r.json()) as ServerConfig;
    });
    config.catch(() => (config = null));
  }
  return config;
}
