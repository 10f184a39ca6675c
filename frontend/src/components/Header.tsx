import { NavLink, useNavigate } from "react-router";

import { useAuth } from "../auth/AuthContext";

/** Site navigation: the admin link only for administrators, log in/out as fits. */
export default function Header() {
  const auth = useAuth();
  const navigate = useNavigate();
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
            <NavLink to="/login">Log in</NavLink>
            <NavLink to="/register" className="button-link">
              Register
            </NavLink>
          </>
        ) : (
          <>
            {auth.user && (
              <span className="username" aria-label="Logged in as">
                {auth.user.username}
              </span>
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
