import { Spinner } from '../components/Spinner';

/** Shown for the moment the session is being resumed after a page load. */
export function Splash() {
  return (
    <main className="splash">
      <p className="splash__brand" aria-hidden="true">
        DevTrackr
      </p>
      <Spinner label="Opening DevTrackr" />
    </main>
  );
}
