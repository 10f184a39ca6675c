import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";

import { LOGGED_OUT, useAuth } from "../auth/AuthContext";
import { loginPath } from "../lib/next";
import Loading from "./Loading";
import LoadError from "./LoadError";

/**
 * Pages for logged-in users: an anonymous visitor is sent to the login page, which brings them
 * back here afterwards. With `adminOnly`, a logged-in non-admin is told the page is not for them.
 */
export default function PrivateRoute({ adminOnly = false, children }: { adminOnly?: boolean; children?: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  switch (auth.status) {
    case "anonymous":
      // Who has just logged out goes home, not back to the login page.
      if (auth.notice === LOGGED_OUT) return <Navigate to="/" replace />;
      return <Navigate to={loginPath(location.pathname + location.search)} replace />;
    case "loading":
      return <Loading label="Checking your account…" />;
    case "error":
      return (
        <LoadError
          message="Your account could not be checked. The service may be unavailable."
          onRetry={auth.retry}
        />
      );
    case "authenticated":
      if (adminOnly && !auth.user.is_admin) {
        return (
          <section className="page" aria-labelledby="forbidden-title">
            <h1 id="forbidden-title">Administrators only</h1>
            <p>This page is for administrators. Your account ({auth.user.username}) is not one.</p>
          </section>
        );
      }
      return children ?? <Outlet />;
  }
}
