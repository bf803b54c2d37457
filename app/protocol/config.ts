/**
 * Live configuration (issue 12): the hub tells every reading client (`/wall`, `/touch`,
 * `/presenter`, `/admin`; not wall agents) which version of each configuration document is
 * current, and sends the documents themselves.
 *
 * Hub → client:
 * - `config:state {documents: [{name, version, updatedAt}]}`: on connect and after every save or
 *   rollback; small (ten entries).
 * - `config:doc {name, version, body}`: on connect, every document whose version is above 1
 *   (version 1 is the built-in body every client already has, `app/config/documents.ts`); after
 *   a save or rollback, that document. A client validates the body with the document's schema
 *   (`validateConfigBody`) and keeps its last good one when it fails.
 */
import { z } from 'zod';

/** One document's current version. */
export const ConfigStateEntrySchema = z.strictObject({
  name: z.string().min(1).max(40),
  version: z.number().int().min(1),
  updatedAt: z.number().int().nonnegative(),
});

/** `config:state`: every document's current version. */
export const ConfigStateSchema = z.strictObject({ documents: z.array(ConfigStateEntrySchema).max(64) });
export type ConfigState = z.infer<typeof ConfigStateSchema>;

/** `config:doc`: one document at one version (the body is checked by the document's own schema). */
export const ConfigDocSchema = z.strictObject({
  name: z.string().min(1).max(40),
  version: z.number().int().min(1),
  body: z.unknown(),
});
export type ConfigDoc = z.infer<typeof ConfigDocSchema>;

/** Hub → reading clients. */
export interface ConfigServerEvents {
  'config:state': (state: ConfigState) => void;
  'config:doc': (doc: ConfigDoc) => void;
}
