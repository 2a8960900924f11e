import { AppShell, NavLink, ScrollArea } from '@mantine/core';
import { hrefOf } from './use-hash-route';
import { routes } from './routes';

/** The main navigation: plain links (`#/path`), so Tab/Enter, middle-click and history all work. */
export function AppNavbar({ current, onNavigate }: { current: string; onNavigate: () => void }) {
  return (
    <AppShell.Navbar p="xs" aria-label="Main navigation">
      <AppShell.Section grow component={ScrollArea}>
        {routes.map(({ path, label, hint, icon: RouteIcon }) => {
          const active = path === current;
          return (
            <NavLink
              key={path}
              href={hrefOf(path)}
              label={label}
              description={hint}
              leftSection={<RouteIcon size={20} stroke={1.6} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
              variant="light"
              mb={4}
            />
          );
        })}
      </AppShell.Section>
    </AppShell.Navbar>
  );
}
