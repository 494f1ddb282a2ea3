import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BenefitStatus } from "../../../../shared/implementation";
import {
  type BenefitAnswerInput,
  BenefitAreasSchema,
  type BenefitAreasUpdateInput,
  BenefitChangeResultSchema,
  type BenefitCreateInput,
  type BenefitDecisionInput,
  BenefitDetailSchema,
  BenefitListSchema,
  type BenefitUpdateInput,
} from "../../../../shared/implementation-benefits";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { uploadWithProgress } from "../../../lib/upload";

/** Query keys of benefits; any change refreshes every benefits query (lists, the benefit, the areas). */
export const benefitKeys = {
  all: ["benefits"] as const,
  list: (registrationId: string, teamId: string, status: string) =>
    ["benefits", "list", registrationId, teamId, status] as const,
  detail: (benefitId: string) => ["benefits", "benefit", benefitId] as const,
  areas: (registrationId: string) => ["benefits", "areas", registrationId] as const,
};

const enc = encodeURIComponent;

/** GET /api/benefits → a registration's benefits with the teams, areas and modules forms need. */
export function useBenefitList(
  registrationId: string,
  filters: { teamId?: string; status?: BenefitStatus | "" } = {},
) {
  const teamId = filters.teamId ?? "";
  const status = filters.status ?? "";
  return useQuery({
    queryKey: benefitKeys.list(registrationId, teamId, status),
    enabled: registrationId !== "",
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/benefits${toQueryString({ registrationId, teamId, status })}`, {
        schema: BenefitListSchema,
        signal,
      }),
  });
}

/** GET /api/benefits/:id → the benefit, its history, evidence and what I may do. */
export function useBenefit(benefitId: string) {
  return useQuery({
    queryKey: benefitKeys.detail(benefitId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/benefits/${enc(benefitId)}`, { schema: BenefitDetailSchema, signal }),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: benefitKeys.all });
}

/** POST /api/benefits → the new benefit. */
export function useCreateBenefit() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BenefitCreateInput) =>
      apiRequest("POST", "/api/benefits", { body, schema: BenefitDetailSchema }),
    onSuccess: invalidate,
  });
}

/** PATCH /api/benefits/:id → the benefit and whether it went back for sign-off. */
export function useUpdateBenefit(benefitId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BenefitUpdateInput) =>
      apiRequest("PATCH", `/api/benefits/${enc(benefitId)}`, { body, schema: BenefitChangeResultSchema }),
    onSuccess: invalidate,
  });
}

/** POST /api/benefits/:id/decision → the decided benefit. */
export function useDecideBenefit(benefitId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BenefitDecisionInput) =>
      apiRequest("POST", `/api/benefits/${enc(benefitId)}/decision`, {
        body,
        schema: BenefitChangeResultSchema,
      }),
    onSuccess: invalidate,
  });
}

/** POST /api/benefits/:id/answer → the benefit, waiting for sign-off again. */
export function useAnswerBenefit(benefitId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BenefitAnswerInput) =>
      apiRequest("POST", `/api/benefits/${enc(benefitId)}/answer`, {
        body,
        schema: BenefitChangeResultSchema,
      }),
    onSuccess: invalidate,
  });
}

/** POST /api/benefits/:id/evidence (multipart) → the benefit with its new evidence file. */
export function useAddEvidence(benefitId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return uploadWithProgress(
        `/api/benefits/${enc(benefitId)}/evidence`,
        form,
        BenefitDetailSchema,
        () => undefined,
        "file",
      );
    },
    onSuccess: invalidate,
  });
}

/** DELETE /api/benefits/:id/evidence/:evidenceId. */
export function useRemoveEvidence(benefitId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (evidenceId: string) =>
      apiRequest("DELETE", `/api/benefits/${enc(benefitId)}/evidence/${enc(evidenceId)}`),
    onSuccess: invalidate,
  });
}

/** GET /api/implementation/registrations/:id/benefit-areas → the areas in order with their benefit counts. */
export function useBenefitAreas(registrationId: string) {
  return useQuery({
    queryKey: benefitKeys.areas(registrationId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/registrations/${enc(registrationId)}/benefit-areas`, {
        schema: BenefitAreasSchema,
        signal,
      }),
  });
}

/** PUT /api/implementation/registrations/:id/benefit-areas → the saved areas. */
export function useSaveBenefitAreas(registrationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BenefitAreasUpdateInput) =>
      apiRequest("PUT", `/api/implementation/registrations/${enc(registrationId)}/benefit-areas`, {
        body,
        schema: BenefitAreasSchema,
      }),
    onSuccess: invalidate,
  });
}
