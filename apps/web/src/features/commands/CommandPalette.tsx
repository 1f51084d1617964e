import type { Task } from '@devtrackr/client';
import { Command } from 'cmdk';
import { Dialog as Radix } from 'radix-ui';
import { useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { humanMessage } from '../../api/problem';
import { useSignOut } from '../../auth/useSignOut';
import { useToast } from '../../components/Toast';
import { useTheme } from '../../theme/ThemeProvider';
import type { ThemePreference } from '../../theme/theme';
import { useTimer } from '../timer/useTimer';
import { useCanWrite } from '../workspaces/WorkspaceProvider';
import { useWorkspaces } from '../workspaces/WorkspaceProvider';
import { pathAfterSwitch, workspaceLabel } from '../workspaces/WorkspaceSwitcher';
import { goToKeys, NEW_TASK_PATH, SEARCH_TASKS_PATH, type NavPage } from './goTo';
import { KeyCombo } from './KeyCombo';
import { filterGroups, type PaletteCommand, type PaletteGroup } from './paletteCommands';
import { useTaskSearch } from './useTaskSearch';
import './palette.css';

export interface CommandPaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pages: readonly NavPage[];
  onShowShortcuts: () => void;
}

const THEMES: readonly { preference: ThemePreference; label: string }[] = [
  { preference: 'light', label: 'Use the light theme' },
  { preference: 'dark', label: 'Use the dark theme' },
  { preference: 'system', label: 'Use the system theme' },
];

function PaletteItem({ command }: { command: PaletteCommand }) {
  return (
    <Command.Item value={command.id} onSelect={command.run} className="palette__item">
      <span className="palette__label">{command.label}</span>
      {command.keys !== undefined && (
        // The option's name stays the command; the keys are a visual reminder (the ? help
        // lists them for everyone).
        <span className="palette__keys" aria-hidden="true">
          <KeyCombo keys={command.keys} />
        </span>
      )}
    </Command.Item>
  );
}

/**
 * Ctrl/Cmd-K (issue 14 §9): go anywhere, act on the timer, find a task by title and open it or
 * start its timer, switch theme, sign out. cmdk supplies the combobox/listbox and the arrow-key
 * selection; Radix supplies the modal (focus trapped, Escape, focus given back on close).
 */
export default function CommandPalette({
  open,
  onOpenChange,
  pages,
  onShowShortcuts,
}: CommandPaletteProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const { setPreference } = useTheme();
  const timer = useTimer();
  const canWrite = useCanWrite();
  const signOut = useSignOut();
  const [search, setSearch] = useState('');
  // "Switch workspace…" turns the list into the workspaces to choose from.
  const [choosingWorkspace, setChoosingWorkspace] = useState(false);
  const workspaces = useWorkspaces();
  const found = useTaskSearch(open && !choosingWorkspace ? search : '');
  // Where the focus was when the palette opened, to give it back on close. Radix gives it to
  // the dialog's Trigger, and a palette opened by a key has none. Read in a layout effect,
  // before the dialog's focus scope moves the focus into the palette.
  const returnFocus = useRef<Element | null>(null);
  useLayoutEffect(() => {
    if (open) returnFocus.current = document.activeElement;
  }, [open]);
  // Set when the command moves the focus itself (another page, the help dialog): then the
  // focus is not pulled back.
  const focusMoves = useRef(false);

  const change = (next: boolean) => {
    if (!next) {
      setSearch('');
      setChoosingWorkspace(false);
    }
    onOpenChange(next);
  };
  const go = (to: string) => {
    // The same address again changes nothing: then the focus goes back where it was.
    focusMoves.current = to !== location.pathname + location.search;
    change(false);
    void navigate(to);
  };

  const startTimer = (task: Task) => {
    change(false);
    timer.start(task.id).then(
      () => {
        toast({ title: 'Timer started', description: task.title, tone: 'success' });
      },
      (error: unknown) => {
        toast({
          title: 'The timer did not start',
          description: humanMessage(error),
          tone: 'error',
        });
      },
    );
  };
  const stopTimer = () => {
    change(false);
    timer.stop().then(
      () => {
        toast({ title: 'Timer stopped', tone: 'success' });
      },
      (error: unknown) => {
        toast({ title: 'The timer did not stop', description: humanMessage(error), tone: 'error' });
      },
    );
  };

  const running = timer.running;
  const workspaceGroup: PaletteGroup = {
    heading: 'Workspace',
    commands:
      workspaces.workspaces.length < 2
        ? []
        : [
            {
              id: 'switch workspace',
              label: 'Switch workspace…',
              keywords: ['team', 'change', 'personal'],
              run: () => {
                setSearch('');
                setChoosingWorkspace(true);
              },
            },
          ],
  };
  const workspaceChoices: PaletteGroup[] = [
    {
      heading: 'Switch to',
      commands: workspaces.workspaces.map((workspace) => ({
        id: `workspace ${workspace.id}`,
        label:
          workspace.id === workspaces.current?.id
            ? `${workspaceLabel(workspace)} (current)`
            : workspaceLabel(workspace),
        run: () => {
          workspaces.select(workspace.id);
          const next = pathAfterSwitch(location.pathname);
          if (next === undefined) change(false);
          else go(next);
          toast({ title: `Now in ${workspace.name}`, tone: 'success' });
        },
      })),
    },
  ];
  const rootGroups: PaletteGroup[] = [
    {
      heading: 'Go to',
      commands: pages.map((page) => ({
        id: `go ${page.to}`,
        label: `Go to ${page.label}`,
        keywords: ['page', 'open', 'navigate'],
        keys: goToKeys(page),
        run: () => {
          go(page.to);
        },
      })),
    },
    {
      heading: 'Tasks',
      commands: [
        {
          id: 'new task',
          label: 'New task',
          keywords: ['add', 'create'],
          keys: 'n',
          run: () => {
            go(NEW_TASK_PATH);
          },
        },
        {
          id: 'search tasks',
          label: 'Search tasks',
          keywords: ['find', 'filter'],
          keys: '/',
          run: () => {
            go(SEARCH_TASKS_PATH);
          },
        },
      ],
    },
    {
      heading: 'Timer',
      commands:
        running === null
          ? []
          : [
              {
                id: 'stop timer',
                label: `Stop the timer on “${running.taskTitle}”`,
                keywords: ['timer', 'pause', 'end'],
                run: stopTimer,
              },
            ],
    },
    {
      heading: 'Theme',
      commands: THEMES.map(({ preference, label }) => ({
        id: `theme ${preference}`,
        label,
        keywords: ['theme', 'appearance', 'colour', 'color', 'mode'],
        run: () => {
          setPreference(preference);
          change(false);
        },
      })),
    },
    {
      heading: 'Account',
      commands: [
        {
          id: 'sign out',
          label: 'Sign out',
          keywords: ['log', 'logout', 'exit'],
          run: () => {
            change(false);
            signOut.mutate(undefined, {
              onError: (error) => {
                toast({
                  title: 'Sign-out failed',
                  description: humanMessage(error),
                  tone: 'error',
                });
              },
            });
          },
        },
      ],
    },
    {
      heading: 'Help',
      commands: [
        {
          id: 'show shortcuts',
          label: 'Show keyboard shortcuts',
          keywords: ['help', 'keys', 'keyboard'],
          keys: '?',
          run: () => {
            focusMoves.current = true;
            change(false);
            onShowShortcuts();
          },
        },
      ],
    },
    workspaceGroup,
  ];
  const groups = choosingWorkspace ? workspaceChoices : rootGroups;

  // Found tasks: each can be opened or timed. Its own matching is the server's (title or
  // description), so these are not filtered again here.
  const taskCommands = (choosingWorkspace ? [] : found.tasks).flatMap((task): PaletteCommand[] => [
    {
      id: `open task ${task.id}`,
      label: `Open “${task.title}”`,
      run: () => {
        go(`/tasks/${task.id}`);
      },
    },
    // A viewer's palette offers no timer (issue 15): the API would refuse it.
    ...(running?.taskId === task.id || !canWrite
      ? []
      : [
          {
            id: `start timer ${task.id}`,
            label: `Start the timer on “${task.title}”`,
            run: () => {
              startTimer(task);
            },
          },
        ]),
  ]);

  const visible = filterGroups(groups, search);
  const nothing = visible.length === 0 && taskCommands.length === 0;
  return (
    <Radix.Root open={open} onOpenChange={change}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content
          className="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            const target = returnFocus.current;
            if (!focusMoves.current && target instanceof HTMLElement && target.isConnected) {
              target.focus();
            }
            focusMoves.current = false;
          }}
        >
          <Radix.Title className="visually-hidden">Command palette</Radix.Title>
          <Command label="Command" shouldFilter={false} loop className="palette__command">
            <Command.Input
              className="palette__input"
              placeholder={
                choosingWorkspace
                  ? 'Type a workspace’s name…'
                  : 'Type a command, or a task to open or time…'
              }
              value={search}
              onValueChange={setSearch}
            />
            {/* Only options and groups in the listbox: the notes live in a status beside it. */}
            <Command.List className="palette__list" hidden={nothing}>
              {visible.map((group) => (
                <Command.Group key={group.heading} heading={group.heading}>
                  {group.commands.map((command) => (
                    <PaletteItem key={command.id} command={command} />
                  ))}
                </Command.Group>
              ))}
              {taskCommands.length > 0 && (
                <Command.Group heading="Tasks found">
                  {taskCommands.map((command) => (
                    <PaletteItem key={command.id} command={command} />
                  ))}
                </Command.Group>
              )}
            </Command.List>
            <p role="status" className="palette__note">
              {found.searching
                ? 'Searching tasks…'
                : nothing
                  ? `No command or task matches “${search}”.`
                  : ''}
            </p>
            {found.error !== null && (
              <p role="alert" className="palette__note">
                Tasks could not be searched. {humanMessage(found.error)}
              </p>
            )}
          </Command>
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
