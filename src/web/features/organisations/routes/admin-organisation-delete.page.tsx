import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useDeleteOrganisation, useOrganisationNode } from "../api/admin-organisations";

/** /admin/organisations/:id/delete: confirm deleting an organisation nothing uses. */
export function AdminOrganisationDeletePage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const node = useOrganisationNode(id);
  const remove = useDeleteOrganisation(id);
  const name = node.data?.organisation.name;
  usePageTitle(name ? `Delete ${name}` : "Delete organisation", remove.isError);
  if (node.isPending) return <LoadingPage title="Delete organisation" />;
  const parentId = node.data?.ancestors.at(-1)?.id;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate(undefined, {
      onSuccess: () =>
        navigate(parentId ? `/admin/organisations/${parentId}` : "/admin/organisations", {
          state: flash(`${name ?? "The organisation"} deleted`),
        }),
    });
  };

  return (
    <>
      <BackLink to={`/admin/organisations/${id}`}>Back</BackLink>
      <RequestErrorSummary error={node.error ?? remove.error} />
      <h1 className="app-break-anywhere">{name ? `Delete ${name}?` : "Delete organisation"}</h1>
      {node.data && node.data.deleteBlockers.length > 0 ? (
        <>
          <p>It cannot be deleted while:</p>
          <ul>
            {node.data.deleteBlockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
          <p>
            <Link to={`/admin/organisations/${id}`}>Go back to the organisation</Link>
          </p>
        </>
      ) : node.data ? (
        <form noValidate onSubmit={submit}>
          <p>It will be removed from the directory. This cannot be undone.</p>
          <Button variant="warning" busy={remove.isPending}>
            Delete organisation
          </Button>
        </form>
      ) : null}
    </>
  );
}
