import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { ApiError } from "../lib/api-client";
import { FeatureSlotsContext } from "../lib/slots";
import { router } from "./router";
import { featureSlots } from "./slots";

/** Retries only what might succeed next time: network failures and server errors, twice at most. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failureCount < 2;
}

/** The whole web app: the query cache and the router. */
export function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: shouldRetry, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <FeatureSlotsContext.Provider value={featureSlots}>
        <RouterProvider router={router} />
      </FeatureSlotsContext.Provider>
    </QueryClientProvider>
  );
}
