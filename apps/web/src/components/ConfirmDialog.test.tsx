import { DevTrackrError } from '@devtrackr/client';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  it('runs the action, closes on success', async () => {
    const onConfirm = vi.fn(() => Promise.resolve());
    const onOpenChange = vi.fn();
    render(
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        title="Delete task?"
        message="It cannot be undone."
        confirmLabel="Delete"
        tone="danger"
        onConfirm={onConfirm}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete task?' });
    expect(dialog).toHaveAccessibleDescription('It cannot be undone.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('stays open and says why when the action fails', async () => {
    const onOpenChange = vi.fn();
    const notFound = new DevTrackrError({
      status: 404,
      code: 'not_found',
      title: 'Not Found',
      detail: 'x',
    });
    render(
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        title="Delete task?"
        message="It cannot be undone."
        confirmLabel="Delete"
        onConfirm={() => Promise.reject(notFound)}
      />,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This item does not exist, or it was deleted.',
    );
    expect(onOpenChange).not.toHaveBeenCalled();
  });
});
