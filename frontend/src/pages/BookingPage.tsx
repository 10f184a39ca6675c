import { useParams } from "react-router";

/** One booking and its live status. */
export default function BookingPage() {
  const { bookingId } = useParams();
  return (
    <section className="page" aria-labelledby="booking-title">
      <h1 id="booking-title">Booking</h1>
      <p className="muted">Reference {bookingId}</p>
      <p role="status">Bookings are not available yet.</p>
    </section>
  );
}
