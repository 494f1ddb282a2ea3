import { describedBy, FormGroup } from "./form-group";

interface SearchInputProps {
  /** Field name and id; the search words travel in the URL under this name. */
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}

/**
 * The NHS search input: a labelled search field with a search button beside it that submits the
 * surrounding form. The button's accessible name is "Search".
 */
export function SearchInput({ id, label, hint, value, onChange }: SearchInputProps) {
  return (
    <FormGroup id={id} label={label} labelSize="s" hint={hint} className="nhsuk-search-input">
      <div className="nhsuk-input-wrapper nhsuk-search-input__wrapper">
        <input
          className="nhsuk-input nhsuk-search-input__input"
          id={id}
          name={id}
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedBy(id, hint, undefined)}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          className="nhsuk-button nhsuk-button--icon nhsuk-button--small nhsuk-search-input__button"
          type="submit"
          aria-label="Search"
        >
          <svg
            className="nhsuk-icon nhsuk-icon--search"
            xmlns="http://www.w3.org/2000/svg"
            viewBox="0 0 24 24"
            width="16"
            height="16"
            focusable="false"
            aria-hidden="true"
          >
            <path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z" />
          </svg>
        </button>
      </div>
    </FormGroup>
  );
}
