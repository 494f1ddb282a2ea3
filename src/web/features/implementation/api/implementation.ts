import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { BoxSetOrderStatus, RegistrationRole } from "../../../../shared/implementation";
import {
  AdminBoxSetOrdersSchema,
  type BoxSetOrderCreateSchema,
  BoxSetOrderSchema,
  type BoxSetQuoteRequest,
  BoxSetQuoteSchema,
  BoxSetsOverviewSchema,
} from "../../../../shared/implementation-box-sets";
import {
  CreatedSchema,
  MyRegistrationsSchema,
  type PersonAddSchema,
  RegistrableProgrammesSchema,
  type RegistrationCreateSchema,
  RegistrationDetailSchema,
  RegistrationPersonSchema,
  type TeamCreateSchema,
  TeamDetailSchema,
  type TeamUpdateSchema,
} from "../../../../shared/implementation-registrations";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Query keys; everything under ["implementation"] is refreshed after any change here. */
export const implementationKeys = {
  all: ["implementation"] as const,
  programmes: ["implementation", "programmes"] as const,
  mine: ["implementation", "mine"] as const,
  registration: (id: string) => ["implementation", "registration", id] as const,
  team: (id: string) => ["implementation", "team", id] as const,
  boxSets: (id: string) => ["implementation", "box-sets", id] as const,
  quote: (id: string, executive: number, team: number) =>
    ["implementation", "box-sets", id, "quote", executive, team] as const,
  adminOrders: (status: string) => ["implementation", "admin-box-sets", status] as const,
};

const enc = encodeURIComponent;
const registrationUrl = (id: string) => `/api/implementation/registrations/${enc(id)}`;

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: implementationKeys.all });
}

/** GET /api/implementation/programmes → programmes with a house and the organisations I may register. */
export function useRegistrableProgrammes() {
  return useQuery({
    queryKey: implementationKeys.programmes,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/implementation/programmes", { schema: RegistrableProgrammesSchema, signal }),
  });
}

/** GET /api/implementation/registrations → my registrations. */
export function useMyRegistrations() {
  return useQuery({
    queryKey: implementationKeys.mine,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/implementation/registrations", { schema: MyRegistrationsSchema, signal }),
  });
}

/** POST /api/implementation/registrations → the new registration's id. */
export function useRegister() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof RegistrationCreateSchema>) =>
      apiRequest("POST", "/api/implementation/registrations", { body, schema: CreatedSchema }),
    onSuccess: refresh,
  });
}

/** GET /api/implementation/registrations/:id → the overview. */
export function useRegistration(id: string) {
  return useQuery({
    queryKey: implementationKeys.registration(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", registrationUrl(id), { schema: RegistrationDetailSchema, signal }),
  });
}

/** POST …/people → the person named. */
export function useAddPerson(registrationId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof PersonAddSchema>) =>
      apiRequest("POST", `${registrationUrl(registrationId)}/people`, {
        body,
        schema: RegistrationPersonSchema,
      }),
    onSuccess: refresh,
  });
}

/** DELETE …/people/:userId/:role. */
export function useRemovePerson(registrationId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: RegistrationRole }) =>
      apiRequest("DELETE", `${registrationUrl(registrationId)}/people/${enc(userId)}/${enc(role)}`),
    onSuccess: refresh,
  });
}

/** POST …/teams → the new team's id. */
export function useAddTeam(registrationId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof TeamCreateSchema>) =>
      apiRequest("POST", `${registrationUrl(registrationId)}/teams`, { body, schema: CreatedSchema }),
    onSuccess: refresh,
  });
}

/** GET /api/implementation/teams/:teamId. */
export function useTeam(teamId: string) {
  return useQuery({
    queryKey: implementationKeys.team(teamId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/teams/${enc(teamId)}`, { schema: TeamDetailSchema, signal }),
  });
}

/** PATCH /api/implementation/teams/:teamId → the team as changed. */
export function useUpdateTeam(teamId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof TeamUpdateSchema>) =>
      apiRequest("PATCH", `/api/implementation/teams/${enc(teamId)}`, { body, schema: TeamDetailSchema }),
    onSuccess: refresh,
  });
}

/** GET …/box-sets → entitlement, prices and history. */
export function useBoxSets(registrationId: string) {
  return useQuery({
    queryKey: implementationKeys.boxSets(registrationId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `${registrationUrl(registrationId)}/box-sets`, {
        schema: BoxSetsOverviewSchema,
        signal,
      }),
  });
}

/** POST …/box-sets/quote for the counts typed so far; off while they are not whole numbers 0–100 or both 0. */
export function useBoxSetQuote(registrationId: string, request: BoxSetQuoteRequest | null) {
  return useQuery({
    queryKey: implementationKeys.quote(registrationId, request?.executiveCount ?? 0, request?.teamCount ?? 0),
    enabled: request !== null,
    queryFn: ({ signal }) =>
      apiRequest("POST", `${registrationUrl(registrationId)}/box-sets/quote`, {
        body: request,
        schema: BoxSetQuoteSchema,
        signal,
      }),
  });
}

/** POST …/box-sets → the order placed. */
export function useOrderBoxSets(registrationId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof BoxSetOrderCreateSchema>) =>
      apiRequest("POST", `${registrationUrl(registrationId)}/box-sets`, { body, schema: BoxSetOrderSchema }),
    onSuccess: refresh,
  });
}

/** POST /api/implementation/box-set-orders/:orderId/cancel. */
export function useCancelBoxSetOrder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (orderId: string) =>
      apiRequest("POST", `/api/implementation/box-set-orders/${enc(orderId)}/cancel`, {
        schema: BoxSetOrderSchema,
      }),
    onSuccess: refresh,
  });
}

/** GET /api/admin/box-set-orders?status= (administrators). */
export function useAdminBoxSetOrders(status: BoxSetOrderStatus | "") {
  return useQuery({
    queryKey: implementationKeys.adminOrders(status),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/box-set-orders${toQueryString({ status })}`, {
        schema: AdminBoxSetOrdersSchema,
        signal,
      }),
  });
}

/** POST /api/admin/box-set-orders/:orderId/dispatch (administrators). */
export function useDispatchBoxSetOrder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ orderId, note }: { orderId: string; note: string }) =>
      apiRequest("POST", `/api/admin/box-set-orders/${enc(orderId)}/dispatch`, {
        body: { note },
        schema: BoxSetOrderSchema,
      }),
    onSuccess: refresh,
  });
}
