import { useId, useState, type SubmitEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { PRESET_DAYS, periodSearch, rangeErrors, type Period, type RangeField } from './period';

interface PeriodPickerProps {
  period: Period;
  /** The local days the API resolved for the period shown: a custom range starts from them. */
  shown: { from: string; to: string } | undefined;
  onChange: (period: Period) => void;
  /** The API's refusal of the current period (a 422 naming from/to), shown on the fields. */
  error: unknown;
}

type Choice = number | 'custom';

/**
 * 7, 30 or 90 days (applied at once), or a custom range of dates applied with a button, so the
 * charts do not reload on every keystroke. The range keeps what was typed when it is refused.
 */
export function PeriodPicker({ period, shown, onChange, error }: PeriodPickerProps) {
  const name = useId();
  const isRange = 'from' in period;
  const [custom, setCustom] = useState(isRange);
  const [from, setFrom] = useState(isRange ? period.from : '');
  const [to, setTo] = useState(isRange ? period.to : '');
  const [errors, setErrors] = useState<Partial<Record<RangeField, string>>>({});
  // The period can change without this form (back and forward, a bookmark): follow it, while
  // keeping the focused radio mounted (a remount would lose the keyboard's place).
  const periodKey = periodSearch(period).toString();
  const [followed, setFollowed] = useState(periodKey);
  if (followed !== periodKey) {
    setFollowed(periodKey);
    setCustom(isRange);
    setErrors({});
    if (isRange) {
      setFrom(period.from);
      setTo(period.to);
    }
  }
  const server = isRange ? fieldErrors(error) : {};
  const checked: Choice | undefined = custom
    ? 'custom'
    : 'days' in period
      ? period.days
      : undefined;

  const choose = (choice: Choice) => {
    if (choice === 'custom') {
      setCustom(true);
      // Start from the days on screen, so a small change is a small edit.
      if (from === '' && to === '' && shown !== undefined) {
        setFrom(shown.from);
        setTo(shown.to);
      }
      return;
    }
    setCustom(false);
    setErrors({});
    onChange({ days: choice });
  };

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const found = rangeErrors(from, to);
    setErrors(found);
    if (Object.keys(found).length === 0) onChange({ from, to });
  };

  const options: { value: Choice; label: string }[] = [
    ...PRESET_DAYS.map((days) => ({ value: days, label: `${days} days` })),
    { value: 'custom', label: 'Custom range' },
  ];

  return (
    <form className="period" onSubmit={apply} noValidate>
      <fieldset className="period__choices">
        <legend className="period__legend">Period</legend>
        {options.map((option) => (
          <label key={option.value} className="period__choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={checked === option.value}
              onChange={() => {
                choose(option.value);
              }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      {custom && (
        <div className="period__range">
          <TextField
            type="date"
            label="From"
            value={from}
            error={errors.from ?? server.from}
            onChange={(event) => {
              setFrom(event.target.value);
            }}
          />
          <TextField
            type="date"
            label="To"
            value={to}
            error={errors.to ?? server.to}
            onChange={(event) => {
              setTo(event.target.value);
            }}
          />
          <Button type="submit" variant="primary">
            Show
          </Button>
        </div>
      )}
    </form>
  );
}
