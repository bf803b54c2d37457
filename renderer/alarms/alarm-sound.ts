/**
 * The alarm sound: a two-tone beep generated with WebAudio (no sound file to ship), played
 * when an alarm that asks for sound takes the wall over and again every
 * {@link REPEAT_MS} until it is acknowledged. Never blocks and never throws: a browser that
 * refuses audio without a user gesture simply stays silent (Electron can allow it).
 */

/** A beep repeats this often while its alarm stands, ms. */
export const REPEAT_MS = 15_000;

let ctx: AudioContext | null = null;

function beep(): void {
  try {
    ctx ??= new AudioContext();
    void ctx.resume().catch(() => undefined);
    const t0 = ctx.currentTime + 0.02;
    for (const [i, freq] of [880, 660, 880].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      const t = t0 + i * 0.25;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.22);
    }
  } catch (err) {
    console.warn('alarm sound unavailable', err);
  }
}

/** Beeps now and every {@link REPEAT_MS}; returns the stop function. */
export function startAlarmSound(): () => void {
  beep();
  const timer = setInterval(beep, REPEAT_MS);
  return () => clearInterval(timer);
}
