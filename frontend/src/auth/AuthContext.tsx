/**
 * Who is logged in. The token lives in localStorage (a reload stays logged in); the user comes
 * from `GET /api/v1/auth/me`. A token that expires, or that the API refuses on any call, logs the
 * user out and leaves a notice saying why.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

import { getMe, logIn as requestToken, onUnauthorized, type Token, type UserPublic } from "../services/api";
import { clearSession, onSessionChangedElsewhere, readSession, saveSession, type StoredSession } from "./session";

export type AuthState =
  | { status: "anonymous"; user: null }
  | { status: "loading"; user: null }
  | { status: "error"; user: null; retry: () => void }
  | { status: "authenticated"; user: UserPublic };

export type AuthContextValue = AuthState & {
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => void;
  /** Keeps a new token for this login (the password changed: every other login ended). */
  adoptToken: (token: Token) => void;
  /** Why the user was logged out without asking (e.g. the session expired), until dismissed. */
  notice: string | null;
  dismissNotice: () => void;
};

const EXPIRED = "Your session has expired. Please log in again.";
export const LOGGED_OUT = "You are logged out.";
// setTimeout takes at most a signed 32-bit delay.
const MAX_TIMER_MS = 2 ** 31 - 1;

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<StoredSession | null>(() => readSession());
  const [notice, setNotice] = useState<string | null>(null);

  const endSession = useCallback(
    (why: string | null) => {
      clearSession();
      setSession(null);
      setNotice(why);
      // Nothing fetched for this user may be shown to the next one.
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => onUnauthorized(() => {
    endSession(EXPIRED);
  }), [endSession]);

  useEffect(() => {
    if (session === null) return;
    const timer = setTimeout(() => {
      endSession(EXPIRED);
    }, Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_MS));
    return () => {
      clearTimeout(timer);
    };
  }, [session, endSession]);

  useEffect(
    () =>
      onSessionChangedElsewhere(() => {
        const current = readSession();
        setSession(current);
        if (current === null) queryClient.clear();
      }),
    [queryClient],
  );

  const me = useQuery({
    queryKey: ["auth", "me", session?.token],
    queryFn: ({ signal }) => getMe(signal),
    enabled: session !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const keep = useCallback((token: Token) => {
    const next = { token: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  // A new token for the same user (after a password change): who they are is known already, so
  // the pages carry on instead of checking the account again (which would unmount them).
  const adopt = useCallback(
    (token: Token) => {
      const user = queryClient.getQueryData<UserPublic>(["auth", "me", session?.token]);
      if (user) queryClient.setQueryData(["auth", "me", token.access_token], user);
      keep(token);
    },
    [queryClient, keep, session],
  );

  const logIn = useCallback(
    async (username: string, password: string) => {
      const token = await requestToken(username, password);
      queryClient.clear();
      keep(token);
    },
    [queryClient, keep],
  );

  const logOut = useCallback(() => {
    endSession(LOGGED_OUT);
  }, [endSession]);
  const dismissNotice = useCallback(() => {
    setNotice(null);
  }, []);
  const refetchMe = me.refetch;

  const state: AuthState = useMemo(() => {
    if (session === null) return { status: "anonymous", user: null };
    if (me.data) return { status: "authenticated", user: me.data };
    if (me.isError)
      return {
        status: "error",
        user: null,
        retry: () => {
          void refetchMe();
        },
      };
    return { status: "loading", user: null };
  }, [session, me.data, me.isError, refetchMe]);

  const value = useMemo(
    () => ({ ...state, logIn, logOut, adoptToken: adopt, notice, dismissNotice }),
    [state, logIn, logOut, adopt, notice, dismissNotice],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error("useAuth must be used inside <AuthProvider>");
  return value;
}
