/** The message of a form as a whole (not about one field), announced when it appears. */
export default function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  );
}
