import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { MEMBER_RESPONSIBILITY_MAX, type ProjectMember } from "../../../../shared/project-contracts";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMe } from "../../../lib/use-me";
import {
  useInvite,
  useProject,
  useProjectInvitations,
  useRemoveMember,
  useRevokeInvitation,
  useUpdateMember,
} from "../api/projects";
import { ProjectCrumbs, ProjectProblem } from "../components/project-bits";

const INVITE_FIELDS = ["email", "role", "responsibility"] as const;

/** A lead's form to invite someone by email. */
function InviteForm({ projectId }: { projectId: string }) {
  const invite = useInvite(projectId);
  const form = useFormErrors(INVITE_FIELDS);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [responsibility, setResponsibility] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
      ? {}
      : { email: "Enter an email address in the correct format, like name@example.nhs.uk" };
    if (form.showFieldErrors(errors) || invite.isPending) return;
    // `as`: the radios offer only lead and member.
    invite.mutate(
      { email: email.trim(), role: role as "lead" | "member", responsibility },
      {
        onSuccess: (sent) => {
          setSentTo(sent.email);
          setEmail("");
          setResponsibility("");
        },
        onError: form.showFailure,
      },
    );
  };
  return (
    <>
      <ErrorSummary errors={form.summary} />
      {sentTo ? (
        <div className="nhsuk-inset-text" role="status">
          <p>
            We have emailed an invitation to {sentTo}. They need to sign in (or create an account) with that
            address to accept it within 14 days.
          </p>
        </div>
      ) : null}
      <form noValidate onSubmit={submit}>
        <TextInput
          id="email"
          type="email"
          label="Email address"
          hint="Use the address they sign in to QI Academy with, or will create an account with."
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={form.errors.email}
        />
        <Radios
          name="role"
          legend="Role"
          small
          options={[
            { value: "member", label: "Team member", hint: "Edits the project's content." },
            {
              value: "lead",
              label: "Lead",
              hint: "Also manages the team, sharing, submission and deletion.",
            },
          ]}
          value={role}
          onChange={setRole}
          error={form.errors.role}
        />
        <TextInput
          id="responsibility"
          label="Responsibility (optional)"
          hint={`For example, data lead. Up to ${MEMBER_RESPONSIBILITY_MAX} characters.`}
          value={responsibility}
          onChange={setResponsibility}
          error={form.errors.responsibility}
        />
        <Button type="submit" busy={invite.isPending}>
          Send invitation
        </Button>
      </form>
    </>
  );
}

/** One member's row: leads change role and responsibility or remove; each person leaves or changes their consent. */
function MemberRow({
  projectId,
  member,
  isLead,
  isMe,
  onError,
}: {
  projectId: string;
  member: ProjectMember;
  isLead: boolean;
  isMe: boolean;
  onError: (error: unknown) => void;
}) {
  const update = useUpdateMember(projectId);
  const remove = useRemoveMember(projectId);
  const [responsibility, setResponsibility] = useState(member.responsibility);
  const id = `responsibility-${member.userId}`;
  return (
    <Table.Row>
      <Table.Cell>
        {member.name}
        {isMe ? " (you)" : ""}
        <br />
        <span className="nhsuk-body-s">{member.email}</span>
      </Table.Cell>
      <Table.Cell>
        {member.role === "lead" ? "Lead" : "Member"}
        {isLead ? (
          <>
            <br />
            <Button
              type="button"
              variant="secondary"
              small
              busy={update.isPending}
              onClick={() =>
                update.mutate(
                  { userId: member.userId, role: member.role === "lead" ? "member" : "lead" },
                  { onError },
                )
              }
            >
              {member.role === "lead" ? "Make member" : "Make lead"}
              <span className="nhsuk-u-visually-hidden">: {member.name}</span>
            </Button>
          </>
        ) : null}
      </Table.Cell>
      <Table.Cell>
        {isLead ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate({ userId: member.userId, responsibility }, { onError });
            }}
          >
            <TextInput
              id={id}
              label={`Responsibility of ${member.name}`}
              value={responsibility}
              onChange={setResponsibility}
            />
            <Button type="submit" variant="secondary" small busy={update.isPending}>
              Save<span className="nhsuk-u-visually-hidden"> responsibility of {member.name}</span>
            </Button>
          </form>
        ) : (
          member.responsibility || "Not given"
        )}
      </Table.Cell>
      <Table.Cell>
        {isMe ? (
          <Checkbox
            id={`consent-${member.userId}`}
            label="Show my name as an author if the case study is published"
            checked={member.nameInLibrary}
            onChange={(nameInLibrary) => update.mutate({ userId: member.userId, nameInLibrary }, { onError })}
          />
        ) : member.nameInLibrary ? (
          "Agreed to be named"
        ) : (
          "Not named"
        )}
      </Table.Cell>
      <Table.Cell>
        {isLead || isMe ? (
          <Button
            type="button"
            variant="warning"
            small
            busy={remove.isPending}
            onClick={() => remove.mutate(member.userId, { onError })}
          >
            {isMe ? "Leave the team" : "Remove"}
            <span className="nhsuk-u-visually-hidden">: {member.name}</span>
          </Button>
        ) : null}
      </Table.Cell>
    </Table.Row>
  );
}

/** /projects/:projectId/team: members, invitations and, for leads, the invitation form. */
export function ProjectTeamPage() {
  const { projectId = "" } = useParams();
  const query = useProject(projectId);
  const me = useMe();
  const canEdit = query.data?.myAccess.canEdit ?? false;
  const invitations = useProjectInvitations(projectId, canEdit);
  const revoke = useRevokeInvitation(projectId);
  const form = useFormErrors([]);
  usePageTitle("Project team", form.summary.length > 0);
  if (query.isPending) return <LoadingPage title="Project team" />;
  if (query.isError) return <ProjectProblem error={query.error} />;
  const p = query.data;
  const isLead = p.myAccess.canManage;
  const myId = me.data?.id ?? null;
  return (
    <>
      <ProjectCrumbs project={p} />
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">{p.title}</span>
      <h1>Project team</h1>
      <p>A project always has at least one lead. Leads manage the team; everyone on it edits the project.</p>
      <Table responsive caption="Team members">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Name</Table.Cell>
            <Table.Cell>Role</Table.Cell>
            <Table.Cell>Responsibility</Table.Cell>
            <Table.Cell>Named if published</Table.Cell>
            <Table.Cell>
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {p.members.map((m) => (
            <MemberRow
              key={`${m.userId}-${m.role}-${m.responsibility}`}
              projectId={p.id}
              member={m}
              isLead={isLead}
              isMe={m.userId === myId}
              onError={form.showFailure}
            />
          ))}
        </Table.Body>
      </Table>

      {canEdit ? (
        <>
          <h2>Invitations waiting for an answer</h2>
          {invitations.isPending ? (
            <p>Loading…</p>
          ) : invitations.isError ? (
            <p>{invitations.error.message}</p>
          ) : invitations.data.invitations.length === 0 ? (
            <p>None.</p>
          ) : (
            <Table responsive caption="Open invitations">
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Email</Table.Cell>
                  <Table.Cell>Role</Table.Cell>
                  <Table.Cell>Sent by</Table.Cell>
                  <Table.Cell>Expires</Table.Cell>
                  <Table.Cell>
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {invitations.data.invitations.map((i) => (
                  <Table.Row key={i.id}>
                    <Table.Cell>{i.email}</Table.Cell>
                    <Table.Cell>
                      {i.role === "lead" ? "Lead" : "Member"}
                      {i.responsibility ? ` (${i.responsibility})` : ""}
                    </Table.Cell>
                    <Table.Cell>{i.invitedBy ?? "Unknown"}</Table.Cell>
                    <Table.Cell>{formatDate(i.expiresAt)}</Table.Cell>
                    <Table.Cell>
                      {isLead ? (
                        <Button
                          type="button"
                          variant="secondary"
                          small
                          busy={revoke.isPending}
                          onClick={() => revoke.mutate(i.id, { onError: form.showFailure })}
                        >
                          Withdraw
                          <span className="nhsuk-u-visually-hidden"> the invitation to {i.email}</span>
                        </Button>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </>
      ) : null}

      {isLead ? (
        <>
          <h2>Invite someone</h2>
          <InviteForm projectId={p.id} />
        </>
      ) : null}
    </>
  );
}
