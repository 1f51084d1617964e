import { useEffect, useRef, useState } from 'react';

/** How long typing may pause before the list follows. */
export const TYPING_DELAY_MS = 350;

/**
 * A text field over a value that lives elsewhere (the URL): the field shows what is typed at
 * once and `commit`s it after a pause, so the list is not fetched on every keystroke. When the
 * value changes from outside (Back, a link, "Clear filters"), the field follows. `normalize`
 * maps what is typed to the value it stands for ("api,  v2" → "api, v2"), so a commit that
 * only tidies the text never yanks it from under the cursor.
 */
export function useDebouncedText(
  value: string,
  commit: (text: string) => void,
  normalize: (text: string) => string = (text) => text.trim(),
): [string, (text: string) => void] {
  const [draft, setDraft] = useState(value);
  const latest = useRef({ draft, commit, normalize });
  latest.current = { draft, commit, normalize };

  useEffect(() => {
    if (latest.current.normalize(latest.current.draft) !== value) setDraft(value);
  }, [value]);

  useEffect(() => {
    if (latest.current.normalize(draft) === value) return undefined;
    const timer = setTimeout(() => {
      latest.current.commit(draft);
    }, TYPING_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [draft, value]);

  return [draft, setDraft];
}
