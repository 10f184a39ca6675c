import { useEffect, useRef } from "react";
import { Navigate, Outlet, Route, Routes, useLocation } from "react-router";

import { useAuth } from "./auth/AuthContext";
import Header from "./components/Header";
import PrivateRoute from "./components/PrivateRoute";
import AccountPage from "./features/account/AccountPage";
import AdminPage from "./features/admin/AdminPage";
import CheckoutPage from "./features/orders/CheckoutPage";
import HomePage from "./features/search/HomePage";
import LoginPage from "./features/account/LoginPage";
import ManageBookingPage from "./features/orders/ManageBookingPage";
import MyOrdersPage from "./features/orders/MyOrdersPage";
import OrderPage from "./features/orders/OrderPage";
import NotFoundPage from "./components/NotFoundPage";
import RegisterPage from "./features/account/RegisterPage";

/** After a move to another page (not on the first one), the focus goes to the new page's main
 * heading, as a screen reader user expects, instead of staying on a link that is gone. */
function useFocusOnNavigation(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [pathname]);
}

function Layout() {
  const auth = useAuth();
  const { pathname } = useLocation();
  useFocusOnNavigation(pathname);
  // The login page says it itself.
  const onLoginPage = pathname === "/login";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      {auth.notice && auth.status === "anonymous" && !onLoginPage && (
        <div role="status" className="banner">
          {auth.notice}
          <button type="button" className="link" onClick={auth.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}

/** The app's pages. Every path here must also reach the app when opened or reloaded in a browser
 * (the API's and nginx's fallback to index.html). */
export default function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="manage" element={<ManageBookingPage />} />
        <Route path="bookings" element={<Navigate to="/orders" replace />} />
        <Route element={<PrivateRoute />}>
          <Route path="account" element={<AccountPage />} />
          <Route path="checkout" element={<CheckoutPage />} />
          <Route path="orders" element={<MyOrdersPage />} />
          <Route path="orders/:orderId" element={<OrderPage />} />
        </Route>
        <Route element={<PrivateRoute adminOnly />}>
          <Route path="admin/*" element={<AdminPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
