import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type EvidenceCreateInput,
  type EvidenceUpdateInput,
  type PortfolioChange,
  PortfolioChangeSchema,
  type PortfolioSubmitInput,
  PortfolioSubmittedSchema,
  PortfolioViewSchema,
} from "../../../../shared/portfolios";
import { apiRequest } from "../../../lib/api-client";
import { uploadWithProgress } from "../../../lib/upload";

/** Query key of one enrolment's portfolio. */
export function portfolioKey(enrolmentId: string) {
  return ["portfolios", "enrolment", enrolmentId] as const;
}

/** The API path of an enrolment's portfolio. */
export function portfolioApiPath(enrolmentId: string): string {
  return `/api/enrolments/${encodeURIComponent(enrolmentId)}/portfolio`;
}

/** GET /api/enrolments/:enrolmentId/portfolio → the learner's portfolio (made on first open). */
export function usePortfolio(enrolmentId: string) {
  return useQuery({
    queryKey: portfolioKey(enrolmentId),
    queryFn: ({ signal }) =>
      apiRequest("GET", portfolioApiPath(enrolmentId), { schema: PortfolioViewSchema, signal }),
  });
}

/** A change to a portfolio: its answer (the portfolio as it now stands) replaces the cached one. */
function usePortfolioChange<V>(enrolmentId: string, request: (variables: V) => Promise<PortfolioChange>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (change) => queryClient.setQueryData(portfolioKey(enrolmentId), change.portfolio),
  });
}

/** POST …/portfolio/evidence → a new reflection or link. */
export function useAddEvidence(enrolmentId: string) {
  return usePortfolioChange(enrolmentId, (input: EvidenceCreateInput) =>
    apiRequest("POST", `${portfolioApiPath(enrolmentId)}/evidence`, {
      body: input,
      schema: PortfolioChangeSchema,
    }),
  );
}

/** PUT …/portfolio/evidence/:evidenceId → the evidence changed (autosave uses it too). */
export function useUpdateEvidence(enrolmentId: string) {
  return usePortfolioChange(
    enrolmentId,
    ({ evidenceId, input }: { evidenceId: string; input: EvidenceUpdateInput }) =>
      apiRequest("PUT", `${portfolioApiPath(enrolmentId)}/evidence/${encodeURIComponent(evidenceId)}`, {
        body: input,
        schema: PortfolioChangeSchema,
      }),
  );
}

/** DELETE …/portfolio/evidence/:evidenceId?revision=n → the portfolio without it. */
export function useDeleteEvidence(enrolmentId: string) {
  return usePortfolioChange(
    enrolmentId,
    ({ evidenceId, revision }: { evidenceId: string; revision: number }) =>
      apiRequest(
        "DELETE",
        `${portfolioApiPath(enrolmentId)}/evidence/${encodeURIComponent(evidenceId)}?revision=${revision}`,
        { schema: PortfolioChangeSchema },
      ),
  );
}

/** What the file evidence page sends. */
export interface FileEvidenceUpload {
  revision: number;
  title: string;
  body: string;
  criterionIds: string[];
  file: File;
}

/**
 * POST …/portfolio/files as multipart/form-data (the fields before the file, as the server reads them), reporting
 * the percentage sent to `onProgress`.
 */
export function useUploadEvidence(enrolmentId: string, onProgress: (percent: number) => void) {
  return usePortfolioChange(enrolmentId, (upload: FileEvidenceUpload) => {
    const form = new FormData();
    form.append("revision", String(upload.revision));
    form.append("title", upload.title);
    form.append("body", upload.body);
    for (const id of upload.criterionIds) form.append("criterionIds", id);
    form.append("file", upload.file);
    return uploadWithProgress(
      `${portfolioApiPath(enrolmentId)}/files`,
      form,
      PortfolioChangeSchema,
      onProgress,
      "file",
    );
  });
}

/** POST …/portfolio/submit → the version made, with the portfolio now locked. */
export function useSubmitPortfolio(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PortfolioSubmitInput) =>
      apiRequest("POST", `${portfolioApiPath(enrolmentId)}/submit`, {
        body: input,
        schema: PortfolioSubmittedSchema,
      }),
    onSuccess: (submitted) => queryClient.setQueryData(portfolioKey(enrolmentId), submitted.portfolio),
  });
}
