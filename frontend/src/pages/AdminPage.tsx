/** Administration: flights and CSV imports (reached only by administrators, see PrivateRoute). */
export default function AdminPage() {
  return (
    <section className="page" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <p role="status">Flight administration and CSV imports are not available yet.</p>
    </section>
  );
}
