import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  DriverDiagramSchema,
  type DriverNodeCreateSchema,
  InvitationAcceptedSchema,
  type InvitationCreateSchema,
  InvitationSentSchema,
  InvitationViewSchema,
  type MemberUpdateSchema,
  MyProjectsSchema,
  PdsaCycleSchema,
  type PdsaInputSchema,
  PdsaListSchema,
  PendingInvitationListSchema,
  type ProgressCreateSchema,
  ProgressEntrySchema,
  type ProjectCreateSchema,
  ProjectDetailSchema,
  ProjectOptionsSchema,
  type ProjectUpdateSchema,
  WriteUpSchema,
  type WriteUpUpdateSchema,
} from "../../../../shared/project-contracts";
import { apiRequest } from "../../../lib/api-client";

/** Query keys of projects; everything under ["projects"] is refreshed after any change to a project. */
export const projectKeys = {
  all: ["projects"] as const,
  mine: ["projects", "mine"] as const,
  options: ["projects", "options"] as const,
  detail: (id: string) => ["projects", id, "detail"] as const,
  invitations: (id: string) => ["projects", id, "invitations"] as const,
  diagram: (id: string) => ["projects", id, "diagram"] as const,
  pdsa: (id: string) => ["projects", id, "pdsa"] as const,
  cycle: (id: string, cycleId: string) => ["projects", id, "pdsa", cycleId] as const,
  writeUp: (id: string) => ["projects", id, "write-up"] as const,
};

const enc = encodeURIComponent;
const base = (id: string) => `/api/projects/${enc(id)}`;

/** Refreshes every project query after a change. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: projectKeys.all });
}

/** GET /api/projects → my projects and invitations. */
export function useMyProjects() {
  return useQuery({
    queryKey: projectKeys.mine,
    queryFn: ({ signal }) => apiRequest("GET", "/api/projects", { schema: MyProjectsSchema, signal }),
  });
}

/** GET /api/projects/options → courses, runs and my organisation for the project form. */
export function useProjectOptions() {
  return useQuery({
    queryKey: projectKeys.options,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/projects/options", { schema: ProjectOptionsSchema, signal }),
  });
}

/** GET /api/projects/:id → the overview. */
export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.detail(id),
    queryFn: ({ signal }) => apiRequest("GET", base(id), { schema: ProjectDetailSchema, signal }),
  });
}

/** POST /api/projects → the new project's id. */
export function useCreateProject() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof ProjectCreateSchema>) =>
      apiRequest("POST", "/api/projects", { body, schema: z.object({ id: z.string() }) }),
    onSuccess: refresh,
  });
}

/** PUT /api/projects/:id → the new revision. */
export function useUpdateProject(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof ProjectUpdateSchema>) =>
      apiRequest("PUT", base(id), { body, schema: z.object({ revision: z.number() }) }),
    onSuccess: refresh,
  });
}

/** DELETE /api/projects/:id */
export function useDeleteProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", base(id)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ["projects", id] });
      return queryClient.invalidateQueries({ queryKey: projectKeys.mine });
    },
  });
}

/** POST /api/projects/:id/progress */
export function useRecordProgress(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof ProgressCreateSchema>) =>
      apiRequest("POST", `${base(id)}/progress`, { body, schema: ProgressEntrySchema }),
    onSuccess: refresh,
  });
}

/** GET /api/projects/:id/invitations (the team). */
export function useProjectInvitations(id: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: projectKeys.invitations(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `${base(id)}/invitations`, { schema: PendingInvitationListSchema, signal }),
  });
}

/** POST /api/projects/:id/invitations */
export function useInvite(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof InvitationCreateSchema>) =>
      apiRequest("POST", `${base(id)}/invitations`, { body, schema: InvitationSentSchema }),
    onSuccess: refresh,
  });
}

/** DELETE /api/projects/:id/invitations/:invitationId */
export function useRevokeInvitation(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiRequest("DELETE", `${base(id)}/invitations/${enc(invitationId)}`),
    onSuccess: refresh,
  });
}

/** PATCH /api/projects/:id/members/:userId */
export function useUpdateMember(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, ...body }: z.input<typeof MemberUpdateSchema> & { userId: string }) =>
      apiRequest("PATCH", `${base(id)}/members/${enc(userId)}`, { body }),
    onSuccess: refresh,
  });
}

/** DELETE /api/projects/:id/members/:userId */
export function useRemoveMember(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (userId: string) => apiRequest("DELETE", `${base(id)}/members/${enc(userId)}`),
    onSuccess: refresh,
  });
}

/** POST /api/project-invitations/lookup → the invitation behind an emailed link. */
export function useInvitationByToken(token: string) {
  return useQuery({
    enabled: token.length > 0,
    retry: false,
    queryKey: ["projects", "invitation", token],
    queryFn: ({ signal }) =>
      apiRequest("POST", "/api/project-invitations/lookup", {
        body: { token },
        schema: InvitationViewSchema,
        signal,
      }),
  });
}

/** POST /api/project-invitations/:id/accept */
export function useAcceptInvitation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ invitationId, nameInLibrary }: { invitationId: string; nameInLibrary: boolean }) =>
      apiRequest("POST", `/api/project-invitations/${enc(invitationId)}/accept`, {
        body: { nameInLibrary },
        schema: InvitationAcceptedSchema,
      }),
    onSuccess: refresh,
  });
}

/** POST /api/project-invitations/:id/decline */
export function useDeclineInvitation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiRequest("POST", `/api/project-invitations/${enc(invitationId)}/decline`),
    onSuccess: refresh,
  });
}

/** GET /api/projects/:id/driver-diagram */
export function useDriverDiagram(id: string) {
  return useQuery({
    queryKey: projectKeys.diagram(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `${base(id)}/driver-diagram`, { schema: DriverDiagramSchema, signal }),
  });
}

/** The four driver diagram operations; each answers the whole diagram, which replaces the cached one. */
export function useDriverDiagramEdit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      op:
        | { type: "add"; body: z.input<typeof DriverNodeCreateSchema> }
        | { type: "rename"; nodeId: string; text: string }
        | { type: "move"; nodeId: string; direction: "up" | "down" }
        | { type: "delete"; nodeId: string },
    ) => {
      const schema = DriverDiagramSchema;
      const nodes = `${base(id)}/driver-nodes`;
      if (op.type === "add") return apiRequest("POST", nodes, { body: op.body, schema });
      if (op.type === "rename")
        return apiRequest("PATCH", `${nodes}/${enc(op.nodeId)}`, { body: { text: op.text }, schema });
      if (op.type === "move")
        return apiRequest("POST", `${nodes}/${enc(op.nodeId)}/move`, {
          body: { direction: op.direction },
          schema,
        });
      return apiRequest("DELETE", `${nodes}/${enc(op.nodeId)}`, { schema });
    },
    onSuccess: async (diagram) => {
      queryClient.setQueryData(projectKeys.diagram(id), diagram);
      await queryClient.invalidateQueries({ queryKey: projectKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: projectKeys.pdsa(id) });
    },
  });
}

/** GET /api/projects/:id/pdsa-cycles */
export function usePdsaList(id: string) {
  return useQuery({
    queryKey: projectKeys.pdsa(id),
    queryFn: ({ signal }) => apiRequest("GET", `${base(id)}/pdsa-cycles`, { schema: PdsaListSchema, signal }),
  });
}

/** GET /api/projects/:id/pdsa-cycles/:cycleId */
export function usePdsaCycle(id: string, cycleId: string) {
  return useQuery({
    queryKey: projectKeys.cycle(id, cycleId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `${base(id)}/pdsa-cycles/${enc(cycleId)}`, { schema: PdsaCycleSchema, signal }),
  });
}

/** POST (cycleId null) or PUT a PDSA cycle. */
export function useSavePdsa(id: string, cycleId: string | null) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof PdsaInputSchema>) =>
      cycleId
        ? apiRequest("PUT", `${base(id)}/pdsa-cycles/${enc(cycleId)}`, { body, schema: PdsaCycleSchema })
        : apiRequest("POST", `${base(id)}/pdsa-cycles`, { body, schema: PdsaCycleSchema }),
    onSuccess: refresh,
  });
}

/** DELETE a PDSA cycle. */
export function useDeletePdsa(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (cycleId: string) => apiRequest("DELETE", `${base(id)}/pdsa-cycles/${enc(cycleId)}`),
    onSuccess: refresh,
  });
}

/** GET /api/projects/:id/write-up */
export function useWriteUp(id: string) {
  return useQuery({
    queryKey: projectKeys.writeUp(id),
    queryFn: ({ signal }) => apiRequest("GET", `${base(id)}/write-up`, { schema: WriteUpSchema, signal }),
  });
}

/** PUT /api/projects/:id/write-up → the saved write-up. */
export function useSaveWriteUp(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof WriteUpUpdateSchema>) =>
      apiRequest("PUT", `${base(id)}/write-up`, { body, schema: WriteUpSchema }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(projectKeys.writeUp(id), saved);
      await queryClient.invalidateQueries({ queryKey: projectKeys.detail(id) });
    },
  });
}
