import { NavLink, Route, Routes } from "react-router";

import BookingsTable from "./BookingsTable";
import CsvImport from "./CsvImport";
import FlightForm from "./FlightForm";
import FlightsTable from "./FlightsTable";
import NotFoundPage from "../../components/NotFoundPage";

/** Administration: flights, bookings and CSV imports (reached only by administrators, see
 * PrivateRoute). Its pages' paths (/admin, /admin/bookings, /admin/add-flight, /admin/import) are
 * pages for a browser and, like every /admin path, reach the app when opened or reloaded
 * (api/frontend.py, nginx.conf). */
export default function AdminPage() {
  return (
    <section className="page" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <nav aria-label="Administration" className="tabs">
        <NavLink to="/admin" end>
          Flights
        </NavLink>
        <NavLink to="/admin/bookings">Bookings</NavLink>
        <NavLink to="/admin/add-flight">Add a flight</NavLink>
        <NavLink to="/admin/import">Import CSV</NavLink>
      </nav>
      <Routes>
        <Route index element={<FlightsTable />} />
        <Route path="bookings" element={<BookingsTable />} />
        <Route path="add-flight" element={<FlightForm />} />
        <Route path="import" element={<CsvImport />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </section>
  );
}
