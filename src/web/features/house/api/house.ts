import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  HouseEditorSchema,
  type HouseModuleCreateInput,
  HouseModuleSchema,
  type HouseModuleUpdateInput,
  ModuleStatusResultSchema,
  type ModuleStatusUpdateInput,
  ProgrammeHouseSchema,
  type ProgressImportInput,
  ProgressImportResultSchema,
  TeamHouseSchema,
} from "../../../../shared/implementation-house";
import { RegistrationDetailSchema } from "../../../../shared/implementation-registrations";
import { apiRequest } from "../../../lib/api-client";

/** Query keys of the house; any change refreshes every house view. */
export const houseKeys = {
  all: ["house"] as const,
  team: (teamId: string) => ["house", "team", teamId] as const,
  programme: (programmeId: string, organisationId: string) =>
    ["house", "programme", programmeId, organisationId] as const,
  registration: (registrationId: string) => ["house", "registration", registrationId] as const,
  editor: (programmeId: string) => ["house", "editor", programmeId] as const,
};

const enc = encodeURIComponent;

/** GET /api/implementation/teams/:teamId/house → one team's house. */
export function useTeamHouse(teamId: string) {
  return useQuery({
    queryKey: houseKeys.team(teamId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/teams/${enc(teamId)}/house`, {
        schema: TeamHouseSchema,
        signal,
      }),
  });
}

/** GET /api/implementation/registrations/:id → which programme and organisation a registration is for. */
export function useRegistration(registrationId: string) {
  return useQuery({
    queryKey: houseKeys.registration(registrationId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/registrations/${enc(registrationId)}`, {
        schema: RegistrationDetailSchema,
        signal,
      }),
  });
}

/** GET /api/programmes/:id/house?organisationId= → the organisation grid; waits until both ids are known. */
export function useProgrammeHouse(programmeId: string | undefined, organisationId: string | undefined) {
  return useQuery({
    queryKey: houseKeys.programme(programmeId ?? "", organisationId ?? ""),
    enabled: Boolean(programmeId && organisationId),
    queryFn: ({ signal }) =>
      apiRequest(
        "GET",
        `/api/programmes/${enc(programmeId ?? "")}/house?organisationId=${enc(organisationId ?? "")}`,
        { schema: ProgrammeHouseSchema, signal },
      ),
  });
}

function useInvalidateHouse() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: houseKeys.all });
}

/** PUT /api/implementation/teams/:teamId/modules/:moduleId → the saved status and any warning. */
export function useSetModuleStatus(teamId: string, moduleId: string) {
  const invalidate = useInvalidateHouse();
  return useMutation({
    mutationFn: (body: ModuleStatusUpdateInput) =>
      apiRequest("PUT", `/api/implementation/teams/${enc(teamId)}/modules/${enc(moduleId)}`, {
        body,
        schema: ModuleStatusResultSchema,
      }),
    onSuccess: invalidate,
  });
}

/** POST /api/implementation/registrations/:id/progress-import → a preview, or what was applied. */
export function useProgressImport(registrationId: string) {
  const invalidate = useInvalidateHouse();
  return useMutation({
    mutationFn: (body: ProgressImportInput) =>
      apiRequest("POST", `/api/implementation/registrations/${enc(registrationId)}/progress-import`, {
        body,
        schema: ProgressImportResultSchema,
      }),
    onSuccess: (result) => (result.applied ? invalidate() : undefined),
  });
}

/** GET /api/manage/programmes/:id/house → the house for editors. */
export function useHouseEditor(programmeId: string) {
  return useQuery({
    queryKey: houseKeys.editor(programmeId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/manage/programmes/${enc(programmeId)}/house`, {
        schema: HouseEditorSchema,
        signal,
      }),
  });
}

/** POST /api/manage/programmes/:id/house/modules → the new module. */
export function useCreateHouseModule(programmeId: string) {
  const invalidate = useInvalidateHouse();
  return useMutation({
    mutationFn: (body: HouseModuleCreateInput) =>
      apiRequest("POST", `/api/manage/programmes/${enc(programmeId)}/house/modules`, {
        body,
        schema: HouseModuleSchema,
      }),
    onSuccess: invalidate,
  });
}

/** PATCH /api/manage/house-modules/:moduleId → the changed module. */
export function useUpdateHouseModule() {
  const invalidate = useInvalidateHouse();
  return useMutation({
    mutationFn: ({ moduleId, body }: { moduleId: string; body: HouseModuleUpdateInput }) =>
      apiRequest("PATCH", `/api/manage/house-modules/${enc(moduleId)}`, { body, schema: HouseModuleSchema }),
    onSuccess: invalidate,
  });
}

/** POST /api/manage/house-modules/:moduleId/move → the house in its new order. */
export function useMoveHouseModule() {
  const invalidate = useInvalidateHouse();
  return useMutation({
    mutationFn: ({ moduleId, direction }: { moduleId: string; direction: "up" | "down" }) =>
      apiRequest("POST", `/api/manage/house-modules/${enc(moduleId)}/move`, {
        body: { direction },
        schema: z.array(HouseModuleSchema),
      }),
    onSuccess: invalidate,
  });
}

/** DELETE /api/manage/house-modules/:moduleId. */
export function useDeleteHouseModule() {
  const invalidate = useInvalidateHouse();
  return useMutation({
    mutationFn: (moduleId: string) => apiRequest("DELETE", `/api/manage/house-modules/${enc(moduleId)}`),
    onSuccess: invalidate,
  });
}
