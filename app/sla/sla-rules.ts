/**
 * SLA rule tables: how long each channel has to answer, as configuration. The defaults are
 * the typical rules of DOMAIN.md «Channels and deadlines»; a curator may change any of them.
 * A deadline supplied by the feed (`Appeal.dueAt`) always wins over these rules.
 */
import { DEFAULT_WORKING_TIME, type WorkingTimeConfig } from '../calendar/production-calendar';

/** Social-media posts picked up by «Инцидент Менеджмент» (ИМ). */
export interface SocialSlaRule {
  /** First answer, in working hours from the post. @default 8 */
  readonly firstAnswerHours: number;
  /**
   * First answer for `importance: 'high'` posts, in clock hours (a high-importance post is an
   * emergency signal: a post at Saturday 23:00 is due Sunday 03:00, not Monday 13:00). @default 4
   */
  readonly firstAnswerHoursHigh: number;
  /** How the high-importance allowance is counted. @default 'calendar' (clock hours) */
  readonly highBasis: 'calendar' | 'working';
  /**
   * First answer for a post linked to a utility accident (`accidentId`), in clock hours: the
   * accident runs day and night, so its posts do. @default 4
   */
  readonly accidentAnswerHours: number;
  /** Final answer after an intermediate one, in working days. @default 7 */
  readonly finalAfterIntermediateDays: number;
}

/** Written appeals under Federal Law 59-ФЗ (art. 8 and 12). */
export interface WrittenSlaRule {
  /** Registration within this many days of receipt (59-ФЗ art. 8 part 2): while `registeredAt` is absent. @default 3 */
  readonly registrationDays: number;
  /** Redirect to the competent body within this many days of registration (art. 8 part 3), when `redirect` is set. @default 7 */
  readonly redirectDays: number;
  /** Calendar days from registration (`registeredAt`, else `createdAt`; art. 12 part 1). @default 30 */
  readonly days: number;
  /** The one extension allowed (status `extended`), calendar days. @default 30 */
  readonly extensionDays: number;
}

/**
 * Feedback Platform (ПОС) messages: a term per ПОС topic, in working days. ПОС messages are
 * not 59-ФЗ appeals; their terms are set per topic in the platform, so the table is data.
 */
export interface PosSlaRule {
  /**
   * Working days when the topic has no entry. An assumption of ours, not a legal term (ПОС
   * sets terms per topic; ask the platform's operator for the table). @default 10
   */
  readonly defaultWorkingDays: number;
  /** Working days per topic (`Appeal.topic`, exact match). @default {} */
  readonly byTopic: Readonly<Record<string, number>>;
}

/** When an open item counts as «at risk»: either condition is enough. */
export interface AtRiskRule {
  /** Share of the allowed time still left, 0–1. @default 0.25 */
  readonly shareLeft: number;
  /** Time left in ms, measured like the rule (working time for working-hour rules). @default 2 h */
  readonly minLeftMs: number;
}

/** The whole SLA configuration. */
export interface SlaRules {
  readonly social: SocialSlaRule;
  readonly written: WrittenSlaRule;
  readonly pos: PosSlaRule;
  readonly atRisk: AtRiskRule;
  /** Office hours and production calendar for working-time rules. */
  readonly workingTime: WorkingTimeConfig;
}

/** The defaults of DOMAIN.md. */
export const DEFAULT_SLA_RULES: SlaRules = {
  social: { firstAnswerHours: 8, firstAnswerHoursHigh: 4, highBasis: 'calendar', accidentAnswerHours: 4, finalAfterIntermediateDays: 7 },
  written: { registrationDays: 3, redirectDays: 7, days: 30, extensionDays: 30 },
  pos: { defaultWorkingDays: 10, byTopic: {} },
  atRisk: { shareLeft: 0.25, minLeftMs: 2 * 3_600_000 },
  workingTime: DEFAULT_WORKING_TIME,
};
