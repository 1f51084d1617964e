import { Select, type SelectOption } from '../components/Select';
import type { ThemePreference } from './theme';
import { useTheme } from './ThemeProvider';

const OPTIONS: readonly SelectOption<ThemePreference>[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light theme' },
  { value: 'dark', label: 'Dark theme' },
];

const isPreference = (value: string): value is ThemePreference =>
  OPTIONS.some((option) => option.value === value);

/** Light / Dark / System, remembered on this device. */
export function ThemeSwitch() {
  const { preference, setPreference } = useTheme();
  return (
    <Select
      className="theme-switch"
      label="Theme"
      hideLabel
      options={OPTIONS}
      value={preference}
      onChange={(event) => {
        if (isPreference(event.target.value)) setPreference(event.target.value);
      }}
    />
  );
}
