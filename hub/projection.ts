/**
 * What each role may see. `/wall` and `/touch` get the public projection: free text never
 * leaves the hub for a public screen (the wall is seen by visitors and cameras; 152-ФЗ
 * minimisation). Redaction of personal data at ingest comes on top of this.
 */
import type { Entity } from '../app/domain/entity';
import type { Delta, Role } from '../app/protocol/feed';

export type Projection = 'public' | 'full';

export function projectionOf(role: Role): Projection {
  return role === 'wall' || role === 'touch' ? 'public' : 'full';
}

/** The entity as a public screen may show it. */
export function publicEntity(e: Entity): Entity {
  return e.kind === 'appeal' ? { ...e, text: '' } : e;
}

export function project(entities: Entity[], p: Projection): Entity[] {
  return p === 'full' ? entities : entities.map(publicEntity);
}

export function projectDelta(d: Delta, p: Projection): Delta {
  return p === 'full' ? d : { ...d, upserts: d.upserts.map(publicEntity) };
}
