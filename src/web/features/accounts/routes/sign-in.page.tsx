import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { PasswordInput } from "../../../components/password-input";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { ApiError } from "../../../lib/api-client";
import type { FieldErrors } from "../../../lib/form-errors";
import { safeReturnTo } from "../../../lib/return-to";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSignIn } from "../api/sign-in";

const FIELDS = ["email", "password"] as const;

/** /sign-in: email and password, then back to where the person was going (or My account). */
export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { errors, summary, showFieldErrors, showFailure, showSummary } = useFormErrors(FIELDS);

  const submit = () => {
    const fieldErrors: FieldErrors = {};
    if (!email.trim()) fieldErrors.email = "Enter your email address";
    if (!password) fieldErrors.password = "Enter your password";
    if (showFieldErrors(fieldErrors)) return;

    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => navigate(safeReturnTo(params.get("returnTo")), { replace: true }),
        onError: (error) => {
          setPassword("");
          if (error instanceof ApiError && error.error === "invalid_credentials") {
            // Point at the email field so the summary link lands somewhere useful.
            showSummary([{ field: "email", message: error.message }]);
            return;
          }
          showFailure(error);
        },
      },
    );
  };

  return (
    <QuestionPage
      title="Sign in"
      errors={summary}
      onSubmit={submit}
      submitLabel="Sign in"
      busy={signIn.isPending}
      after={
        <>
          <p>
            <Link to="/forgot-password">Forgotten your password?</Link>
          </p>
          <p>
            Do not have an account? <Link to="/register">Create an account</Link>
          </p>
        </>
      }
    >
      <h1>Sign in</h1>
      <TextInput
        id="email"
        label="Email address"
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
      <PasswordInput
        id="password"
        label="Password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
    </QuestionPage>
  );
}
