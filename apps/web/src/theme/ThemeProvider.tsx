import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import {
  applyPreference,
  onSystemThemeChange,
  readPreference,
  savePreference,
  systemTheme,
  type ResolvedTheme,
  type ThemePreference,
} from './theme';

interface ThemeContextValue {
  preference: ThemePreference;
  setPreference: (preference: ThemePreference) => void;
  /** The theme in effect: what charts and other canvas drawing must use. */
  resolved: ResolvedTheme;
}

const ThemeContext = createContext<ThemeContextValue>({
  preference: 'system',
  setPreference: () => undefined,
  resolved: 'light',
});

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(readPreference);
  const system = useSyncExternalStore(onSystemThemeChange, systemTheme, () => 'light' as const);

  useEffect(() => {
    applyPreference(preference);
  }, [preference]);

  const setPreference = (next: ThemePreference) => {
    savePreference(next);
    setPreferenceState(next);
  };
  const resolved = preference === 'system' ? system : preference;
  return (
    <ThemeContext.Provider value={{ preference, setPreference, resolved }}>
      {children}
    </ThemeContext.Provider>
  );
}

export function useTheme(): ThemeContextValue {
  return useContext(ThemeContext);
}
