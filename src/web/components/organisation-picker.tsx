import { type KeyboardEvent, useEffect, useState } from "react";
import type { Organisation } from "../../shared/organisations";
import type { FieldErrors } from "../lib/form-errors";
import { ORGANISATION_SEARCH_MIN, useSearchOrganisations } from "../lib/search-organisations";

/** What someone has said about their organisation: picked from the directory, or typed because it is not listed. */
export interface OrganisationChoice {
  search: string;
  organisationId: string | null;
  /** "Name (ODS code)" of the picked organisation, kept so answers can be shown without another search. */
  organisationLabel: string | null;
  notListed: boolean;
  organisationName: string;
}

/** No organisation chosen yet. */
export const emptyOrganisationChoice: OrganisationChoice = {
  search: "",
  organisationId: null,
  organisationLabel: null,
  notListed: false,
  organisationName: "",
};

/** "Name (ODS code)", or just the name when it has no ODS code. */
export function organisationLabel(organisation: Pick<Organisation, "name" | "odsCode">): string {
  return organisation.odsCode ? `${organisation.name} (${organisation.odsCode})` : organisation.name;
}

/** Client-side check of a choice; the server checks again. Keys are the API's field names. */
export function validateOrganisationChoice(choice: OrganisationChoice, required: boolean): FieldErrors {
  if (choice.notListed) {
    return choice.organisationName.trim().length < 2
      ? { organisationName: "Enter the name of your organisation" }
      : {};
  }
  if (required && !choice.organisationId) {
    return {
      organisationId: "Search for your organisation and select it, or select ‘My organisation is not listed’",
    };
  }
  return {};
}

const NOT_LISTED = "not-listed";

interface OrganisationPickerProps {
  legend: string;
  isPageHeading?: boolean;
  hint?: string;
  value: OrganisationChoice;
  onChange: (value: OrganisationChoice) => void;
  errors: FieldErrors;
  /** Offer "My organisation is not listed" with a box for its name. */
  allowNotListed?: boolean;
  notListedLabel?: string;
}

function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * Search the organisation directory (by name or ODS code) and pick one from radios, or say it is not
 * listed and type its name. Results update as you type; Enter searches at once instead of submitting.
 */
export function OrganisationPicker({
  legend,
  isPageHeading = false,
  hint,
  value,
  onChange,
  errors,
  allowNotListed = true,
  notListedLabel = "My organisation is not listed",
}: OrganisationPickerProps) {
  const [term, setTerm] = useState(value.search);
  const debounced = useDebounced(term, 300);
  const search = useSearchOrganisations(debounced);
  const results = search.data?.items ?? [];
  const error = errors.organisationId;
  const nameError = errors.organisationName;

  // Keep the chosen organisation on screen even when it is not among the current results.
  const options: { id: string; label: string; hint: string | null }[] = results.map((org) => ({
    id: org.id,
    label: organisationLabel(org),
    hint: org.parentName,
  }));
  if (value.organisationId && !options.some((o) => o.id === value.organisationId)) {
    options.unshift({
      id: value.organisationId,
      label: value.organisationLabel ?? "Your organisation",
      hint: null,
    });
  }

  const selected = value.notListed ? NOT_LISTED : (value.organisationId ?? "");
  const searching = debounced.trim().length >= ORGANISATION_SEARCH_MIN;
  let status = `Enter at least ${ORGANISATION_SEARCH_MIN} characters to search.`;
  if (searching && search.isFetching) status = "Searching…";
  else if (searching && search.isError) status = search.error.message;
  else if (searching && search.data) {
    status =
      results.length === 0
        ? `No organisations match ‘${debounced.trim()}’.`
        : `${results.length} ${results.length === 1 ? "organisation matches" : "organisations match"} ‘${debounced.trim()}’.`;
  }

  const choose = (id: string) => {
    if (id === NOT_LISTED) {
      onChange({ ...value, search: term, notListed: true, organisationId: null, organisationLabel: null });
      return;
    }
    const option = options.find((o) => o.id === id);
    onChange({
      ...value,
      search: term,
      notListed: false,
      organisationId: id,
      organisationLabel: option?.label ?? null,
    });
  };

  const radioIds = [...options.map((o) => o.id), ...(allowNotListed ? [NOT_LISTED] : [])];
  const idFor = (optionId: string) => {
    const index = radioIds.indexOf(optionId);
    return index === 0 ? "organisationId" : `organisationId-${index + 1}`;
  };

  const describedBy = [hint ? "organisation-hint" : null, error ? "organisationId-error" : null]
    .filter(Boolean)
    .join(" ");

  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${isPageHeading ? "l" : "m"}`}>
          {isPageHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div className="nhsuk-hint" id="organisation-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <span className="nhsuk-error-message" id="organisationId-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}

        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="organisationSearch">
            Search by name or ODS code
          </label>
          <div className="nhsuk-hint" id="organisationSearch-hint">
            For example, Leeds Teaching Hospitals or RR8
          </div>
          <input
            className="nhsuk-input nhsuk-u-width-two-thirds"
            id="organisationSearch"
            name="organisationSearch"
            type="search"
            autoComplete="organization"
            spellCheck={false}
            aria-describedby="organisationSearch-hint organisationSearch-status"
            value={term}
            onChange={(event) => setTerm(event.target.value)}
            onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
              // Enter searches now rather than submitting the whole form with a half-typed name.
              if (event.key === "Enter") event.preventDefault();
            }}
          />
          <p
            className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0"
            id="organisationSearch-status"
            aria-live="polite"
          >
            {status}
          </p>
        </div>

        <div className="nhsuk-radios">
          {options.map((option) => {
            const id = idFor(option.id);
            return (
              <div className="nhsuk-radios__item" key={option.id}>
                <input
                  className="nhsuk-radios__input"
                  id={id}
                  name="organisationId"
                  type="radio"
                  value={option.id}
                  checked={selected === option.id}
                  aria-describedby={option.hint ? `${id}-hint` : undefined}
                  onChange={() => choose(option.id)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-hint`}>
                    Part of {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
          {allowNotListed ? (
            <>
              {options.length > 0 ? <div className="nhsuk-radios__divider">or</div> : null}
              <div className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={idFor(NOT_LISTED)}
                  name="organisationId"
                  type="radio"
                  value={NOT_LISTED}
                  checked={selected === NOT_LISTED}
                  aria-controls="conditional-organisation-not-listed"
                  onChange={() => choose(NOT_LISTED)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={idFor(NOT_LISTED)}>
                  {notListedLabel}
                </label>
              </div>
              <div
                className="nhsuk-radios__conditional"
                id="conditional-organisation-not-listed"
                hidden={selected !== NOT_LISTED}
              >
                {selected === NOT_LISTED ? (
                  <div className={`nhsuk-form-group${nameError ? " nhsuk-form-group--error" : ""}`}>
                    <label className="nhsuk-label" htmlFor="organisationName">
                      Name of your organisation
                    </label>
                    {nameError ? (
                      <span className="nhsuk-error-message" id="organisationName-error">
                        <span className="nhsuk-u-visually-hidden">Error:</span> {nameError}
                      </span>
                    ) : null}
                    <input
                      className={`nhsuk-input${nameError ? " nhsuk-input--error" : ""}`}
                      id="organisationName"
                      name="organisationName"
                      type="text"
                      autoComplete="organization"
                      aria-describedby={nameError ? "organisationName-error" : undefined}
                      value={value.organisationName}
                      onChange={(event) => onChange({ ...value, organisationName: event.target.value })}
                    />
                  </div>
                ) : null}
              </div>
            </>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
