// The URL holds what a view shows (#/view/id?dataset=…&asOf=…&…), so a reload or a
// shared link restores it. Views change it with replaceState: no history entry, no reload.

/** The current view's parameters. */
export function urlParams(): URLSearchParams {
  return new URLSearchParams(location.hash.split("?")[1] ?? "");
}

/** Set (or, with null or "", remove) parameters of the current view's URL. */
export function setUrlParams(patch: Record<string, string | number | boolean | null | undefined>): void {
  const [path] = location.hash.split("?");
  const params = urlParams();
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === "" || value === false) params.delete(key);
    else params.set(key, String(value));
  }
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${location.search}${path || "#/network"}${query ? `?${query}` : ""}`);
}

/** The address of ``view`` (and ``id``) keeping the parameters every view shares. */
export function viewHref(view: string, id: string | null = null, shared: Record<string, string> = {}): string {
  const params = new URLSearchParams(Object.entries(shared).filter(([, v]) => v !== ""));
  const query = params.toString();
  return `#/${view}${id ? `/${encodeURIComponent(id)}` : ""}${query ? `?${query}` : ""}`;
}
