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

/** An answer the API refused; ``codes`` holds each GraphQL error's code. */
export class ApiError extends Error {
  constructor(message: string, readonly codes: string[] = []) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Run a GraphQL document against /graphql and return its data, or throw its errors. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`${response.status} ${response.statusText}`);
  }
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.extensions?.code ?? "ERROR");
    throw new ApiError(body.errors.map((e, i) => `${codes[i]}: ${e.message}`).join("\n"), codes);
  }
  if (!response.ok || !body.data) throw new ApiError(`${response.status} ${response.statusText}`);
  return body.data;
}

/** Fetch an export route (with the key) and save the answer as a file. */
export async function download(path: string, params: URLSearchParams, filename: string): Promise<void> {
  const query = params.toString();
  const response = await fetch(query ? `${path}?${query}` : path, { headers: authHeaders() });
  if (!response.ok) throw new ApiError(`${response.status} ${await response.text()}`);
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
