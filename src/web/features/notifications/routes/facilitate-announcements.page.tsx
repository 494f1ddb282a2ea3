import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_SUBJECT_MAX,
  AnnouncementInputSchema,
} from "../../../../shared/notifications";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { zodFieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAnnouncements, useSendAnnouncement } from "../api/announcements";
import { AnnouncementList } from "../components/announcement-list";
import "../components/notifications.css";

const FIELDS = ["subject", "body"] as const;

/**
 * /facilitate/runs/:runId/announcements: the run's facilitators and platform administrators write an announcement
 * (every member gets a notification, and an email in their digest if they chose it) and see those already sent.
 */
export function FacilitateAnnouncementsPage() {
  const { runId = "" } = useParams();
  const query = useAnnouncements(runId);
  const send = useSendAnnouncement(runId);
  const form = useFormErrors(FIELDS);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [sent, setSent] = useState<{ subject: string; notified: number } | null>(null);
  const title = "Announcements";
  usePageTitle(query.data ? `${title}: ${query.data.runTitle}` : title, form.summary.length > 0);

  if (query.isPending) return <LoadingPage title={title} />;
  if (query.isError)
    return <ProblemPage title="You cannot send announcements to this run" message={query.error.message} />;
  if (!query.data.canAnnounce) {
    return (
      <ProblemPage
        title="You cannot send announcements to this run"
        message="Only this run's facilitators and platform administrators can send announcements."
      />
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = AnnouncementInputSchema.safeParse({ subject, body });
    if (!parsed.success) {
      setSent(null);
      form.showFieldErrors(zodFieldErrors(parsed.error));
      return;
    }
    if (send.isPending) return;
    form.showFieldErrors({});
    send.mutate(parsed.data, {
      onSuccess: (result) => {
        setSent({ subject: result.announcement.subject, notified: result.notified });
        setSubject("");
        setBody("");
        window.scrollTo(0, 0);
      },
      onError: form.showFailure,
    });
  };

  return (
    <>
      <BackLink to={`/facilitate/runs/${runId}`}>{query.data.runTitle}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {sent ? (
            <NotificationBanner heading={`Announcement sent: “${sent.subject}”`}>
              <p>
                {sent.notified === 0
                  ? "Nobody is in this run yet, so nobody was notified."
                  : `${sent.notified} member${sent.notified === 1 ? "" : "s"} of the run ${sent.notified === 1 ? "has" : "have"} been notified. Those who chose emails will find it in tomorrow morning's digest.`}
              </p>
            </NotificationBanner>
          ) : null}
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{query.data.runTitle}</span>
          <h1>{title}</h1>
          <p>
            Send a message to everyone in this course run, such as the start of the live week or a reminder.
            Each member gets a notification that links to it.
          </p>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="subject"
              label="Subject"
              hint={`A short headline, up to ${ANNOUNCEMENT_SUBJECT_MAX} characters.`}
              value={subject}
              onChange={(value) => {
                setSent(null);
                setSubject(value);
              }}
              error={form.errors.subject}
            />
            <CharacterCount
              id="body"
              label="Announcement"
              labelSize="s"
              hint="You can use Markdown: **bold**, - for a list item, [link text](https://example.org)."
              value={body}
              onChange={(value) => {
                setSent(null);
                setBody(value);
              }}
              error={form.errors.body}
              maxLength={ANNOUNCEMENT_BODY_MAX}
              rows={8}
            />
            <Button busy={send.isPending}>Send announcement</Button>
          </form>
          <h2>Sent announcements</h2>
          <AnnouncementList announcements={query.data.announcements} headingLevel={3} />
        </div>
      </div>
    </>
  );
}
