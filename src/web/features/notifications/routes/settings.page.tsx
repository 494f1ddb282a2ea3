import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import {
  NOTIFICATION_KIND_HINTS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
  NotificationKindSchema,
} from "../../../../shared/notifications";
import { Button } from "../../../components/button";
import { Checkboxes } from "../../../components/checkboxes";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { usePreferences, useSavePreferences } from "../api/preferences";
import { NOTIFICATIONS_PATH } from "../components/notification-paths";

const TITLE = "Notification emails";
const FIELDS = ["digestKinds"] as const;

const OPTIONS = NOTIFICATION_KINDS.map((kind) => ({
  value: kind,
  label: NOTIFICATION_KIND_LABELS[kind],
  hint: NOTIFICATION_KIND_HINTS[kind],
}));

/** What the saved choice means, for the success banner. */
function savedWords(kinds: readonly NotificationKind[]): string {
  return kinds.length === 0
    ? "We will not email you about notifications. You can still see them in QI Academy."
    : "We will email you once a day, after 7am, when you have new notifications of the kinds you chose.";
}

/** The form, once the saved choice has loaded. */
function SettingsForm({ initial }: { initial: NotificationKind[] }) {
  const save = useSavePreferences();
  const form = useFormErrors(FIELDS);
  const [kinds, setKinds] = useState<NotificationKind[]>(initial);
  const [saved, setSaved] = useState<NotificationKind[] | null>(null);
  usePageTitle(TITLE, form.summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    form.showFieldErrors({});
    save.mutate(
      { digestKinds: kinds },
      {
        onSuccess: (result) => {
          setSaved(result.digestKinds);
          window.scrollTo(0, 0);
        },
        onError: form.showFailure,
      },
    );
  };

  return (
    <>
      <BackLink to={NOTIFICATIONS_PATH}>Notifications</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {saved ? (
            <NotificationBanner heading="Your notification emails have been saved">
              <p>{savedWords(saved)}</p>
            </NotificationBanner>
          ) : null}
          <ErrorSummary errors={form.summary} />
          <h1>{TITLE}</h1>
          <p>
            Your notifications always appear in QI Academy. You can also get a daily email listing the new
            ones, sent once a day after 7am. Every email has links to stop it without signing in.
          </p>
          <form noValidate onSubmit={submit}>
            <Checkboxes
              name="digestKinds"
              legend="Which notifications should we email you about?"
              hint="Select all that apply. Leave them all unticked to get no emails."
              options={OPTIONS}
              values={kinds}
              onChange={(values) => {
                setSaved(null);
                setKinds(
                  values.flatMap((v) => {
                    const parsed = NotificationKindSchema.safeParse(v);
                    return parsed.success ? [parsed.data] : [];
                  }),
                );
              }}
              error={form.errors.digestKinds}
            />
            <Button busy={save.isPending}>Save settings</Button>
          </form>
          <p>
            <Link to={NOTIFICATIONS_PATH}>Back to your notifications</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** /notifications/settings: choose the kinds of notification in the daily email digest. */
export function NotificationSettingsPage() {
  const query = usePreferences();
  if (query.isPending) return <LoadingPage title={TITLE} />;
  if (query.isError) return <ProblemPage title={TITLE} message={query.error.message} />;
  return <SettingsForm initial={query.data.digestKinds} />;
}
