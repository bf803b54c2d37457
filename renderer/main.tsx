import { createRoot } from 'react-dom/client';
import { App, loadAttribution } from './App';
import { startHeartbeat } from './kiosk/heartbeat';
import { kioskApi } from './kiosk/kiosk';
import './styles.css';

// Cold-start phases (bench/coldstart.bench.ts reads the `cur:` marks): every module evaluated.
performance.mark('cur:modules');

loadAttribution();
createRoot(document.getElementById('root')!).render(<App />);

// In the Electron wall app: the watchdog's heartbeat, from this page's frame loop.
const kiosk = kioskApi();
if (kiosk) startHeartbeat(kiosk);
