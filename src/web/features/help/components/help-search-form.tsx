import { type FormEvent, useState } from "react";
import { SearchInput } from "../../../components/search-input";

/**
 * The help centre's search box as a GET-style form: the words go into the address (/help?q=…), so results can be
 * shared and Back restores them. When the address changes another way, the box follows it.
 */
export function HelpSearchForm({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(q);
  const [draftFor, setDraftFor] = useState(q);
  if (draftFor !== q) {
    // Adjusting state while rendering (not in an effect) keeps the box in step with Back and Forward.
    setDraftFor(q);
    setDraft(q);
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <form noValidate method="get" action="/help" onSubmit={submit}>
      <SearchInput
        id="q"
        label="Search the help centre"
        hint="For example, ESR number, certificate or deferral"
        value={draft}
        onChange={setDraft}
      />
    </form>
  );
}
