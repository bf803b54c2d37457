import { useEffect, useState } from 'react';
import { AdminPage } from './admin/AdminPage';
import { parseLocation, type PageParams } from './route';
import { useUi } from './state/ui-store';
import { Presenter } from './presenter/Presenter';
import { ShiftPage } from './shift/ShiftPage';
import { pxPerMmFromHref } from './touch/touch-config';
import { TouchPanel } from './touch/TouchPanel';
import { WallScreen } from './wall/WallScreen';

function Notice({ title, text }: { title: string; text: string }) {
  return (
    <div className="notice" role="alert">
      <h1>{title}</h1>
      <p>{text}</p>
    </div>
  );
}

/**
 * The geo data's attribution line (the wall's map waits for it): asked for once, when the page
 * starts (renderer/main.tsx, before React's first render), not in an effect after it.
 */
export function loadAttribution(): void {
  fetch(new URL('geo/attribution.json', location.href))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((j: { text?: string }) => useUi.setState({ attribution: j.text ?? '© OpenStreetMap' }))
    .catch(() => useUi.setState({ attribution: '© участники OpenStreetMap (ODbL 1.0)' }));
}

/** Picks the route from the URL; the only place that reads `location`. */
export function App() {
  const [params, setParams] = useState<PageParams>(() => parseLocation(location.href));
  useEffect(() => {
    const onHash = () => setParams(parseLocation(location.href));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const { route, token, hub } = params;
  if (!token)
    return <Notice title="Нет токена доступа" text="Добавьте к адресу ?token=… (выдаётся администратором хаба), например #/wall/main?token=dev-wall." />;
  switch (route.view) {
    case 'wall':
      return <WallScreen key={route.screenId} screenId={route.screenId} hub={hub} token={token} />;
    case 'touch':
      return <TouchPanel hub={hub} token={token} pxPerMm={pxPerMmFromHref(location.href)} />;
    case 'presenter':
      return <Presenter hub={hub} token={token} />;
    case 'shift':
      return <ShiftPage hub={hub} token={token} />;
    case 'admin':
      return <AdminPage hub={hub} token={token} docName={route.doc} />;
    default:
      return <Notice title="Неизвестный адрес" text={`Раздел «${route.path}» не существует. Откройте #/wall/main.`} />;
  }
}
