/** The logged-in session kept in localStorage, so that a reload (or another tab) stays logged in. */

const KEY = "skyqueue.session";

export interface StoredSession {
  token: string;
  /** Epoch milliseconds after which the API will refuse the token. */
  expiresAt: number;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.token === "string" && typeof candidate.expiresAt === "number";
}

/** The stored session, or null when there is none, it is unreadable, or it has expired. */
export function readSession(now: number = Date.now()): StoredSession | null {
  const raw = localStorage.getItem(KEY);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isStoredSession(parsed) && parsed.expiresAt > now) return parsed;
  } catch {
    // fall through: an unreadable entry is dropped like an expired one
  }
  localStorage.removeItem(KEY);
  return null;
}

export function saveSession(session: StoredSession): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** Calls `listener` when another tab logs in or out. */
export function onSessionChangedElsewhere(listener: () => void): () => void {
  const handle = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) listener();
  };
  window.addEventListener("storage", handle);
  return () => {
    window.removeEventListener("storage", handle);
  };
}
