import { setOfficerName, useOfficerName } from './officer-name';

/** «Дежурный: [имя]»: the name the shift tools sign with. */
export function OfficerNameField({ label = 'Дежурный' }: { label?: string }) {
  const name = useOfficerName();
  return (
    <label className="officer-name">
      <span>{label}</span>
      <input type="text" value={name} maxLength={200} placeholder="Фамилия И. О." aria-label={`${label}: имя`} onChange={(e) => setOfficerName(e.target.value)} />
    </label>
  );
}
