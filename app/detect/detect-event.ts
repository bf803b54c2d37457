/**
 * What the detectors count: one appeal's arrival, reduced to the controlled values that name
 * where and what it is about (no text, no person). Keys of the counting families are built
 * from these fields, so a key never carries anything a public screen may not show.
 */
import type { Appeal } from '../domain/entity';

/** One appeal's arrival. */
export interface DetectEvent {
  /** When it was created (Unix ms). */
  readonly t: number;
  /** OKTMO of its municipality. */
  readonly municipality: string;
  readonly sector: string;
  /** Topic id of the topic list, when it has one. */
  readonly topic?: string;
  readonly channel: Appeal['channel'];
  /** Linked to a known utility accident (`accidentId`): explained by it, not a surge of its own. */
  readonly linked?: boolean;
}

/** The arrival of an appeal as the detectors count it. */
export function eventOf(a: Appeal): DetectEvent {
  return {
    t: a.createdAt,
    municipality: a.municipality,
    sector: a.sector,
    channel: a.channel,
    ...(a.topic !== undefined ? { topic: a.topic } : {}),
    ...(a.accidentId !== undefined ? { linked: true } : {}),
  };
}

/** The counting families: each event falls into at most one key of each. */
export const FAMILIES = ['topic', 'sector', 'channel', 'municipality'] as const;
export type Family = (typeof FAMILIES)[number];

/** The key of `e` in a family (`undefined`: the event has none there, e.g. no topic). */
export function keyOf(family: Family, e: DetectEvent): string | undefined {
  switch (family) {
    case 'topic':
      return e.topic !== undefined ? `topic:${e.municipality}:${e.sector}:${e.topic}` : undefined;
    case 'sector':
      return `sector:${e.municipality}:${e.sector}`;
    case 'channel':
      return `channel:${e.channel}`;
    case 'municipality':
      return `municipality:${e.municipality}`;
  }
}
