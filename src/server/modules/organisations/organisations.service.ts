import type { Organisation } from "../../../shared/organisations.js";
import type { Tx } from "../../platform/db.js";
import { fieldError } from "../../platform/errors.js";
import * as repo from "./organisations.repository.js";

/** Searches the public directory (anyone may, so people can find their organisation when registering). */
export async function searchOrganisations(tx: Tx, q: string, limit: number): Promise<Organisation[]> {
  return repo.searchByNameOrCode(tx, q, limit);
}

/** Resolves an organisation chosen in a form; a 400 naming the field when it does not exist. */
export async function requireOrganisation(tx: Tx, id: string, field = "organisationId") {
  const organisation = await repo.getById(tx, id);
  if (!organisation)
    throw fieldError(field, "Choose your organisation from the list, or say it is not listed");
  return organisation;
}

/** One organisation by id, or null. */
export async function findOrganisation(tx: Tx, id: string) {
  return repo.getById(tx, id);
}
