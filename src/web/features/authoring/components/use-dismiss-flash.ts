import { useLocation, useNavigate } from "react-router";
import { readFlash } from "../../../lib/flash";

/**
 * A function that takes away the success banner the previous page left (such as "Step added") once the person does
 * something else here, so an old success never sits beside a new problem or a new success.
 */
export function useDismissFlash(): () => void {
  const location = useLocation();
  const navigate = useNavigate();
  return () => {
    if (readFlash(location.state)) {
      void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
    }
  };
}
