import { setOfficerName, useSignedInOfficer, useTypedOfficerName } from './officer-name';

/**
 * «Дежурный: [имя]»: the name the shift tools sign with. While an officer is signed in on this
 * page (PIN, named token) the name is theirs and not typed.
 */
export function OfficerNameField({ label = 'Дежурный' }: { label?: string }) {
  const signed = useSignedInOfficer();
  const typed = useTypedOfficerName();
  if (signed !== null) {
    return (
      <div className="officer-name" data-officer-signed-in={signed}>
        <span>{label}</span> <b>{signed}</b>
      </div>
    );
  }
  return (
    <label className="officer-name">
      <span>{label}</span>
      <input
        type="text"
        value={typed}
        maxLength={200}
        placeholder="Фамилия И. О."
        aria-label={`${label}: имя`}
        onChange={(e) => setOfficerName(e.target.value)}
      />
    </label>
  );
}
