import { NavLink, useLocation, useNavigate } from "react-router";

import { useAuth } from "../auth/AuthContext";
import { loginPath, registerPath } from "../lib/next";

/** Site navigation: the admin link only for administrators, log in/out as fits. */
export default function Header() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  // Logging in or registering brings the traveller back here (the search, the chosen flights).
  const onAccountPage = ["/login", "/register"].includes(location.pathname);
  const here = onAccountPage ? "/" : location.pathname + location.search;
  return (
    <header className="site-header">
      <NavLink to="/" className="brand" end>
        Skyqueue
      </NavLink>
      <nav aria-label="Main">
        <ul>
          <li>
            <NavLink to="/" end>
              Search
            </NavLink>
          </li>
          {auth.status === "authenticated" && (
            <li>
              <NavLink to="/orders">My bookings</NavLink>
            </li>
          )}
          <li>
            <NavLink to="/manage">Manage booking</NavLink>
          </li>
          {auth.user?.is_admin === true && (
            <li>
              <NavLink to="/admin">Admin</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <div className="account">
        {auth.status === "anonymous" ? (
          <>
            <NavLink to={loginPath(here)}>Log in</NavLink>
            <NavLink to={registerPath(here)} className="button-link">
              Register
            </NavLink>
          </>
        ) : (
          <>
            {auth.user && (
              <NavLink to="/account" className="username" title="Your account">
                {auth.user.username}
              </NavLink>
            )}
            <button
              type="button"
              onClick={() => {
                auth.logOut();
                void navigate("/");
              }}
            >
              Log out
            </button>
          </>
        )}
      </div>
    </header>
  );
}
