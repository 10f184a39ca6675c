/**
 * Generated from the API's OpenAPI schema by `npm run gen:api` (frontend/scripts/gen-api.mjs).
 * Do not edit: change the API, then regenerate.
 */

export interface paths {
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register
         * @description Create an ordinary (never admin) account.
         */
        post: operations["auth-register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token
         * @description Log in with the OAuth2 password form; answers a bearer JWT with an expiry. Tries are
         *     limited per account and per client, whether they succeed or not.
         */
        post: operations["auth-token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Password
         * @description Change your password. Every login made before ends (its token is refused from now on);
         *     the answer is a new token for this one.
         */
        post: operations["auth-new_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Me */
        get: operations["auth-me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health
         * @description Whether PostgreSQL and Redis answer; 503 if either does not.
         */
        get: operations["health-health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Site Config
         * @description What a client needs to know about this deployment before it has any flight to show,
         *     such as the currency an administrator types prices in and, when payments run locally,
         *     the test cards.
         */
        get: operations["config-site_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search
         * @description Itineraries from `source` to `destination` (airport or city codes: LON is every London airport) whose first flight departs on `date`, a calendar date at the departure airport: direct flights and connections with up to `max_stops` changes of plane, each flight scheduled, not departed and with `seats` seats left. A connection leaves at least the airport's minimum connection time after landing (longer when it changes airport within a city) and at most the longest layover. Times are in each airport's local time with its offset and zone. `nearby` adds the airports within 100 km.
         *
         *     `sort`: `price`, `departure`, `duration`, or `best` (price over the cheapest, plus duration over the shortest, plus half a point per stop).
         *
         *     `return_date` adds the itineraries back (`return_flights`, a date at the destination), each side with `round_trip_price`; the time windows of the way back are `return_departure_window` and `return_arrival_window`. `flex` (0–3) adds a price calendar: for each day within ±`flex` days (from today on), the lowest price and the number of itineraries.
         *
         *     Answers are cached in Redis for 30 seconds: a change to a flight by an administrator or an import shows at once, and `available_seats` is read live on every answer (a flight that sold out since still shows, with its 0 seats, until the cached list expires). The price calendar's lowest prices and counts may be up to 30 seconds old. The `X-Cache` header says HIT or MISS.
         */
        get: operations["search-search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Month Calendar
         * @description The lowest price per passenger of each day of a month (from today on), direct and with
         *     one change of plane at most, for drawing a month grid. Cached like searches.
         */
        get: operations["search-month_calendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/multi-city": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Multi City
         * @description Up to four slices, each searched as a one-way trip on its own day (not cached).
         */
        get: operations["search-multi_city"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flights/{flight_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Flight
         * @description One scheduled flight that has not departed, as search shows it but never cached: its
         *     seats left are those of this moment (a checkout shows its flights with it).
         */
        get: operations["search-read_flight"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/airports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Airports
         * @description Without `q`: every airport served by at least one scheduled flight still to depart, by code. With `q`: suggestions from the whole IATA reference set matching the code, city or airport name, ignoring case and accents, best first (exact code, then prefixes, then contains; airports with flights first among equals), at most `limit`. Cached for 300 seconds, refreshed at once when flights change.
         */
        get: operations["airports-list_airports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Flights
         * @description Every flight (past, cancelled too) in order of local departure time, filtered, a page at
         *     a time.
         */
        get: operations["admin-flights-list_flights"];
        put?: never;
        /**
         * Create Flight
         * @description Add a flight; the same flight number departing at the same instant is a 409.
         */
        post: operations["admin-flights-create_flight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flights/{flight_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit Flight
         * @description Change the price, times or total seats. Total seats never go below the seats already
         *     sold (409); the seats left move by the same amount as the total.
         */
        patch: operations["admin-flights-edit_flight"];
        trace?: never;
    };
    "/admin/flights/{flight_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel Flight
         * @description Cancel the flight at once (it is no longer found or bookable); its PENDING bookings fail
         *     and its CONFIRMED bookings are cancelled, seats returned, by a worker shortly after (with
         *     the broker unreachable, by the sweep once it is back).
         */
        post: operations["admin-flights-cancel_flight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Bookings
         * @description Every booking, newest first, with its traveller and flight (times local at each
         *     airport); `count` is the number matching the filters over all pages.
         */
        get: operations["admin-bookings-list_bookings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Orders
         * @description Every order, newest first, with its passengers, flights and tickets; `count` is the
         *     number matching the filters over all pages. One order: `GET /api/v1/orders/{id}`.
         */
        get: operations["admin-orders-list_orders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/end-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End User Sessions
         * @description End every login of this account at once (a stolen token, a departing employee): each
         *     token issued before is refused from now on; the user logs in again.
         */
        post: operations["admin-users-end_user_sessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flights/bulk-upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk Upload
         * @description Upload a CSV file of flights (multipart field `file`) as an import job.
         *
         *     The file's type, size, encoding and header row are checked at once; its rows are validated
         *     and imported by a worker. Poll `poll_url` for progress and the rejected rows. With
         *     `dry_run=true` every row is validated and reported but no flight is written.
         */
        post: operations["imports-bulk_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flights/bulk-upload/status/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Upload Status
         * @description Status, counts, percent done and the first rejected rows of an import job.
         */
        get: operations["imports-upload_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent Imports
         * @description Import jobs, most recent first.
         */
        get: operations["imports-recent_imports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flights/bulk-upload/{job_id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rejected Rows Csv
         * @description Every rejected row, with its flight columns as uploaded plus `line` and `reason`: fix the
         *     rows and upload the file again (those two columns are ignored on upload).
         */
        get: operations["imports-rejected_rows_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Own
         * @description Your bookings, newest first.
         */
        get: operations["bookings-list_own"];
        put?: never;
        /**
         * Create
         * @description Request seats on a flight at today's price. The booking is recorded PENDING and decided
         *     by a worker; poll `poll_url` until it is CONFIRMED or FAILED.
         */
        post: operations["bookings-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create Alias
         * @deprecated
         * @description The original path of `POST /api/v1/bookings`, kept for existing clients.
         */
        post: operations["bookings-create_alias"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{booking_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read
         * @description One booking (yours, or any for an admin). While it is PENDING, `Retry-After` says when
         *     to poll again.
         */
        get: operations["bookings-read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{booking_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel
         * @description Ask for a booking to be cancelled; a worker carries it out (a CONFIRMED booking's seats
         *     go back on sale). Asking again is harmless; poll the booking for the outcome.
         */
        post: operations["bookings-cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Own
         * @description Your orders, newest first.
         */
        get: operations["orders-list_own"];
        put?: never;
        /**
         * Create
         * @description Order seats for named passengers on one to four flights. The order is recorded PENDING
         *     and decided by a worker: HELD (pay before `expires_at`) or FAILED with the reason, every
         *     flight together. Poll `poll_url`.
         */
        post: operations["orders-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find
         * @description An order found by its reference and a passenger's family name (any case, accents or
         *     not), with no login: what a traveller needs to manage a booking made elsewhere. Limited
         *     to LOOKUP_PER_MINUTE tries per client.
         */
        get: operations["orders-find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read
         * @description One order (yours, or any for an admin). While it is PENDING, `Retry-After` says when
         *     to poll again.
         */
        get: operations["orders-read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay
         * @description Pay a HELD order before its hold expires: CONFIRMED, with one ticket per passenger and
         *     flight. Paying again changes nothing and charges nothing.
         */
        post: operations["orders-pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/cancellation-quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancellation Quote
         * @description What cancelling a HELD or CONFIRMED order now would refund under the fare rules (see the
         *     README), with a quote id to confirm before it expires.
         */
        post: operations["orders-cancellation_quote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel
         * @description Confirm a cancellation quote: a worker cancels every flight of the order, returns the
         *     seats and refunds what was quoted. Poll the order until it is CANCELLED; confirming the
         *     same quote again changes nothing.
         */
        post: operations["orders-cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AdminBookingPublic
         * @description A booking as operations staff see it: whose it is, too.
         */
        AdminBookingPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Status */
            status: string;
            /** Seats */
            seats: number;
            /** Unit Price */
            unit_price: string;
            /** Total Price */
            total_price: string;
            /** Failure Reason */
            failure_reason: string | null;
            flight: components["schemas"]["BookingFlight"];
            /** Cancel Requested At */
            cancel_requested_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Decided At */
            decided_at: string | null;
            /**
             * User Id
             * Format: uuid
             */
            user_id: string;
            /** Username */
            username: string;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /** Airline */
        Airline: {
            /**
             * Code
             * @description IATA designator, e.g. BA
             */
            code: string;
            /**
             * Name
             * @description from the reference data; the code itself when unknown
             */
            name: string;
        };
        /** AirportPublic */
        AirportPublic: {
            /**
             * Code
             * @description IATA code
             */
            code: string;
            /**
             * Kind
             * @description city: every airport of a city (LON), named All airports
             * @default airport
             * @enum {string}
             */
            kind: "airport" | "city";
            /** Name */
            name: string;
            /** City */
            city: string;
            /**
             * Country
             * @description ISO 3166-1 alpha-2 country code
             */
            country: string;
            /**
             * Timezone
             * @description IANA time zone
             */
            timezone: string;
        };
        /** Body_auth-token */
        "Body_auth-token": {
            /** Grant Type */
            grant_type?: string | null;
            /** Username */
            username: string;
            /**
             * Password
             * Format: password
             */
            password: string;
            /**
             * Scope
             * @default
             */
            scope: string;
            /** Client Id */
            client_id?: string | null;
            /**
             * Client Secret
             * Format: password
             */
            client_secret?: string | null;
        };
        /**
         * BookingAccepted
         * @description The answer to a booking request: the job's id and where to poll it.
         */
        BookingAccepted: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Status */
            status: string;
            /** Poll Url */
            poll_url: string;
        };
        /** BookingCreate */
        BookingCreate: {
            /**
             * Flight Id
             * Format: uuid
             */
            flight_id: string;
            /**
             * Seats
             * @description 1 to 9 seats in one booking
             */
            seats: number;
        };
        /**
         * BookingFlight
         * @description The flight of a booking, with each time at its airport's UTC offset.
         */
        BookingFlight: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Flight Number */
            flight_number: string;
            /** Source */
            source: string;
            /** Destination */
            destination: string;
            /**
             * Departure Ts
             * Format: date-time
             */
            departure_ts: string;
            /**
             * Arrival Ts
             * Format: date-time
             */
            arrival_ts: string;
        };
        /** BookingPublic */
        BookingPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Status */
            status: string;
            /** Seats */
            seats: number;
            /** Unit Price */
            unit_price: string;
            /** Total Price */
            total_price: string;
            /** Failure Reason */
            failure_reason: string | null;
            flight: components["schemas"]["BookingFlight"];
            /** Cancel Requested At */
            cancel_requested_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Decided At */
            decided_at: string | null;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * BookingStatus
         * @description The order's status, carried by each of its segments.
         * @enum {string}
         */
        BookingStatus: "PENDING" | "HELD" | "CONFIRMED" | "CANCELLED" | "FAILED" | "EXPIRED";
        /** CancellationConfirm */
        CancellationConfirm: {
            /**
             * Quote Id
             * Format: uuid
             */
            quote_id: string;
        };
        /**
         * FlexDay
         * @description One day of a price calendar (a local date at the departure airport).
         */
        FlexDay: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /**
             * Lowest Price
             * @description null when no flight that day
             */
            lowest_price: string | null;
            /** Flights */
            flights: number;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * FlightCreate
         * @description An admin's new flight; `available_seats` defaults to `total_seats`.
         */
        FlightCreate: {
            /**
             * Flight Number
             * @description airline code and number, e.g. BA117
             */
            flight_number: string;
            /**
             * Source
             * @description IATA code of the departure airport
             */
            source: string;
            /**
             * Destination
             * @description IATA code of the arrival airport
             */
            destination: string;
            /**
             * Departure Ts
             * Format: date-time
             * @description with a UTC offset, e.g. 2027-03-01T09:30:00+01:00
             */
            departure_ts: string;
            /**
             * Arrival Ts
             * Format: date-time
             * @description with a UTC offset; after the departure
             */
            arrival_ts: string;
            /** Total Seats */
            total_seats: number;
            /** Price */
            price: number | string;
            /** Available Seats */
            available_seats?: number | null;
        };
        /**
         * FlightPublic
         * @description A flight as administrators see it.
         */
        FlightPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Flight Number */
            flight_number: string;
            /** Source */
            source: string;
            /** Destination */
            destination: string;
            /**
             * Departure Ts
             * Format: date-time
             * @description local time at the departure airport, with offset
             */
            departure_ts: string;
            /**
             * Arrival Ts
             * Format: date-time
             * @description local time at the arrival airport, with offset
             */
            arrival_ts: string;
            /**
             * Departure Tz
             * @description IANA time zone of the departure airport
             */
            departure_tz: string;
            /**
             * Arrival Tz
             * @description IANA time zone of the arrival airport
             */
            arrival_tz: string;
            /** Total Seats */
            total_seats: number;
            /** Available Seats */
            available_seats: number;
            /**
             * Seats Sold Outside
             * @description seats sold before the flight came here (total − available at creation)
             */
            seats_sold_outside: number;
            /** Price */
            price: string;
            status: components["schemas"]["FlightStatus"];
            /** Version */
            version: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * FlightResult
         * @description A flight as search shows it: times in each airport's own zone, with the zone's name.
         */
        FlightResult: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Flight Number */
            flight_number: string;
            /** Source */
            source: string;
            /** Destination */
            destination: string;
            /**
             * Departure Ts
             * @description local time at the departure airport, with offset
             */
            departure_ts: string;
            /**
             * Arrival Ts
             * @description local time at the arrival airport, with offset
             */
            arrival_ts: string;
            /**
             * Departure Tz
             * @description IANA time zone of the departure airport
             */
            departure_tz: string;
            /**
             * Arrival Tz
             * @description IANA time zone of the arrival airport
             */
            arrival_tz: string;
            /** Duration Minutes */
            duration_minutes: number;
            /** Price */
            price: string;
            /** Available Seats */
            available_seats: number;
            /**
             * Source City
             * @description the departure airport's city
             */
            source_city: string;
            /**
             * Destination City
             * @description the arrival airport's city
             */
            destination_city: string;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * FlightSegment
         * @description One flight of an itinerary, with its airline.
         */
        FlightSegment: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Flight Number */
            flight_number: string;
            /** Source */
            source: string;
            /** Destination */
            destination: string;
            /**
             * Departure Ts
             * @description local time at the departure airport, with offset
             */
            departure_ts: string;
            /**
             * Arrival Ts
             * @description local time at the arrival airport, with offset
             */
            arrival_ts: string;
            /**
             * Departure Tz
             * @description IANA time zone of the departure airport
             */
            departure_tz: string;
            /**
             * Arrival Tz
             * @description IANA time zone of the arrival airport
             */
            arrival_tz: string;
            /** Duration Minutes */
            duration_minutes: number;
            /** Price */
            price: string;
            /** Available Seats */
            available_seats: number;
            /**
             * Source City
             * @description the departure airport's city
             */
            source_city: string;
            /**
             * Destination City
             * @description the arrival airport's city
             */
            destination_city: string;
            airline: components["schemas"]["Airline"];
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * FlightStatus
         * @enum {string}
         */
        FlightStatus: "SCHEDULED" | "CANCELLED";
        /**
         * FlightUpdate
         * @description An admin's edit: any of price, times and total seats; absent fields stay as they are.
         *
         *     Total seats never go below the seats already sold (checked atomically in
         *     `core.flights.service`).
         */
        FlightUpdate: {
            /** Price */
            price?: number | string | null;
            /**
             * Departure Ts
             * @description with a UTC offset
             */
            departure_ts?: string | null;
            /**
             * Arrival Ts
             * @description with a UTC offset
             */
            arrival_ts?: string | null;
            /** Total Seats */
            total_seats?: number | null;
        };
        /** ImportJobPublic */
        ImportJobPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Status */
            status: string;
            /** Filename */
            filename: string;
            /** Dry Run */
            dry_run: boolean;
            /** Size Bytes */
            size_bytes: number;
            /** Total Rows */
            total_rows: number | null;
            /** Processed Rows */
            processed_rows: number;
            /** Inserted Rows */
            inserted_rows: number;
            /** Updated Rows */
            updated_rows: number;
            /** Rejected Rows */
            rejected_rows: number;
            /** Percent */
            percent: number;
            /** Errors */
            errors: components["schemas"]["ImportRowError"][];
            /** Error Message */
            error_message: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Started At */
            started_at: string | null;
            /** Finished At */
            finished_at: string | null;
        };
        /**
         * ImportRowError
         * @description A rejected row: its line in the file (the header is line 1), the column and value at
         *     fault (when one is), and why.
         */
        ImportRowError: {
            /** Line */
            line: number;
            /** Column */
            column?: string | null;
            /** Value */
            value?: string | null;
            /** Reason */
            reason: string;
        };
        /** ImportStarted */
        ImportStarted: {
            /**
             * Job Id
             * Format: uuid
             */
            job_id: string;
            /** Status */
            status: string;
            /** Poll Url */
            poll_url: string;
        };
        /**
         * Itinerary
         * @description A way from the origin to the destination: one flight, or several with layovers.
         */
        Itinerary: {
            /**
             * Id
             * @description the flights' ids in travel order, comma-separated
             */
            id: string;
            /** Segments */
            segments: components["schemas"]["FlightSegment"][];
            /**
             * Stops
             * @description changes of plane
             */
            stops: number;
            /** Layovers */
            layovers: components["schemas"]["Layover"][];
            /**
             * Duration Minutes
             * @description from the first departure to the last arrival
             */
            duration_minutes: number;
            /**
             * Price
             * @description per passenger: the sum of the flights' prices
             */
            price: string;
            /**
             * Total Price
             * @description for all the passengers searched for
             */
            total_price: string;
            /**
             * Available Seats
             * @description seats left on the fullest flight
             */
            available_seats: number;
            /** Airlines */
            airlines: components["schemas"]["Airline"][];
            /**
             * Round Trip Price
             * @description per passenger, with the cheapest itinerary of the other direction
             */
            round_trip_price?: string | null;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * Layover
         * @description The wait between two flights of an itinerary.
         */
        Layover: {
            /**
             * Airport
             * @description where the traveller lands
             */
            airport: string;
            /** City */
            city: string;
            /** Minutes */
            minutes: number;
            /**
             * Departure Airport
             * @description where the next flight leaves: another airport of the same city when the traveller must change airports
             */
            departure_airport: string;
        };
        /**
         * MonthDay
         * @description One day of a month's price calendar (a local date at the origin).
         */
        MonthDay: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /**
             * Direct Price
             * @description the cheapest direct flight, per passenger
             */
            direct_price: string | null;
            /**
             * Connecting Price
             * @description the cheapest connection, per passenger
             */
            connecting_price: string | null;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * MultiCityResults
         * @description One page of itineraries for each slice of a multi-city trip, in travel order.
         */
        MultiCityResults: {
            /** Slices */
            slices: components["schemas"]["Page_Itinerary_"][];
        };
        /** OrderAccepted */
        OrderAccepted: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Reference */
            reference: string;
            status: components["schemas"]["OrderStatus"];
            /** Poll Url */
            poll_url: string;
        };
        /**
         * OrderCreate
         * @description An order: 1–9 passengers on 1–8 flights, in travel order (one-way, round trip,
         *     multi-city).
         */
        OrderCreate: {
            /** Flight Ids */
            flight_ids: string[];
            /** Passengers */
            passengers: components["schemas"]["PassengerIn"][];
            /**
             * Contact Email
             * Format: email
             */
            contact_email: string;
        };
        /** OrderPublic */
        OrderPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Reference */
            reference: string;
            status: components["schemas"]["OrderStatus"];
            /** Failure Reason */
            failure_reason: string | null;
            /** Contact Email */
            contact_email: string | null;
            /**
             * Expires At
             * @description when a HELD order's seats are released
             */
            expires_at: string | null;
            /** Total Price */
            total_price: string;
            /** Passengers */
            passengers: components["schemas"]["PassengerPublic"][];
            /** Segments */
            segments: components["schemas"]["SegmentPublic"][];
            /** Tickets */
            tickets: components["schemas"]["TicketPublic"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Decided At */
            decided_at: string | null;
            /** Paid At */
            paid_at: string | null;
            /**
             * Cancel Requested At
             * @description when the traveller confirmed a cancellation quote (carried out by a worker)
             */
            cancel_requested_at: string | null;
            /**
             * Refund Amount
             * @description what the cancellation refunded, once carried out
             */
            refund_amount: string | null;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * OrderStatus
         * @enum {string}
         */
        OrderStatus: "PENDING" | "HELD" | "CONFIRMED" | "FAILED" | "EXPIRED" | "CANCELLED";
        /** Page[AdminBookingPublic] */
        Page_AdminBookingPublic_: {
            /** Data */
            data: components["schemas"]["AdminBookingPublic"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
        };
        /** Page[BookingPublic] */
        Page_BookingPublic_: {
            /** Data */
            data: components["schemas"]["BookingPublic"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
        };
        /** Page[FlightPublic] */
        Page_FlightPublic_: {
            /** Data */
            data: components["schemas"]["FlightPublic"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
        };
        /** Page[ImportJobPublic] */
        Page_ImportJobPublic_: {
            /** Data */
            data: components["schemas"]["ImportJobPublic"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
        };
        /** Page[Itinerary] */
        Page_Itinerary_: {
            /** Data */
            data: components["schemas"]["Itinerary"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
        };
        /** Page[OrderPublic] */
        Page_OrderPublic_: {
            /** Data */
            data: components["schemas"]["OrderPublic"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
        };
        /** PassengerIn */
        PassengerIn: {
            /** Given Name */
            given_name: string;
            /** Family Name */
            family_name: string;
            /** @default ADULT */
            type: components["schemas"]["PassengerType"];
            /** Date Of Birth */
            date_of_birth?: string | null;
        };
        /** PassengerPublic */
        PassengerPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Given Name */
            given_name: string;
            /** Family Name */
            family_name: string;
            type: components["schemas"]["PassengerType"];
            /** Date Of Birth */
            date_of_birth: string | null;
        };
        /**
         * PassengerType
         * @enum {string}
         */
        PassengerType: "ADULT" | "CHILD" | "INFANT";
        /** PasswordChange */
        PasswordChange: {
            /** Current Password */
            current_password: string;
            /** New Password */
            new_password: string;
        };
        /** Payment */
        Payment: {
            /**
             * Card Number
             * @description test cards: see README
             */
            card_number: string;
        };
        /** QuotePublic */
        QuotePublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Order Id
             * Format: uuid
             */
            order_id: string;
            /**
             * Refund Amount
             * @description what cancelling now refunds, under the fare rules
             */
            refund_amount: string;
            /**
             * Expires At
             * Format: date-time
             * @description confirm before this, or ask for a new quote
             */
            expires_at: string;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * SearchResults
         * @description Outbound itineraries (`data`), plus the return itineraries and price calendars when
         *     asked for.
         */
        SearchResults: {
            /** Data */
            data: components["schemas"]["Itinerary"][];
            /**
             * Count
             * @description matching items over all pages
             */
            count: number;
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
            /** @description itineraries back (destination → source) on return_date */
            return_flights?: components["schemas"]["Page_Itinerary_"] | null;
            /**
             * Flex
             * @description outbound: each day within ±flex days of date (none in the past)
             */
            flex?: components["schemas"]["FlexDay"][] | null;
            /**
             * Return Flex
             * @description return: each day within ±flex days of return_date
             */
            return_flex?: components["schemas"]["FlexDay"][] | null;
        };
        /**
         * SegmentPublic
         * @description One flight of an order, its times local at each airport.
         */
        SegmentPublic: {
            /**
             * Booking Id
             * Format: uuid
             */
            booking_id: string;
            /**
             * Flight Id
             * Format: uuid
             */
            flight_id: string;
            /** Flight Number */
            flight_number: string;
            /** Source */
            source: string;
            /** Destination */
            destination: string;
            /**
             * Departure Ts
             * Format: date-time
             */
            departure_ts: string;
            /**
             * Arrival Ts
             * Format: date-time
             */
            arrival_ts: string;
            /** Departure Tz */
            departure_tz: string;
            /** Arrival Tz */
            arrival_tz: string;
            /** Seats */
            seats: number;
            /** Unit Price */
            unit_price: string;
            /** Total Price */
            total_price: string;
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * SiteConfig
         * @description The deployment's settings a client may show.
         */
        SiteConfig: {
            /**
             * Test Cards
             * @description card numbers to pay with when payments run locally (none with a real payment service)
             */
            test_cards: components["schemas"]["TestCard"][];
            /**
             * Currency
             * @description ISO 4217 code of the currency of the prices in this object, e.g. EUR
             */
            readonly currency: string;
        };
        /**
         * SortOrder
         * @enum {string}
         */
        SortOrder: "price" | "departure" | "duration" | "best";
        /** TestCard */
        TestCard: {
            /** Number */
            number: string;
            /** Outcome */
            outcome: string;
        };
        /** TicketPublic */
        TicketPublic: {
            /** Number */
            number: string;
            /**
             * Passenger Id
             * Format: uuid
             */
            passenger_id: string;
            /**
             * Booking Id
             * Format: uuid
             */
            booking_id: string;
        };
        /** Token */
        Token: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type: string;
            /** Expires In */
            expires_in: number;
        };
        /** UserPublic */
        UserPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Username */
            username: string;
            /** Is Admin */
            is_admin: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /**
         * UserRegister
         * @description What a client may send to register: never `is_admin`.
         */
        UserRegister: {
            /**
             * Username
             * @description 3–32 letters, digits, _ . -
             */
            username: string;
            /** Password */
            password: string;
        };
        /** FieldIssue */
        FieldIssue: {
            /** Type */
            type: string;
            /** Loc */
            loc: (string | number)[];
            /** Msg */
            msg: string;
        };
        /**
         * ErrorBody
         * @description What every refusal answers.
         */
        ErrorBody: {
            /** Detail */
            detail: string | components["schemas"]["FieldIssue"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "auth-register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserRegister"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the username is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "auth-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["Body_auth-token"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description wrong username or password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "auth-new_password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the current password is wrong */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "auth-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "health-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "config-site_config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteConfig"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "search-search": {
        parameters: {
            query: {
                /** @description e.g. LHR or LON */
                source: string;
                /** @description e.g. JFK or NYC */
                destination: string;
                /** @description local date at the departure airport, YYYY-MM-DD */
                date: string;
                /** @description seats wanted */
                seats?: number;
                /** @description the order of the itineraries */
                sort?: components["schemas"]["SortOrder"];
                page?: number;
                page_size?: number;
                /** @description local date at the destination, for a round trip */
                return_date?: string | null;
                /** @description ± days of prices */
                flex?: number;
                /** @description also airports within 100 km */
                nearby?: boolean;
                return_departure_window?: string | null;
                return_arrival_window?: string | null;
                /** @description changes of plane at most (0 = direct only) */
                max_stops?: number;
                /** @description local departure time of day, 06:00-12:00 */
                departure_window?: string | null;
                /** @description local arrival time of day, 14:00-23:59 */
                arrival_window?: string | null;
                /** @description per passenger */
                max_price?: number | string | null;
                /** @description minutes, first departure to landing */
                max_duration?: number | null;
                /** @description only these airlines, e.g. BA,AA */
                airlines?: string | null;
                /** @description none of these airlines */
                exclude_airlines?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "search-month_calendar": {
        parameters: {
            query: {
                source: string;
                destination: string;
                /** @description YYYY-MM */
                month: string;
                seats?: number;
                /** @description changes of plane at most (0 = direct only) */
                max_stops?: number;
                /** @description local departure time of day, 06:00-12:00 */
                departure_window?: string | null;
                /** @description local arrival time of day, 14:00-23:59 */
                arrival_window?: string | null;
                /** @description per passenger */
                max_price?: number | string | null;
                /** @description minutes, first departure to landing */
                max_duration?: number | null;
                /** @description only these airlines, e.g. BA,AA */
                airlines?: string | null;
                /** @description none of these airlines */
                exclude_airlines?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthDay"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "search-multi_city": {
        parameters: {
            query: {
                /** @description each FROM-TO-YYYY-MM-DD, in travel order, e.g. LON-NYC-2027-05-01 */
                slices: string[];
                seats?: number;
                sort?: components["schemas"]["SortOrder"];
                page?: number;
                page_size?: number;
                /** @description changes of plane at most (0 = direct only) */
                max_stops?: number;
                /** @description local departure time of day, 06:00-12:00 */
                departure_window?: string | null;
                /** @description local arrival time of day, 14:00-23:59 */
                arrival_window?: string | null;
                /** @description per passenger */
                max_price?: number | string | null;
                /** @description minutes, first departure to landing */
                max_duration?: number | null;
                /** @description only these airlines, e.g. BA,AA */
                airlines?: string | null;
                /** @description none of these airlines */
                exclude_airlines?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MultiCityResults"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "search-read_flight": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flight_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlightResult"];
                };
            };
            /** @description no such flight on sale */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "airports-list_airports": {
        parameters: {
            query?: {
                /** @description e.g. lon, JFK, sao */
                q?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AirportPublic"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-flights-list_flights": {
        parameters: {
            query?: {
                source?: string | null;
                destination?: string | null;
                flight_number?: string | null;
                status?: components["schemas"]["FlightStatus"] | null;
                /** @description departing on or after this day (local at the airport) */
                departs_from?: string | null;
                /** @description departing on or before this day (local at the airport) */
                departs_until?: string | null;
                /** @description -departure: the latest first */
                sort?: "departure" | "-departure";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_FlightPublic_"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-flights-create_flight": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlightCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlightPublic"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-flights-edit_flight": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flight_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlightUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlightPublic"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-flights-cancel_flight": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flight_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlightPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-bookings-list_bookings": {
        parameters: {
            query?: {
                /** @description one flight's bookings */
                flight_id?: string | null;
                status?: components["schemas"]["BookingStatus"] | null;
                /** @description part of a username, any case */
                username?: string | null;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AdminBookingPublic_"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-orders-list_orders": {
        parameters: {
            query?: {
                /** @description record locator */
                reference?: string | null;
                /** @description part of a passenger's name, any case */
                passenger?: string | null;
                /** @description orders with this flight */
                flight_id?: string | null;
                status?: components["schemas"]["OrderStatus"] | null;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_OrderPublic_"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin-users-end_user_sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "imports-bulk_upload": {
        parameters: {
            query?: {
                dry_run?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description CSV, UTF-8, header row flight_number,source,destination,departure_ts,arrival_ts,total_seats,available_seats,price
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the file is larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not a CSV file, or not a multipart upload */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description empty file, wrong header row, wrong delimiter or encoding */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "imports-upload_status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJobPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "imports-recent_imports": {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ImportJobPublic_"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "imports-rejected_rows_csv": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the rejected rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description this needs an administrator account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "bookings-list_own": {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_BookingPublic_"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "bookings-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Send the same key again to retry safely: the same booking is answered. */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BookingCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingAccepted"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such flight */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Idempotency-Key reused for another request, or still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description invalid seats, flight departed or cancelled */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "bookings-create_alias": {
        parameters: {
            query?: never;
            header?: {
                /** @description Send the same key again to retry safely: the same booking is answered. */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BookingCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingAccepted"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such flight */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Idempotency-Key reused for another request, or still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description invalid seats, flight departed or cancelled */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "bookings-read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "bookings-cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-list_own": {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_OrderPublic_"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Send the same key again to retry safely: the same booking is answered. */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderAccepted"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such flight */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Idempotency-Key reused for another request, or still in flight */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description invalid passengers or flights (departed, cancelled, out of order) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-find": {
        parameters: {
            query: {
                /** @description e.g. K7WQ2M */
                reference: string;
                last_name: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description no such reference and family name */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many lookups from this client: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-pay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Payment"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the card was declined */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the order is not held, or its hold expired */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the payment service did not answer: pay again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-cancellation_quote": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePublic"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such resource, or not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not cancellable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "orders-cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationConfirm"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description the body could not be read (not UTF-8, not JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no valid access token: log in again */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such quote */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description quote expired */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is larger than the limit (MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests: wait as long as `Retry-After` says */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
