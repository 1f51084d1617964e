import { Dialog } from '../../components/Dialog';
import { useShortcutList } from '../../shortcuts/useShortcut';
import { KeyCombo } from './KeyCombo';
import { groupShortcuts } from './shortcutGroups';

interface ShortcutHelpProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * The `?` dialog: exactly the shortcuts registered now, read from the registry, so what it
 * lists is what works on this page (a page's own keys appear while it is mounted).
 */
export function ShortcutHelp({ open, onOpenChange }: ShortcutHelpProps) {
  const groups = groupShortcuts(useShortcutList());
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="They work anywhere in the app, except while you are typing in a field."
    >
      <div className="shortcut-help">
        {groups.map(({ group, shortcuts }) => (
          <section key={group} className="shortcut-help__group" aria-label={group}>
            <h3 className="shortcut-help__heading">{group}</h3>
            <dl className="shortcut-help__list">
              {shortcuts.map((shortcut) => (
                <div key={shortcut.keys} className="shortcut-help__item">
                  <dt>
                    <KeyCombo keys={shortcut.keys} />
                  </dt>
                  <dd>{shortcut.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
