/** Where to go after logging in: a path of this app only (never another site, e.g. "//evil"). */
export function safeNext(next: string | null): string {
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

export function loginPath(next: string): string {
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

export function registerPath(next: string): string {
  return next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`;
}
