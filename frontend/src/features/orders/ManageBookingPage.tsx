import { useQuery } from "@tanstack/react-query";
import { useState, type SyntheticEvent } from "react";
import { Link, useSearchParams } from "react-router";

import FormAlert from "../../components/FormAlert";
import Loading from "../../components/Loading";
import TextField from "../../components/TextField";
import { formatErrorMessage } from "../../lib/fieldErrors";
import { lookUpOrder } from "../../services/api";
import OrderDetails, { Reference } from "./OrderDetails";

// The letters and digits of a record locator (core/orders/locators.py): no 0, O, 1 or I.
const REFERENCE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{6}$/;

/**
 * "Manage booking": find a booking by its reference and a passenger's family name, with no
 * login (a booking made by someone else, on another device). Changing it needs its owner's
 * login. The search is in the URL so that a reload shows the booking again.
 */
export default function ManageBookingPage() {
  const [params, setParams] = useSearchParams();
  const reference = params.get("reference") ?? "";
  const lastName = params.get("last_name") ?? "";
  const asked = reference !== "" && lastName !== "";
  const found = useQuery({
    queryKey: ["orders", "lookup", reference, lastName],
    queryFn: ({ signal }) => lookUpOrder(reference, lastName, signal),
    enabled: asked,
    retry: false,
  });

  return (
    <section className="page" aria-labelledby="manage-title">
      <h1 id="manage-title">Manage booking</h1>
      <LookupForm
        key={`${reference}/${lastName}`}
        initial={{ reference, lastName }}
        onFind={(next) => {
          setParams({ reference: next.reference, last_name: next.lastName });
        }}
      />
      {asked && found.isPending && <Loading label="Finding your booking…" />}
      {found.isError && <FormAlert message={formatErrorMessage(found.error)} />}
      {found.data && (
        <article aria-label={`Booking ${found.data.reference}`} className="card">
          <Reference order={found.data} />
          <OrderDetails order={found.data} />
          <p>
            <Link to={`/orders/${found.data.id}`}>Pay, or cancel this booking</Link>{" "}
            <span className="muted small">(with the account that made it)</span>
          </p>
        </article>
      )}
    </section>
  );
}

function LookupForm({
  initial,
  onFind,
}: {
  initial: { reference: string; lastName: string };
  onFind: (values: { reference: string; lastName: string }) => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<{ reference?: string; lastName?: string }>({});
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const reference = values.reference.trim().toUpperCase();
    const lastName = values.lastName.trim();
    const found = {
      ...(REFERENCE.test(reference) ? {} : { reference: "A booking reference is 6 letters and digits (no 0, O, 1 or I), e.g. K7WQ2M" }),
      ...(lastName ? {} : { lastName: "Enter the family name of one of the passengers" }),
    };
    setErrors(found);
    if (Object.keys(found).length === 0) onFind({ reference, lastName });
  };
  return (
    <form className="card search-form" noValidate aria-label="Find a booking" onSubmit={submit}>
      <TextField
        id="manage-reference"
        label="Booking reference"
        autoComplete="off"
        autoCapitalize="characters"
        value={values.reference}
        error={errors.reference}
        onChange={(event) => {
          setValues({ ...values, reference: event.target.value });
        }}
      />
      <TextField
        id="manage-last-name"
        label="Family name"
        autoComplete="family-name"
        value={values.lastName}
        error={errors.lastName}
        onChange={(event) => {
          setValues({ ...values, lastName: event.target.value });
        }}
      />
      <button type="submit" className="primary">
        Find booking
      </button>
    </form>
  );
}
