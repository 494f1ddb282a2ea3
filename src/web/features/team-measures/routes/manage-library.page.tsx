import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { HOUSE_MODULE_KIND_LABELS } from "../../../../shared/implementation";
import type { LibraryItem } from "../../../../shared/implementation-measures";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
} from "../../../../shared/projects";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  useAddLibraryItem,
  useDeleteLibraryItem,
  useMeasureLibrary,
  useUpdateLibraryItem,
} from "../api/team-measures";
import { checkDraft } from "../components/draft";
import { type MeasureDraft, MeasureFields, measureDraft } from "../components/measure-fields";

const FIELDS = ["kind", "title", "definition", "unit", "improvementDirection", "frequency", "houseModuleId"];

/** The form adding a library measure, or changing one when `item` is given. */
function ItemForm({
  programmeId,
  modules,
  item,
  onDone,
  onCancel,
}: {
  programmeId: string;
  modules: { id: string; title: string }[];
  item?: LibraryItem;
  onDone: (heading: string) => void;
  onCancel?: () => void;
}) {
  const prefix = item ? `edit-${item.id}-` : "";
  const form = useFormErrors(FIELDS.map((f) => prefix + f));
  const add = useAddLibraryItem(programmeId);
  const update = useUpdateLibraryItem();
  const [draft, setDraft] = useState<MeasureDraft>(() => measureDraft(item));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft, prefix);
    if (form.showFieldErrors(checked.errors) || !checked.value) return;
    const { target: _target, ...body } = checked.value;
    if (item) {
      update.mutate(
        { itemId: item.id, body },
        {
          onSuccess: (saved) => onDone(`${saved.title} has been changed`),
          onError: (e) => form.showFailure(e),
        },
      );
    } else {
      add.mutate(body, {
        onSuccess: (saved) => {
          setDraft(measureDraft());
          onDone(`${saved.title} has been added to the library`);
        },
        onError: (e) => form.showFailure(e),
      });
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={form.summary} />
      <MeasureFields
        draft={draft}
        onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        errors={form.errors}
        modules={modules}
        showTarget={false}
        prefix={prefix}
      />
      <div className="nhsuk-button-group">
        <Button busy={add.isPending || update.isPending}>
          {item ? "Save measure" : "Add to the library"}
        </Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** Content editors' page for a programme's measure library: the measures of each module, added, changed or deleted. */
export function ManageMeasureLibraryPage() {
  const { id = "" } = useParams();
  const query = useMeasureLibrary(id);
  const remove = useDeleteLibraryItem();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(query.data ? `Measure library – ${query.data.programme.title}` : "Measure library");

  if (query.isPending) return <LoadingPage title="Measure library" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Programme not found" : "Sorry, there is a problem"}
        message={query.error.message}
      />
    );
  }
  const library = query.data;
  const groups = [
    ...library.modules.map((m) => ({
      id: m.id,
      title: `${m.position}. ${m.title}`,
      kind: m.kind,
      items: m.items,
    })),
    { id: "other", title: "Not tied to a module", kind: null, items: library.otherItems },
  ];

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/programmes", text: "Programmes" },
          { to: `/manage/programmes/${library.programme.id}`, text: library.programme.title },
        ]}
      />
      {message ? <NotificationBanner key={message} heading={message} /> : null}
      <RequestErrorSummary error={remove.error} />
      <span className="nhsuk-caption-l">{library.programme.title}</span>
      <h1>Measure library</h1>
      <p>
        Teams add these measures to their own with one choice. Changing or deleting a measure here does not
        change the copies teams already have.
      </p>
      {library.modules.length === 0 ? (
        <p>This programme has no house yet, so its measures cannot be tied to modules.</p>
      ) : null}
      {groups
        .filter((g) => g.kind !== null || g.items.length > 0)
        .map((group) => (
          <section key={group.id}>
            <h2 className="nhsuk-heading-m">
              {group.title}
              {group.kind ? (
                <span className="nhsuk-caption-m">{HOUSE_MODULE_KIND_LABELS[group.kind]}</span>
              ) : null}
            </h2>
            {group.items.length === 0 ? (
              <p className="nhsuk-body-s">No measures.</p>
            ) : (
              <ul className="nhsuk-list">
                {group.items.map((item) => (
                  <li key={item.id} className="nhsuk-u-margin-bottom-4">
                    {editing === item.id ? (
                      <>
                        <h3 className="nhsuk-heading-s">Change {item.title}</h3>
                        <ItemForm
                          programmeId={library.programme.id}
                          modules={library.modules}
                          item={item}
                          onDone={(heading) => {
                            setEditing(null);
                            setMessage(heading);
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      </>
                    ) : (
                      <>
                        <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{item.title}</h3>
                        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                          {MEASURE_KIND_LABELS[item.kind]}
                          {item.unit ? `, in ${item.unit}` : ""}.{" "}
                          {IMPROVEMENT_DIRECTION_LABELS[item.improvementDirection]}. Collected{" "}
                          {MEASURE_FREQUENCY_LABELS[item.frequency].toLowerCase()}.
                        </p>
                        {item.definition ? <p className="nhsuk-body-s">{item.definition}</p> : null}
                        {library.canEdit ? (
                          <div className="nhsuk-button-group">
                            {confirming === item.id ? (
                              <>
                                <Button
                                  type="button"
                                  variant="warning"
                                  small
                                  busy={remove.isPending}
                                  onClick={() =>
                                    remove.mutate(item.id, {
                                      onSuccess: () => {
                                        setConfirming(null);
                                        setMessage(`${item.title} has been deleted from the library`);
                                      },
                                    })
                                  }
                                >
                                  Yes, delete<span className="nhsuk-u-visually-hidden"> {item.title}</span>
                                </Button>
                                <Button
                                  type="button"
                                  variant="secondary"
                                  small
                                  onClick={() => setConfirming(null)}
                                >
                                  Cancel
                                </Button>
                              </>
                            ) : (
                              <>
                                <Button
                                  type="button"
                                  variant="secondary"
                                  small
                                  onClick={() => setEditing(item.id)}
                                >
                                  Change<span className="nhsuk-u-visually-hidden"> {item.title}</span>
                                </Button>
                                <Button
                                  type="button"
                                  variant="secondary"
                                  small
                                  onClick={() => setConfirming(item.id)}
                                >
                                  Delete<span className="nhsuk-u-visually-hidden"> {item.title}</span>
                                </Button>
                              </>
                            )}
                          </div>
                        ) : null}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      {library.canEdit ? (
        <>
          <h2>Add a measure to the library</h2>
          <ItemForm programmeId={library.programme.id} modules={library.modules} onDone={setMessage} />
        </>
      ) : (
        <p>
          Only content editors can change the library. <Link to="/manage">Back to managing content</Link>
        </p>
      )}
    </>
  );
}
