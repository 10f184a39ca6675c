/** Types the app uses besides the generated `api.d.ts`. */

/**
 * An airport suggestion from `GET /api/v1/airports` (contract of the search issue). Replace with
 * the generated schema type once the airports route is part of the API's OpenAPI schema.
 */
export interface Airport {
  code: string;
  name: string;
  city: string;
  country: string;
  timezone: string;
}
