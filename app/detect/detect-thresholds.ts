/**
 * Thresholds of the spike and silence detectors (issue 15), as configuration: the `detect`
 * field of the `thresholds` document (app/config/documents.ts). The defaults are the ones
 * measured on a month of demo data (bench/README.md «Spike and silence detection»).
 */
import { z } from 'zod';
import { ALARM_SEVERITIES } from '../alarms/alarm-rules';

const minutes = z
  .number()
  .int()
  .min(5)
  .max(24 * 60);
const probability = z.number().positive().max(0.5);

export const SpikeThresholdsSchema = z.strictObject({
  /** Sliding window a surge is counted in, minutes. @default 60 */
  windowMin: minutes.default(60),
  /** Fewest messages in the window that can be a surge. @default 5 */
  minCount: z.number().int().min(2).max(1000).default(5),
  /** Fewest times the usual level. @default 3 */
  minRatio: z.number().min(1).max(1000).default(3),
  /** Largest Poisson probability of so many messages at the usual level. @default 1e-5 */
  maxP: probability.default(1e-5),
  /** Days of history the usual level is learnt from. @default 28 */
  historyDays: z.number().int().min(7).max(120).default(28),
  /**
   * Fewest days the log must reach back before today for surges and silences to be judged at
   * all: a hub with no history (a fresh install, a test) has no usual level, and every first
   * handful of messages would otherwise read as a surge. @default 7
   */
  minHistoryDays: z.number().int().min(0).max(120).default(7),
  /** Minutes a surge must stay below the thresholds before its alarm is cleared. @default 60 */
  clearAfterMin: minutes.default(60),
  severity: z.enum(ALARM_SEVERITIES).default('warning'),
});

export const SilenceThresholdsSchema = z.strictObject({
  /** Window silence is judged over, minutes. @default 180 */
  windowMin: minutes.default(180),
  /** Judged only when at least this many messages are usual in the window. @default 12 */
  minExpected: z.number().min(1).max(100_000).default(12),
  /** Silent when at most this share of the usual level came. @default 0.15 */
  maxShare: z.number().min(0).max(1).default(0.15),
  /** Largest Poisson probability of so few messages at the usual level. @default 1e-5 */
  maxP: probability.default(1e-5),
  severity: z.enum(ALARM_SEVERITIES).default('warning'),
});

export const DetectThresholdsSchema = z.strictObject({
  /** @default true */
  enabled: z.boolean().default(true),
  spike: SpikeThresholdsSchema.default(SpikeThresholdsSchema.parse({})),
  silence: SilenceThresholdsSchema.default(SilenceThresholdsSchema.parse({})),
});

export type SpikeThresholds = z.output<typeof SpikeThresholdsSchema>;
export type SilenceThresholds = z.output<typeof SilenceThresholdsSchema>;
export type DetectThresholds = z.output<typeof DetectThresholdsSchema>;

/** The defaults. */
export const DEFAULT_DETECT_THRESHOLDS: DetectThresholds = DetectThresholdsSchema.parse({});
