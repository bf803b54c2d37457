/**
 * A scene on a small wall frame, before saving (issue 12): the wall page itself
 * (`#/wall/preview?scene=KEY`, the same renderer and live data as every wall, pinned to that
 * scene) in a small window of its own, 960×540 with the pixel pitch doubled, so it looks like a
 * Full HD wall screen at half size. Not an iframe: the renderer's CSP forbids framing
 * (`frame-ancestors 'none'`). The wall reads the `/wall` projection, so the preview needs a wall
 * token (kept in this browser's localStorage); an admin token does not open `/wall`. One
 * preview window, reused: a wall page is a map and a feed worker.
 */
import { useState } from 'react';

const TOKEN_KEY = 'cur-admin-preview-wall-token';

function storedToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function ScenePreview({ hub, scenes }: { hub: string; scenes: readonly string[] }) {
  const [token, setToken] = useState(storedToken);
  const [scene, setScene] = useState<string | null>(null);
  const remember = (t: string) => {
    setToken(t);
    try {
      localStorage.setItem(TOKEN_KEY, t);
    } catch {
      // private mode: the token lasts for this page only
    }
  };
  const open = () => {
    if (!scene || !token) return;
    const src = `${hub}/#/wall/preview?token=${encodeURIComponent(token)}&scene=${encodeURIComponent(scene)}&pitch=1.26`;
    window.open(src, 'cur-scene-preview', 'popup,width=960,height=540');
  };
  return (
    <section data-scene-preview>
      <h3>Предпросмотр сцены на стене</h3>
      <div className="admin-row">
        <label>
          Токен стены <input aria-label="токен стены для предпросмотра" value={token} size={16} onChange={(e) => remember(e.target.value.trim())} />
        </label>
        <select aria-label="сцена для предпросмотра" value={scene ?? ''} onChange={(e) => setScene(e.target.value || null)}>
          <option value="">— сцена —</option>
          {scenes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="plain" disabled={!scene || !token} onClick={open} data-open-preview>
          Показать на уменьшенной стене
        </button>
        {!token && <span className="warn">нужен токен стены (роль wall)</span>}
      </div>
    </section>
  );
}
