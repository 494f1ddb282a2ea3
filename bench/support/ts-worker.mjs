// Starts a TypeScript worker: Node 20 does not carry `--import tsx` into worker threads, so the worker registers
// tsx itself, then loads the script named in its argv.
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);
