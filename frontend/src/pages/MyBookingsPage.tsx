/** The logged-in user's bookings. */
export default function MyBookingsPage() {
  return (
    <section className="page" aria-labelledby="bookings-title">
      <h1 id="bookings-title">My bookings</h1>
      <p role="status">Bookings are not available yet.</p>
    </section>
  );
}
