import { useNavigate, useSearchParams } from "react-router";
import { REGISTRATION_STEPS, type RegistrationStep, useRegistration } from "./registration.context";

/**
 * Navigation for one registration question: Back goes to the previous question (or to Check your
 * answers when changing an answer), and `next()` moves on the same way.
 */
export function useRegistrationStep(step: RegistrationStep) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const registration = useRegistration();
  const fromCheck = params.get("from") === "check";
  const index = REGISTRATION_STEPS.indexOf(step);
  const previous = index > 0 ? REGISTRATION_STEPS[index - 1] : undefined;
  const following = REGISTRATION_STEPS[index + 1];

  const backTo = fromCheck ? "/register/check" : previous ? `/register/${previous}` : "/register";

  const next = (override?: RegistrationStep) => {
    if (override) {
      navigate(`/register/${override}${fromCheck ? "?from=check" : ""}`);
      return;
    }
    // The password is kept in memory only, so after a refresh it must be asked for again.
    if (fromCheck && (registration.password || step === "password")) {
      navigate("/register/check");
      return;
    }
    navigate(following ? `/register/${following}` : "/register/check");
  };

  return { backTo, next, fromCheck, ...registration };
}
