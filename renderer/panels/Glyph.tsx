import { statusGlyph, type WallStatus } from '../../app/ui/palette';

/** A status as a shape in its colour (never colour alone: the shape differs, and a word follows where room allows). */
export function Glyph({ status, label = false }: { status: WallStatus; label?: boolean }) {
  const cue = statusGlyph(status);
  return (
    <span className="glyph" style={{ color: cue.color }} title={cue.label}>
      <span aria-hidden>{cue.glyph}</span>
      {label ? <span className="glyph-label"> {cue.label}</span> : <span className="sr-only">{cue.label}</span>}
    </span>
  );
}
