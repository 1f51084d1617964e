import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BudgetBar, budgetText } from './BudgetBar';

describe('the project budget bar', () => {
  it('says tracked against budget in words, and fills to the share used', () => {
    render(<BudgetBar trackedMinutes={450} budgetMinutes={600} usedPercent={75} />);
    const meter = screen.getByRole('meter', { name: 'Budget used' });
    expect(meter).toHaveAttribute('aria-valuenow', '75');
    expect(meter).toHaveAttribute('aria-valuetext', '7 h 30 min of 10 h 00 min (75%)');
    expect(meter.firstElementChild).toHaveStyle({ width: '75%' });
    expect(screen.getByText('7 h 30 min of 10 h 00 min (75%)')).toBeVisible();
  });

  it('caps the bar at full and says when the budget is overrun', () => {
    const { container } = render(
      <BudgetBar trackedMinutes={750} budgetMinutes={600} usedPercent={125} />,
    );
    const meter = screen.getByRole('meter');
    expect(meter).toHaveAttribute('aria-valuenow', '100');
    expect(meter.firstElementChild).toHaveStyle({ width: '100%' });
    expect(container.firstElementChild).toHaveClass('budget-bar--over');
    expect(screen.getByText('12 h 30 min of 10 h 00 min (125%, over budget)')).toBeVisible();
  });

  it('has no bar without a budget', () => {
    render(<BudgetBar trackedMinutes={90} budgetMinutes={null} usedPercent={null} />);
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getByText('1 h 30 min tracked, no budget')).toBeVisible();
  });

  it('words a percentage alone when the tracked total is another period’s', () => {
    expect(budgetText({ trackedMinutes: null, budgetMinutes: 600, usedPercent: 62.5 })).toBe(
      '63% of 10 h 00 min used',
    );
    expect(budgetText({ trackedMinutes: null, budgetMinutes: null, usedPercent: null })).toBe(
      'No budget',
    );
  });
});
