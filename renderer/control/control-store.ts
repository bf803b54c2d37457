/**
 * The control page's own UI state (zustand; the wall's store is `state/ui-store.ts`): the
 * connection, the last `control:state`, and a revision counter that
 * moves when the entities change. The entities themselves stay in the client's mutable map
 * (ARCHITECTURE.md: high-rate data never goes through React state).
 */
import { create } from 'zustand';
import type { AlarmRecord } from '../../app/alarms/alarm-record';
import type { ControlCommand, ControlState } from '../../app/protocol/control';
import type { OfficerState, SigninAck } from '../../app/protocol/officer';

export type ControlConnection = 'connecting' | 'connected' | 'disconnected';

/** The result of the last command this page sent. */
export interface CommandResult {
  type: ControlCommand['type'];
  ok: boolean;
  error?: string;
  /** Page time when the answer came. */
  at: number;
}

export interface ControlUiState {
  connection: ControlConnection;
  /** What the page must say about its link, in Russian (the hub refused it, the PIN is needed again on another node), or null. */
  error: string | null;
  /** The hub node in use (issue 16: `?hub=A,B,C`); null until the first connection. */
  hub: string | null;
  /** Every hub node the page may use, in the order tried. */
  hubs: string[];
  /** Null until the hub sent the first `control:state`. */
  control: ControlState | null;
  /** True once the first complete snapshot is applied. */
  hasData: boolean;
  seq: number;
  /** Moves whenever the live entities changed (at most a few times a second). */
  dataRev: number;
  lastCommand: CommandResult | null;
  /** The hub's active alarm records (`alarms:state`, issue 15), most urgent first. */
  alarms: AlarmRecord[];
  /** Who acts on this page (`officer:state`); null until the hub said. */
  officer: OfficerState | null;
  /** PIN sign-in and sign-out through the page's socket (set by the control client). */
  officerActions: { signIn(pin: string): Promise<SigninAck>; signOut(): void } | null;
}

export const useControl = create<ControlUiState>(() => ({
  connection: 'connecting',
  error: null,
  hub: null,
  hubs: [],
  control: null,
  hasData: false,
  seq: -1,
  dataRev: 0,
  lastCommand: null,
  alarms: [],
  officer: null,
  officerActions: null,
}));
