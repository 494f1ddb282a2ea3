import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Details, Table, Tag } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { TextInput } from "../../../components/text-input";
import { toQueryString } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useOutbox } from "../api/outbox";
import { LinkifiedText } from "../components/linkified-text";

const PAGE_SIZE = 25;

const STATUS_TAGS = {
  stored: <Tag modifier="grey">Stored</Tag>,
  pending: <Tag modifier="yellow">Pending</Tag>,
  sent: <Tag modifier="green">Sent</Tag>,
  failed: <Tag modifier="red">Failed</Tag>,
} as const;

/** /admin/outbox: emails the service has sent or stored, newest first, with their text and links. */
export function OutboxPage() {
  usePageTitle("Email outbox");
  const [params, setParams] = useSearchParams();
  const to = params.get("to")?.trim() || undefined;
  const pageNumber = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(pageNumber) && pageNumber > 0 ? pageNumber : 1;
  const outbox = useOutbox(to ? { to, page, pageSize: PAGE_SIZE } : { page, pageSize: PAGE_SIZE });
  const [recipient, setRecipient] = useState(to ?? "");

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(recipient.trim() ? { to: recipient.trim() } : {});
  };

  return (
    <>
      <h1>Email outbox</h1>
      <p>Emails QI Academy has sent or stored, newest first. Open one to read it and follow its links.</p>
      <form noValidate onSubmit={filter} className="nhsuk-u-margin-bottom-5">
        <TextInput
          id="to"
          label="Recipient email address"
          type="search"
          spellCheck={false}
          value={recipient}
          onChange={setRecipient}
        />
        <Button variant="secondary">Filter</Button>
      </form>

      {outbox.isError ? <ErrorSummary errors={[{ message: outbox.error.message }]} /> : null}
      {outbox.isPending ? <p aria-live="polite">Loading emails…</p> : null}
      {outbox.data ? (
        outbox.data.items.length === 0 ? (
          <p>No emails {to ? `to ${to}` : "yet"}.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${outbox.data.total} ${outbox.data.total === 1 ? "email" : "emails"}`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>To</Table.Cell>
                  <Table.Cell>Subject and message</Table.Cell>
                  <Table.Cell>Sent at</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {outbox.data.items.map((message) => (
                  <Table.Row key={message.id}>
                    <Table.Cell className="app-break-anywhere">{message.to}</Table.Cell>
                    <Table.Cell>
                      <Details className="nhsuk-u-margin-bottom-0">
                        <Details.Summary>{message.subject}</Details.Summary>
                        <Details.Text>
                          {message.text ? (
                            <pre className="app-pre-wrap">
                              <LinkifiedText text={message.text} />
                            </pre>
                          ) : (
                            <p>This email has no plain text version.</p>
                          )}
                        </Details.Text>
                      </Details>
                    </Table.Cell>
                    <Table.Cell>{formatDateTime(message.createdAt)}</Table.Cell>
                    <Table.Cell>{STATUS_TAGS[message.status]}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={outbox.data.page}
              pageSize={outbox.data.pageSize}
              total={outbox.data.total}
              hrefFor={(n) => `/admin/outbox${toQueryString({ to, page: n })}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
