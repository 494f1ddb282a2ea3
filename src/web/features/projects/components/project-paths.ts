/** Page addresses of the projects feature, so links are built one way. */
const enc = encodeURIComponent;

/** My projects. */
export const PROJECTS_PATH = "/projects";
/** Start a project. */
export const NEW_PROJECT_PATH = "/projects/new";
/** A project's overview. */
export const projectPath = (id: string) => `/projects/${enc(id)}`;
/** One of a project's pages, e.g. projectPage(id, "team"). */
export const projectPage = (id: string, page: string) => `/projects/${enc(id)}/${page}`;
/** A PDSA cycle's page. */
export const pdsaPath = (id: string, cycleId: string) => `/projects/${enc(id)}/pdsa/${enc(cycleId)}`;
