import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startHeartbeat } from './kiosk/heartbeat';
import { kioskApi } from './kiosk/kiosk';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App />);

// In the Electron wall app: the watchdog's heartbeat, from this page's frame loop.
const kiosk = kioskApi();
if (kiosk) startHeartbeat(kiosk);
