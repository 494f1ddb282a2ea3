import { useQuery } from "@tanstack/react-query";
import { TranscriptSchema } from "../../../../shared/cpd";
import { apiRequest } from "../../../lib/api-client";
import { cpdKeys } from "./cpd-keys";

/** GET /api/me/transcript → every course I achieved, with its certificate, and the courses I am taking. */
export function useTranscript() {
  return useQuery({
    queryKey: cpdKeys.transcript,
    queryFn: ({ signal }) => apiRequest("GET", "/api/me/transcript", { schema: TranscriptSchema, signal }),
  });
}
