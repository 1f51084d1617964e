import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ToastProvider, useToast } from './Toast';

function Save() {
  const toast = useToast();
  return (
    <button
      type="button"
      onClick={() => {
        toast({ title: 'Task saved', description: 'Fix login redirect', tone: 'success' });
      }}
    >
      Save
    </button>
  );
}

describe('toasts', () => {
  it('show a toast and dismiss it', async () => {
    render(
      <ToastProvider>
        <Save />
      </ToastProvider>,
    );

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Task saved')).toBeVisible();
    expect(screen.getByText('Fix login redirect')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Task saved')).not.toBeInTheDocument();
  });
});
