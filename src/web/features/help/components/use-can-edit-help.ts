import { HELP_EDITOR_ROLES } from "../../../../shared/help";
import { useMe } from "../../../lib/use-me";

/** True when the signed-in person maintains the help centre (the server decides again on every request). */
export function useCanEditHelp(): boolean {
  const { data: me } = useMe();
  return me?.roles.some((grant) => HELP_EDITOR_ROLES.includes(grant.role)) ?? false;
}
