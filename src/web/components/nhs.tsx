/**
 * Presentational NHS components taken as they are from nhsuk-react-components. They render nhsuk-frontend
 * markup without its JavaScript, so they are safe to use directly.
 */
export { Details, InsetText, SummaryList, Table, Tag, WarningCallout } from "nhsuk-react-components";
