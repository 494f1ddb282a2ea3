import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { childKindOf, DRIVER_NODE_TEXT_MAX, type DriverNode } from "../../../../shared/project-contracts";
import { DRIVER_NODE_KIND_LABELS, type DriverNodeKind } from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useDriverDiagram, useDriverDiagramEdit } from "../api/projects";
import { aimStatement, ProjectCrumbs, ProjectProblem } from "../components/project-bits";

type Edit = ReturnType<typeof useDriverDiagramEdit>;
type OnError = (error: unknown) => void;

const lower = (kind: DriverNodeKind) => DRIVER_NODE_KIND_LABELS[kind].toLowerCase();

/** A small form adding a node under `parentId` (null: a primary driver). */
function AddForm({
  parentId,
  kind,
  parentText,
  edit,
  onError,
}: {
  parentId: string | null;
  kind: DriverNodeKind;
  parentText: string | null;
  edit: Edit;
  onError: OnError;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const id = `add-${parentId ?? "top"}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return setError(`Enter the ${lower(kind)}`);
    if (trimmed.length > DRIVER_NODE_TEXT_MAX)
      return setError(`Enter ${DRIVER_NODE_TEXT_MAX} characters or fewer`);
    setError(undefined);
    edit.mutate(
      { type: "add", body: { parentId, kind, text: trimmed } },
      { onSuccess: () => setText(""), onError },
    );
  };
  return (
    <form noValidate onSubmit={submit} className="nhsuk-u-margin-bottom-3">
      <TextInput
        id={id}
        label={parentText ? `Add a ${lower(kind)} under "${parentText}"` : `Add a ${lower(kind)}`}
        value={text}
        onChange={setText}
        error={error}
      />
      <Button type="submit" variant="secondary" small busy={edit.isPending}>
        Add {lower(kind)}
      </Button>
    </form>
  );
}

/** One node with its tools (team only) and its children. */
function NodeItem({
  node,
  index,
  count,
  canEdit,
  edit,
  onError,
}: {
  node: DriverNode;
  index: number;
  count: number;
  canEdit: boolean;
  edit: Edit;
  onError: OnError;
}) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [text, setText] = useState(node.text);
  const childKind = childKindOf(node.kind);
  const label = DRIVER_NODE_KIND_LABELS[node.kind];
  const Heading = node.kind === "primary_driver" ? "h3" : node.kind === "secondary_driver" ? "h4" : "p";
  const descendants = (n: DriverNode): number => n.children.reduce((sum, c) => sum + 1 + descendants(c), 0);
  const below = descendants(node);
  return (
    <li className="nhsuk-u-margin-bottom-3">
      <Heading className="nhsuk-u-margin-bottom-1">
        <span className="nhsuk-caption-m">{label}</span> {node.text}
      </Heading>
      {canEdit ? (
        <div className="nhsuk-u-margin-bottom-2">
          {renaming ? (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (!text.trim()) return;
                edit.mutate(
                  { type: "rename", nodeId: node.id, text: text.trim() },
                  { onSuccess: () => setRenaming(false), onError },
                );
              }}
            >
              <TextInput
                id={`rename-${node.id}`}
                label={`New text for the ${lower(node.kind)}`}
                value={text}
                onChange={setText}
              />
              <div className="nhsuk-button-group">
                <Button type="submit" small busy={edit.isPending}>
                  Save
                </Button>
                <Button type="button" variant="secondary" small onClick={() => setRenaming(false)}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : confirming ? (
            <div className="nhsuk-inset-text nhsuk-u-margin-top-1">
              <p>
                Delete "{node.text}"
                {below > 0 ? ` and the ${below} ${below === 1 ? "item" : "items"} under it` : ""}? This cannot
                be undone.
              </p>
              <div className="nhsuk-button-group">
                <Button
                  type="button"
                  variant="warning"
                  small
                  busy={edit.isPending}
                  onClick={() => edit.mutate({ type: "delete", nodeId: node.id }, { onError })}
                >
                  Yes, delete it
                </Button>
                <Button type="button" variant="secondary" small onClick={() => setConfirming(false)}>
                  No, keep it
                </Button>
              </div>
            </div>
          ) : (
            <div className="nhsuk-button-group">
              <Button type="button" variant="secondary" small onClick={() => setRenaming(true)}>
                Rename<span className="nhsuk-u-visually-hidden">: {node.text}</span>
              </Button>
              {index > 0 ? (
                <Button
                  type="button"
                  variant="secondary"
                  small
                  busy={edit.isPending}
                  onClick={() => edit.mutate({ type: "move", nodeId: node.id, direction: "up" }, { onError })}
                >
                  Move up<span className="nhsuk-u-visually-hidden">: {node.text}</span>
                </Button>
              ) : null}
              {index < count - 1 ? (
                <Button
                  type="button"
                  variant="secondary"
                  small
                  busy={edit.isPending}
                  onClick={() =>
                    edit.mutate({ type: "move", nodeId: node.id, direction: "down" }, { onError })
                  }
                >
                  Move down<span className="nhsuk-u-visually-hidden">: {node.text}</span>
                </Button>
              ) : null}
              <Button type="button" variant="warning" small onClick={() => setConfirming(true)}>
                Delete<span className="nhsuk-u-visually-hidden">: {node.text}</span>
              </Button>
            </div>
          )}
        </div>
      ) : null}
      {node.children.length > 0 || (canEdit && childKind) ? (
        <div style={{ paddingLeft: "1.5rem", borderLeft: "4px solid #d8dde0" }}>
          {node.children.length > 0 ? (
            <ul className="nhsuk-list" aria-label={`Under ${node.text}`}>
              {node.children.map((child, i) => (
                <NodeItem
                  key={child.id}
                  node={child}
                  index={i}
                  count={node.children.length}
                  canEdit={canEdit}
                  edit={edit}
                  onError={onError}
                />
              ))}
            </ul>
          ) : null}
          {canEdit && childKind ? (
            <AddForm
              parentId={node.id}
              kind={childKind}
              parentText={node.text}
              edit={edit}
              onError={onError}
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** /projects/:projectId/driver-diagram: the aim, then primary drivers, secondary drivers and change ideas as nested lists. */
export function DriverDiagramPage() {
  const { projectId = "" } = useParams();
  const query = useDriverDiagram(projectId);
  const edit = useDriverDiagramEdit(projectId);
  const form = useFormErrors([]);
  usePageTitle("Driver diagram", form.summary.length > 0);
  if (query.isPending) return <LoadingPage title="Driver diagram" />;
  if (query.isError) return <ProjectProblem error={query.error} />;
  const d = query.data;
  return (
    <>
      <ProjectCrumbs project={{ id: d.projectId, title: d.projectTitle }} />
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">{d.projectTitle}</span>
      <h1>Driver diagram</h1>
      <p>
        The aim is reached through primary drivers; each is influenced by secondary drivers; change ideas are
        what you test to move them.
      </p>
      <h2>Aim</h2>
      <div className="nhsuk-inset-text">
        <p>{aimStatement({ what: d.aim.what, howMuch: d.aim.howMuch, byWhen: d.aim.byWhen })}</p>
      </div>
      <h2>Drivers and change ideas</h2>
      {d.nodes.length === 0 ? <p>No drivers yet.</p> : null}
      <ul className="nhsuk-list">
        {d.nodes.map((node, i) => (
          <NodeItem
            key={node.id}
            node={node}
            index={i}
            count={d.nodes.length}
            canEdit={d.canEdit}
            edit={edit}
            onError={form.showFailure}
          />
        ))}
      </ul>
      {d.canEdit ? (
        <AddForm
          parentId={null}
          kind="primary_driver"
          parentText={null}
          edit={edit}
          onError={form.showFailure}
        />
      ) : (
        <p>Only the project team can change the driver diagram.</p>
      )}
    </>
  );
}
