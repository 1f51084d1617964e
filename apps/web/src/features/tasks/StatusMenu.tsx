import type { TaskStatus } from '@devtrackr/client';
import { DropdownMenu } from 'radix-ui';
import { isStatus, STATUS_LABEL, STATUSES } from './labels';

interface StatusMenuProps {
  title: string;
  status: TaskStatus;
  onChange: (status: TaskStatus) => void;
}

/** A card's status as a menu (Radix: arrow keys, typeahead, Escape): the board without dragging. */
export function StatusMenu({ title, status, onChange }: StatusMenuProps) {
  return (
    // Not modal: a modal menu hides the rest of the page from assistive technology (aria-hidden)
    // while its buttons stay focusable, which axe rightly reports; this small menu closes on
    // Escape or a click outside and returns focus to its trigger either way.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        className="btn btn--ghost btn--sm status-menu__trigger"
        aria-label={`Status of ${title}: ${STATUS_LABEL[status]}`}
      >
        {STATUS_LABEL[status]} <span aria-hidden="true">▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="menu__label">Move to</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={status}
            onValueChange={(value) => {
              if (isStatus(value) && value !== status) onChange(value);
            }}
          >
            {STATUSES.map((option) => (
              <DropdownMenu.RadioItem key={option} value={option} className="menu__item">
                <DropdownMenu.ItemIndicator className="menu__check">✓</DropdownMenu.ItemIndicator>
                {STATUS_LABEL[option]}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
