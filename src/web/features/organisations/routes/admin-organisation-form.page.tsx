import { type FormEvent, useEffect, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import {
  ODS_CODE_PATTERN,
  ORGANISATION_TYPES,
  type OrganisationType,
} from "../../../../shared/organisations";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import {
  emptyOrganisationChoice,
  type OrganisationChoice,
  OrganisationPicker,
  organisationLabel,
} from "../../../components/organisation-picker";
import { LoadingPage } from "../../../components/page-state";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { ApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  useCreateOrganisation,
  useOrganisationNode,
  useUpdateOrganisation,
} from "../api/admin-organisations";
import { typeLabel } from "../components/organisation-words";

/** Which form: add an organisation, change its name/type/code, or move it under another parent. */
export type OrganisationFormMode = "new" | "edit" | "move";

const FIELDS = ["name", "type", "odsCode", "organisationId", "topLevel"] as const;
const TITLES: Record<OrganisationFormMode, string> = {
  new: "Add an organisation",
  edit: "Change the organisation",
  move: "Move the organisation",
};

/** The picker answers to "organisationId"; the API calls the same field "parentId". */
function withParentField(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(
    error.status,
    error.error,
    error.message,
    error.details.map((d) => (d.field === "parentId" ? { ...d, field: "organisationId" } : d)),
    error.requestId,
  );
}

/** /admin/organisations/new, /admin/organisations/:id/edit and /admin/organisations/:id/move. */
export function AdminOrganisationFormPage({ mode }: { mode: OrganisationFormMode }) {
  const { id = null } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const presetParentId = mode === "new" ? params.get("parentId") : null;
  const existing = useOrganisationNode(mode === "new" ? null : id);
  const presetParent = useOrganisationNode(presetParentId);
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation(id ?? "");
  const form = useFormErrors(FIELDS);
  const title = existing.data ? `${TITLES[mode]}: ${existing.data.organisation.name}` : TITLES[mode];
  usePageTitle(title, form.summary.length > 0);

  const [name, setName] = useState("");
  const [type, setType] = useState("");
  const [odsCode, setOdsCode] = useState("");
  const [parent, setParent] = useState<OrganisationChoice>(emptyOrganisationChoice);
  const [topLevel, setTopLevel] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (loaded) return;
    if (existing.data) {
      const o = existing.data.organisation;
      setName(o.name);
      setType(o.type);
      setOdsCode(o.odsCode ?? "");
      setLoaded(true);
    } else if (presetParent.data) {
      const p = presetParent.data.organisation;
      setParent({
        ...emptyOrganisationChoice,
        organisationId: p.id,
        organisationLabel: organisationLabel(p),
      });
      setLoaded(true);
    }
  }, [existing.data, presetParent.data, loaded]);

  if ((mode !== "new" && existing.isPending) || (presetParentId && presetParent.isPending))
    return <LoadingPage title={TITLES[mode]} />;
  const loadError = existing.error ?? presetParent.error;
  const back = id
    ? `/admin/organisations/${id}`
    : presetParentId
      ? `/admin/organisations/${presetParentId}`
      : "/admin/organisations";
  const busy = create.isPending || update.isPending;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (mode !== "move") {
      if (name.trim().length < 2) errors.name = "Enter the organisation's name";
      if (!type) errors.type = "Select the kind of organisation";
      if (odsCode.trim() && !ODS_CODE_PATTERN.test(odsCode.trim().toUpperCase()))
        errors.odsCode = "Enter the ODS code as 2 to 10 letters and numbers, like RX1";
    }
    if (mode !== "edit" && !topLevel && !parent.organisationId)
      errors.organisationId = "Search for the parent organisation and select it, or say it has no parent";
    if (form.showFieldErrors(errors) || busy) return;
    const parentId = topLevel ? null : parent.organisationId;
    const onError = (error: unknown) => form.showFailure(withParentField(error));
    const done = (node: { organisation: { id: string; name: string } }, heading: string) =>
      navigate(`/admin/organisations/${node.organisation.id}`, { state: flash(heading) });
    if (mode === "new") {
      create.mutate(
        { name: name.trim(), type: type as OrganisationType, odsCode: odsCode.trim() || null, parentId },
        { onSuccess: (node) => done(node, `${node.organisation.name} added`), onError },
      );
    } else if (mode === "edit") {
      update.mutate(
        { name: name.trim(), type: type as OrganisationType, odsCode: odsCode.trim() || null },
        { onSuccess: (node) => done(node, "Changes saved"), onError },
      );
    } else {
      update.mutate(
        { parentId },
        {
          onSuccess: (node) => done(node, `${node.organisation.name} moved`),
          onError,
        },
      );
    }
  };

  return (
    <>
      <BackLink to={back}>Back</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          {loadError ? <RequestErrorSummary error={loadError} /> : null}
          <h1 className="app-break-anywhere">{title}</h1>
          {mode === "move" ? (
            <p>
              Everything below it moves too. People whose team is no longer below their own organisation lose
              that team and can choose again.
            </p>
          ) : null}
          <form noValidate onSubmit={submit}>
            {mode !== "move" ? (
              <>
                <TextInput id="name" label="Name" value={name} onChange={setName} error={form.errors.name} />
                <Select
                  id="type"
                  label="Type"
                  hint="An integrated care board holds trusts and other organisations; they hold directorates and wards or teams"
                  options={[
                    { value: "", label: "Select the type" },
                    ...ORGANISATION_TYPES.map((t) => ({ value: t, label: typeLabel(t) })),
                  ]}
                  value={type}
                  onChange={setType}
                  error={form.errors.type}
                />
                <TextInput
                  id="odsCode"
                  label="ODS code (optional)"
                  hint="The NHS Organisation Data Service code, like RX1 for a trust"
                  width={10}
                  spellCheck={false}
                  value={odsCode}
                  onChange={setOdsCode}
                  error={form.errors.odsCode}
                />
              </>
            ) : null}
            {mode !== "edit" ? (
              <>
                <OrganisationPicker
                  legend="Parent organisation"
                  hint="The organisation it sits under"
                  allowNotListed={false}
                  value={parent}
                  onChange={setParent}
                  errors={form.errors}
                />
                <Checkbox
                  id="topLevel"
                  label="It has no parent: put it at the top of the hierarchy"
                  checked={topLevel}
                  onChange={setTopLevel}
                  error={form.errors.topLevel}
                />
              </>
            ) : null}
            <Button busy={busy}>
              {mode === "new" ? "Add organisation" : mode === "move" ? "Move organisation" : "Save changes"}
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}
