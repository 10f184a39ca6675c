/** The deployment's settings (currency, test cards), read once per page load: they do not
 * change while the app runs. */
import { useQuery } from "@tanstack/react-query";

import { getSiteConfig } from "../services/api";

export function useSiteConfig() {
  return useQuery({ queryKey: ["config"], queryFn: ({ signal }) => getSiteConfig(signal), staleTime: Infinity });
}
