/**
 * The SPC engine (XmR charts with the four Making Data Count rules): a pure function of its input.
 * BEING WRITTEN by the SPC helper; the signature is fixed.
 */
import type { SpcInput, SpcResult } from "./types.js";

/** Analyses a series; throws SpcInputError for input it cannot analyse. */
export function analyseSpc(_input: SpcInput): SpcResult {
  throw new Error("analyseSpc is being written");
}
