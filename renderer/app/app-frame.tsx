import { useEffect, useRef, type MouseEvent } from 'react';
import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NotFoundPage } from '../pages/not-found-page';
import { AppHeader } from './app-header';
import { AppNavbar } from './app-navbar';
import { defaultRoute, routes } from './routes';
import { useEngineNotices } from './use-engine-notices';
import { useHashRoute } from './use-hash-route';
import { useApplyStoredTheme } from './use-theme-preference';
import classes from './app-frame.module.css';

/** The console frame: header, navbar, and the current page in the `<main>` landmark. */
export function AppFrame() {
  const [navOpened, nav] = useDisclosure(false);
  const current = useHashRoute(defaultRoute);
  const route = routes.find((candidate) => candidate.path === current);
  const Page = route?.Page ?? NotFoundPage;
  useApplyStoredTheme();
  useEngineNotices();
  useFocusTitleOnNavigation(current);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <a href="#main-content" className={classes.skipLink} onClick={skipToMain}>
        Skip to content
      </a>
      <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} />
      <AppNavbar current={current} onNavigate={nav.close} />
      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <Page key={current} />
      </AppShell.Main>
    </AppShell>
  );
}

/** The skip link must not change the hash (the router lives there): move focus instead. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main-content')?.focus();
}

/** After a route change, focus the new page's title so screen readers announce it and Tab starts there. */
function useFocusTitleOnNavigation(current: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus({ preventScroll: false });
  }, [current]);
}
