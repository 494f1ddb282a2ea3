import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AdminCertificatePageSchema,
  AdminCertificateSchema,
  type CertificateReissueInput,
  type CertificateRevokeInput,
  ClaimsPageSchema,
  MyCertificatesSchema,
  RegistrationSchema,
  type RegistrationSetInput,
  VerifyResultSchema,
} from "../../../../shared/certificates";
import { apiRequest, toQueryString } from "../../../lib/api-client";

const adminKey = ["admin", "certificates"] as const;
const registrationKey = ["admin", "awarding-body", "registration"] as const;
const certificatePath = (id: string) => `/api/admin/certificates/${encodeURIComponent(id)}`;
const registrationPath = (userId: string) =>
  `/api/admin/awarding-body/registrations/${encodeURIComponent(userId)}`;

/** GET /api/certificates/:code/verify → whether a code is a genuine, current certificate (works signed out). */
export function useVerify(code: string) {
  return useQuery({
    queryKey: ["certificates", "verify", code],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/certificates/${encodeURIComponent(code)}/verify`, {
        schema: VerifyResultSchema,
        signal,
      }),
    enabled: code.length > 0,
    retry: false,
  });
}

/** GET /api/certificates/mine → my certificates, newest first. */
export function useMyCertificates() {
  return useQuery({
    queryKey: ["certificates", "mine"],
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/certificates/mine", { schema: MyCertificatesSchema, signal }),
  });
}

/** GET /api/admin/certificates?q → certificates matching a code, name or email. */
export function useCertificateSearch(q: string, page: number) {
  return useQuery({
    queryKey: [...adminKey, "search", q, page],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/certificates${toQueryString({ q, page })}`, {
        schema: AdminCertificatePageSchema,
        signal,
      }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** GET /api/admin/certificates/:id → one certificate with its history. */
export function useAdminCertificate(id: string) {
  return useQuery({
    queryKey: [...adminKey, "detail", id],
    queryFn: ({ signal }) =>
      apiRequest("GET", certificatePath(id), { schema: AdminCertificateSchema, signal }),
    retry: false,
  });
}

/** POST /api/admin/certificates/:id/revoke → the revoked certificate. */
export function useRevokeCertificate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CertificateRevokeInput) =>
      apiRequest("POST", `${certificatePath(id)}/revoke`, { body, schema: AdminCertificateSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey }),
  });
}

/** POST /api/admin/certificates/:id/reissue → the new certificate that replaces it. */
export function useReissueCertificate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CertificateReissueInput) =>
      apiRequest("POST", `${certificatePath(id)}/reissue`, { body, schema: AdminCertificateSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey }),
  });
}

/** The claims API address for a period (format=csv downloads it). */
export function claimsUrl(from: string, to: string, page?: number): string {
  return `/api/admin/awarding-body/claims${toQueryString({ from, to, page })}`;
}

/** GET /api/admin/awarding-body/claims → a page of achievements to claim in the period. */
export function useClaims(period: { from: string; to: string } | null, page: number) {
  return useQuery({
    queryKey: ["admin", "awarding-body", "claims", period?.from, period?.to, page],
    queryFn: ({ signal }) =>
      apiRequest("GET", claimsUrl(period?.from ?? "", period?.to ?? "", page), {
        schema: ClaimsPageSchema,
        signal,
      }),
    enabled: period !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** GET /api/admin/awarding-body/registrations/:userId → a learner's registration number. */
export function useRegistration(userId: string) {
  return useQuery({
    queryKey: [...registrationKey, userId],
    queryFn: ({ signal }) =>
      apiRequest("GET", registrationPath(userId), { schema: RegistrationSchema, signal }),
    retry: false,
  });
}

/** PUT /api/admin/awarding-body/registrations/:userId → the recorded registration. */
export function useSetRegistration(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationSetInput) =>
      apiRequest("PUT", registrationPath(userId), { body, schema: RegistrationSchema }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: registrationKey }),
        queryClient.invalidateQueries({ queryKey: ["admin", "awarding-body", "claims"] }),
      ]),
  });
}
