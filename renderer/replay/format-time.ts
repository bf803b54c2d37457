/** `DD.MM.YYYY HH:MM[:SS]` in Moscow time (the region's time on every screen): see app/ui/format-ru. */
export { formatMskDateTime } from '../../app/ui/format-ru';
