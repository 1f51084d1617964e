import { useOnline } from '../lib/useOnline';

/**
 * Says plainly that the app is offline. The live region is always there (empty while online)
 * so screen readers announce the change when the connection drops.
 */
export function OfflineBanner() {
  const online = useOnline();
  return (
    <div role="status" className={online ? undefined : 'offline-banner'}>
      {!online && (
        <>
          <strong>You are offline.</strong> DevTrackr can’t reach the server, so nothing new can be
          loaded or saved until the connection is back.
        </>
      )}
    </div>
  );
}
