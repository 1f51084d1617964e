import { useEffect, useState } from 'react';
import { setTitlePrefix } from '../../lib/documentTitle';
import { elapsedText, msToNextSecond } from './elapsed';

interface ElapsedTimeProps {
  startedAt: string;
  /** The running task's title, for the tab title. */
  taskTitle: string;
}

/**
 * The ticking h:mm:ss, and the tab title with it. Only this component re-renders each second.
 * Each tick is scheduled for the next whole second of elapsed time and reads the clock afresh,
 * so a late timer (a busy or background tab) never makes the display drift: it catches up.
 */
export function ElapsedTime({ startedAt, taskTitle }: ElapsedTimeProps) {
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    let handle: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      handle = setTimeout(tick, msToNextSecond(startedAt, current));
    };
    tick();
    return () => {
      clearTimeout(handle);
    };
  }, [startedAt]);

  const text = elapsedText(startedAt, now);
  useEffect(() => {
    setTitlePrefix(`▶ ${text} ${taskTitle} ·`);
  }, [text, taskTitle]);
  useEffect(
    () => () => {
      setTitlePrefix('');
    },
    [],
  );

  return (
    // role="timer" is not announced on every change (implicit aria-live off), so a screen
    // reader hears it when it reads the bar, not sixty times a minute.
    <span role="timer" aria-label={`Elapsed ${text}`} className="timer-bar__elapsed">
      {text}
    </span>
  );
}
