import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ROLE_LABELS, ROLES, type Role } from "../../../../shared/accounts";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Table, Tag } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { toQueryString } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { type AdminUserFilters, useAdminUsers } from "../api/admin-users";

const PAGE_SIZE = 25;

function readFilters(params: URLSearchParams): AdminUserFilters {
  const status = params.get("status");
  const role = ROLES.find((r) => r === params.get("role"));
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const filters: AdminUserFilters = {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
  };
  const q = params.get("q")?.trim();
  if (q) filters.q = q;
  if (status === "active" || status === "expired") filters.status = status;
  if (role) filters.role = role;
  return filters;
}

/** /admin/users: find people by name or email, filter by status and role. */
export function AdminUsersPage() {
  usePageTitle("Users");
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const users = useAdminUsers(filters);
  const [q, setQ] = useState(filters.q ?? "");
  const [status, setStatus] = useState<string>(filters.status ?? "");
  const [role, setRole] = useState<string>(filters.role ?? "");

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set("q", q.trim());
    if (status) next.set("status", status);
    if (role) next.set("role", role);
    setParams(next);
  };

  const hrefFor = (page: number) =>
    `/admin/users${toQueryString({ q: filters.q, status: filters.status, role: filters.role, page })}`;

  return (
    <>
      <h1>Users</h1>
      <form noValidate onSubmit={search} className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextInput id="q" label="Name or email address" type="search" value={q} onChange={setQ} />
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <Select
              id="status"
              label="Status"
              value={status}
              onChange={setStatus}
              options={[
                { value: "", label: "Any" },
                { value: "active", label: "Active" },
                { value: "expired", label: "Expired" },
              ]}
            />
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <Select
              id="role"
              label="Role"
              value={role}
              onChange={setRole}
              options={[
                { value: "", label: "Any" },
                ...ROLES.map((r: Role) => ({ value: r, label: ROLE_LABELS[r] })),
              ]}
            />
          </div>
        </div>
        <Button variant="secondary">Search</Button>
      </form>

      {users.isError ? <ErrorSummary errors={[{ message: users.error.message }]} /> : null}
      {users.isPending ? <p aria-live="polite">Loading users…</p> : null}
      {users.data ? (
        users.data.items.length === 0 ? (
          <p>No users match your search.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${users.data.total} ${users.data.total === 1 ? "user" : "users"} found`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Name</Table.Cell>
                  <Table.Cell>Email address</Table.Cell>
                  <Table.Cell>Organisation</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                  <Table.Cell>Roles</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {users.data.items.map((user) => (
                  <Table.Row key={user.id}>
                    <Table.Cell>
                      <Link to={`/admin/users/${encodeURIComponent(user.id)}`}>
                        {user.givenName} {user.familyName}
                      </Link>
                    </Table.Cell>
                    <Table.Cell className="app-break-anywhere">{user.email}</Table.Cell>
                    <Table.Cell>{user.organisationName ?? "None"}</Table.Cell>
                    <Table.Cell>
                      {user.status === "active" ? (
                        <Tag modifier="green">Active</Tag>
                      ) : (
                        <Tag modifier="grey">Expired</Tag>
                      )}
                    </Table.Cell>
                    <Table.Cell>
                      {user.roles.length === 0
                        ? "None"
                        : user.roles.map((g) => ROLE_LABELS[g.role]).join(", ")}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={users.data.page}
              pageSize={users.data.pageSize}
              total={users.data.total}
              hrefFor={hrefFor}
            />
          </>
        )
      ) : null}
    </>
  );
}
