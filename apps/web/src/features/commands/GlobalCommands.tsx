import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useKeyboardShortcuts, useShortcut } from '../../shortcuts/useShortcut';
import { goToKeys, NEW_TASK_PATH, SEARCH_TASKS_PATH, type NavPage } from './goTo';
import { ShortcutHelp } from './ShortcutHelp';
import './commands.css';

// cmdk is only wanted once someone presses Ctrl/Cmd-K: its own chunk keeps it out of the shell.
const CommandPalette = lazy(() => import('./CommandPalette'));

const GO_TO = 'Go to';
const GENERAL = 'General';

/** `g` then a key: one component per page, so each registration is a plain hook call. */
function GoToShortcut({ page }: { page: NavPage }) {
  const navigate = useNavigate();
  const keys = goToKeys(page);
  useShortcut(
    keys ?? '',
    () => {
      void navigate(page.to);
    },
    { description: page.label, group: GO_TO, enabled: keys !== undefined },
  );
  return null;
}

interface GeneralShortcutsProps {
  onHelp: () => void;
  onPalette: () => void;
}

/** `?`, Ctrl/Cmd-K, `n` and `/`: registered before the `g` keys, so the help lists them first. */
function GeneralShortcuts({ onHelp, onPalette }: GeneralShortcutsProps) {
  const navigate = useNavigate();
  useShortcut('?', onHelp, { description: 'Show keyboard shortcuts', group: GENERAL });
  // From a text field too: it is a chord, and the palette is where one goes to act.
  useShortcut('mod+k', onPalette, {
    description: 'Open the command palette',
    group: GENERAL,
    inInputs: true,
  });
  useShortcut(
    'n',
    () => {
      void navigate(NEW_TASK_PATH);
    },
    { description: 'New task', group: GENERAL },
  );
  useShortcut(
    '/',
    () => {
      void navigate(SEARCH_TASKS_PATH);
    },
    { description: 'Search tasks', group: GENERAL },
  );
  return null;
}

/**
 * The app-wide keyboard layer (issue 14 §9), mounted once by the layout: it installs the one
 * document key listener, registers the global shortcuts, and hosts the `?` help and the
 * Ctrl/Cmd-K palette. Pages add and override keys through the same registry: mounted before
 * the page's outlet, its effects register first, so a page's registration of the same keys is
 * the later one and wins (the tasks page takes `n` and `/` for itself).
 */
export function GlobalCommands({ pages }: { pages: readonly NavPage[] }) {
  useKeyboardShortcuts();
  const { pathname } = useLocation();
  const [helpOpen, setHelpOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  // Once loaded the palette stays mounted (closed), so reopening it is instant.
  const [paletteLoaded, setPaletteLoaded] = useState(false);

  // A `g …` pressed with the help open goes to a page the help would then hide.
  useEffect(() => {
    setHelpOpen(false);
  }, [pathname]);

  return (
    <>
      <GeneralShortcuts
        onHelp={() => {
          setHelpOpen(true);
        }}
        onPalette={() => {
          setPaletteLoaded(true);
          setHelpOpen(false);
          setPaletteOpen((open) => !open);
        }}
      />
      {pages.map((page) => (
        <GoToShortcut key={page.to} page={page} />
      ))}
      <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
      {paletteLoaded && (
        <Suspense fallback={null}>
          <CommandPalette
            open={paletteOpen}
            onOpenChange={setPaletteOpen}
            pages={pages}
            onShowShortcuts={() => {
              setHelpOpen(true);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
