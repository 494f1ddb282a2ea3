import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { Me } from "../../../../shared/accounts";
import {
  SUPPORT_MESSAGE_MAX,
  SUPPORT_TOPICS,
  type SupportRequestInput,
  SupportRequestSchema,
  type SupportTopic,
} from "../../../../shared/help";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { type FieldErrors, validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMe } from "../../../lib/use-me";
import { useSendContact } from "../api/send-contact";
import type { ContactSentState } from "./contact-sent.page";

const FIELDS = ["name", "email", "topic", "message"] as const;
const TITLE = "Contact the support team";

/** The form's checks, with the server's own rules and messages (src/shared/help.ts). */
function validate(answers: { name: string; email: string; topic: string; message: string }): FieldErrors {
  const shape = SupportRequestSchema.shape;
  const errors = validateFields({
    name: [shape.name, answers.name],
    email: [shape.email, answers.email],
    topic: [shape.topic, answers.topic],
    message: [shape.message, answers.message],
  });
  if (!answers.email.trim()) errors.email = "Enter your email address";
  return errors;
}

/** The form itself; a signed-in person's name and email address are filled in from their account. */
function ContactForm({ me }: { me: Me | null }) {
  const navigate = useNavigate();
  const send = useSendContact();
  const form = useFormErrors(FIELDS);
  const [name, setName] = useState(me ? `${me.givenName} ${me.familyName}` : "");
  const [email, setEmail] = useState(me?.email ?? "");
  const [topic, setTopic] = useState<SupportTopic | "">("");
  const [message, setMessage] = useState("");
  usePageTitle(TITLE, form.summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.showFieldErrors(validate({ name, email, topic, message })) || send.isPending || !topic) return;
    const body: SupportRequestInput = {
      name: name.trim(),
      email: email.trim(),
      topic,
      message: message.trim(),
    };
    send.mutate(body, {
      onSuccess: ({ reference }) => {
        const state: ContactSentState = { reference, email: body.email };
        navigate("/help/contact/sent", { state });
      },
      onError: form.showFailure,
    });
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/help", text: "Help centre" },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1>{TITLE}</h1>
          <p>
            Many questions are answered in the <Link to="/help">help centre</Link>. If yours is not, send us a
            message. We reply by email.
          </p>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="name"
              label="Your name"
              autoComplete="name"
              spellCheck={false}
              value={name}
              onChange={setName}
              error={form.errors.name}
            />
            <TextInput
              id="email"
              label="Email address"
              hint="We will reply to this address"
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={form.errors.email}
            />
            <Radios
              name="topic"
              legend="What is your message about?"
              options={SUPPORT_TOPICS.map((t) => ({ value: t.value, label: t.label }))}
              value={topic}
              onChange={(value) => setTopic(SUPPORT_TOPICS.find((t) => t.value === value)?.value ?? "")}
              error={form.errors.topic}
            />
            <CharacterCount
              id="message"
              label="Your message"
              hint="Tell us what happened and what you need. Do not include your password or medical details."
              maxLength={SUPPORT_MESSAGE_MAX}
              rows={8}
              value={message}
              onChange={setMessage}
              error={form.errors.message}
            />
            <Button busy={send.isPending}>Send message</Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** /help/contact: a message to the support team, signed in or not. */
export function ContactPage() {
  const { data: me, isPending } = useMe();
  if (isPending) return <LoadingPage title={TITLE} />;
  return <ContactForm me={me ?? null} />;
}
