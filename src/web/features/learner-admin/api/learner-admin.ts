import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AccessEndedSchema,
  AdminApplicationPageSchema,
  AdminApplicationSchema,
  type ApplicationCreateInput,
  ApplicationSchema,
  type ApplicationStatus,
  LearnerAdminOverviewSchema,
  NominationAnswerSchema,
  NominationSchema,
  NomineeSchema,
  ProgressVisibilitySchema,
} from "../../../../shared/learner-admin";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { meQueryKey } from "../../../lib/use-me";

const mineKey = ["learner-admin", "mine"] as const;
const adminKey = ["admin", "learner-admin"] as const;
const applicationPath = (id: string) => `/api/me/learner-admin/applications/${encodeURIComponent(id)}`;
const adminPath = (id: string) => `/api/admin/learner-admin/applications/${encodeURIComponent(id)}`;

/** GET /api/me/learner-admin → my access, applications and the organisations I may apply for. */
export function useLearnerAdminOverview() {
  return useQuery({
    queryKey: mineKey,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/me/learner-admin", { schema: LearnerAdminOverviewSchema, signal }),
  });
}

/** GET /api/me/progress-visibility → organisations that can see my progress. */
export function useProgressVisibility() {
  return useQuery({
    queryKey: ["learner-admin", "visibility"],
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/me/progress-visibility", { schema: ProgressVisibilitySchema, signal }),
  });
}

/** POST /api/me/learner-admin/applications → the new application. */
export function useApply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationCreateInput) =>
      apiRequest("POST", "/api/me/learner-admin/applications", { body, schema: ApplicationSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mineKey }),
  });
}

/** POST …/applications/:id/nominees/:nomineeId/resend → the nominee with their new link's expiry. */
export function useResend(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (nomineeId: string) =>
      apiRequest(
        "POST",
        `${applicationPath(applicationId)}/nominees/${encodeURIComponent(nomineeId)}/resend`,
        {
          schema: NomineeSchema,
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mineKey }),
  });
}

/** POST …/applications/:id/withdraw → the withdrawn application. */
export function useWithdraw(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest("POST", `${applicationPath(applicationId)}/withdraw`, { schema: ApplicationSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mineKey }),
  });
}

/** POST /api/me/learner-admin/access/:roleId/give-up → access ended; my account is fetched again. */
export function useGiveUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (roleId: string) =>
      apiRequest("POST", `/api/me/learner-admin/access/${encodeURIComponent(roleId)}/give-up`, {
        schema: AccessEndedSchema,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: mineKey });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** GET /api/nominations?token= → what the nominee is asked to confirm. */
export function useNomination(token: string) {
  return useQuery({
    queryKey: ["nomination", token],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/nominations${toQueryString({ token })}`, { schema: NominationSchema, signal }),
    retry: false,
    enabled: token.length > 0,
  });
}

/** POST /api/nominations/confirm or /decline → the recorded answer. */
export function useAnswerNomination() {
  return useMutation({
    mutationFn: (
      answer: { token: string; status: "confirmed" } | { token: string; status: "declined"; reason: string },
    ) =>
      answer.status === "confirmed"
        ? apiRequest("POST", "/api/nominations/confirm", {
            body: { token: answer.token },
            schema: NominationAnswerSchema,
          })
        : apiRequest("POST", "/api/nominations/decline", {
            body: { token: answer.token, ...(answer.reason ? { reason: answer.reason } : {}) },
            schema: NominationAnswerSchema,
          }),
  });
}

/** GET /api/admin/learner-admin/applications?status=&page= → a page of applications. */
export function useAdminApplications(status: ApplicationStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...adminKey, "list", status, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/learner-admin/applications${toQueryString({ status, page, pageSize })}`, {
        schema: AdminApplicationPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/learner-admin/applications/:id → one application with its nominees. */
export function useAdminApplication(id: string) {
  return useQuery({
    queryKey: [...adminKey, "one", id],
    queryFn: ({ signal }) => apiRequest("GET", adminPath(id), { schema: AdminApplicationSchema, signal }),
  });
}

/** POST approve or reject on one application; the application is fetched again. */
export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: "approve" | "reject"; reason: string }) =>
      apiRequest("POST", `${adminPath(id)}/${action.kind}`, {
        body: action.reason || action.kind === "reject" ? { reason: action.reason } : {},
        schema: AdminApplicationSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey }),
  });
}

/** POST /api/admin/learner-admin/roles/:roleId/revoke; the application is fetched again. */
export function useRevoke() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { roleId: string; reason: string }) =>
      apiRequest("POST", `/api/admin/learner-admin/roles/${encodeURIComponent(action.roleId)}/revoke`, {
        body: { reason: action.reason },
        schema: AccessEndedSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey }),
  });
}
