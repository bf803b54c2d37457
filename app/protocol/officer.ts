/**
 * Named officers on the control pages (issue 15). A touch panel or presenter socket has a
 * person: the one its token names (tokens file), or the officer signed in by PIN. The PIN goes
 * to the hub over the page's own socket and is checked there against the `people` document;
 * it is never audited, never sent back, and never reaches a wall.
 *
 * Client → hub (`/touch`, `/presenter`): `officer:signin <pin>` with ack {@link SigninAck};
 * `officer:signout` (the page after `idleMinutes` without a touch, or the officer's button).
 * Hub → client: `officer:state` on connect and after every sign-in or sign-out.
 */
import { z } from 'zod';

export const OfficerSchema = z.strictObject({ name: z.string().max(200), position: z.string().max(200).nullable() });
export type Officer = z.infer<typeof OfficerSchema>;

export const OfficerStateSchema = z.strictObject({
  /** Who acts on this socket now; null: nobody named (acknowledgements are refused). */
  person: OfficerSchema.nullable(),
  /** `pin`: signed in by PIN (signed out after `idleMinutes`); `token`: the token's holder. */
  via: z.enum(['pin', 'token']).nullable(),
  /** Minutes without a touch before a PIN sign-in ends (the `people` document). */
  idleMinutes: z.number().int().min(1).max(240),
});
export type OfficerState = z.infer<typeof OfficerStateSchema>;

export interface SigninAck {
  ok: boolean;
  error?: string;
  person?: Officer;
}

export interface OfficerClientEvents {
  'officer:signin': (pin: unknown, ack: (res: SigninAck) => void) => void;
  'officer:signout': (ack?: (res: SigninAck) => void) => void;
}
export interface OfficerServerEvents {
  'officer:state': (state: OfficerState) => void;
}
