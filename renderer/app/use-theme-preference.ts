import { useCallback, useEffect, useRef } from 'react';
import { useMantineColorScheme } from '@mantine/core';
import type { Settings } from '../../main/contract/index';
import { useMutation, useOperation } from '../client';
import { notifyFailure } from './notify';

export type ThemePreference = Settings['theme'];

/**
 * The theme setting (light/dark/auto): applied at once through Mantine's colour-scheme manager and saved through
 * `settings.update`; reverted with a notification when the save fails.
 */
export function useThemePreference(): { theme: ThemePreference; setTheme: (theme: ThemePreference) => Promise<void>; saving: boolean } {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const { mutate, loading } = useMutation('settings.update');
  const setTheme = useCallback(
    async (next: ThemePreference) => {
      const previous = colorScheme;
      setColorScheme(next);
      const result = await mutate({ theme: next });
      if (!result.ok) {
        setColorScheme(previous);
        notifyFailure('Theme not saved', result.error);
      }
    },
    [colorScheme, mutate, setColorScheme],
  );
  return { theme: colorScheme, setTheme, saving: loading };
}

/** Applies the stored `theme` setting once at start (desktop, browser and CLI share one store). */
export function useApplyStoredTheme(): void {
  const { data } = useOperation('settings.get', {});
  const { setColorScheme } = useMantineColorScheme();
  const applied = useRef(false);
  useEffect(() => {
    if (data && !applied.current) {
      applied.current = true;
      setColorScheme(data.theme);
    }
  }, [data, setColorScheme]);
}
