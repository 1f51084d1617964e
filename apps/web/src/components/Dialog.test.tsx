import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from './Dialog';

/** A page that opens a dialog from a button of its own: no Radix Trigger, as in the app. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
        }}
      >
        New token
      </button>
      <Dialog open={open} onOpenChange={setOpen} title="Token created">
        <p>Copy it now.</p>
      </Dialog>
    </>
  );
}

describe('Dialog', () => {
  it('gives focus back to what opened it when it closes (Escape)', async () => {
    const keyboard = userEvent.setup();
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'New token' });
    opener.focus();
    await keyboard.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Token created' });
    await waitFor(() => {
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    });
    await keyboard.keyboard('{Escape}');
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    await waitFor(() => {
      expect(opener).toHaveFocus();
    });
  });
});
