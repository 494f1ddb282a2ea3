import type { RouteObject } from "react-router";
import { SpcToolPage } from "./routes/spc-tool.page";

/** Public pages: the SPC chart tool. */
export const spcPublicRoutes: RouteObject[] = [{ path: "tools/spc", element: <SpcToolPage /> }];
