import type { ComponentType } from 'react';
import { IconHistory, IconPlayerPlay, IconPlugConnected, IconServer2, IconSettings, IconUsersGroup, type Icon } from '@tabler/icons-react';
import { HistoryPage } from '../pages/history-page';
import { RolesPage } from '../pages/roles-page';
import { SettingsPage } from '../pages/settings-page';
import { TargetsPage } from '../pages/targets-page';
import { ConnectionsRoute } from '../pages/test-run/connections-route';
import { RunPage } from '../pages/test-run/run-page';

export interface RouteDefinition {
  path: string;
  label: string;
  /** One line under the label in the navbar. */
  hint: string;
  icon: Icon;
  Page: ComponentType;
}

/**
 * The console's screens, in navbar order. The first is the start page. A route owns the hash paths below it:
 * `#/connections/<id>/test` (one connection's test page) and `#/runs/<runId>` (a run's screen, the claims viewer).
 */
export const routes: readonly RouteDefinition[] = [
  { path: 'connections', label: 'Connections', hint: 'OIDC and SAML identity providers', icon: IconPlugConnected, Page: ConnectionsRoute },
  { path: 'runs', label: 'Test', hint: 'Live login and claims viewer', icon: IconPlayerPlay, Page: RunPage },
  { path: 'roles', label: 'Roles', hint: 'Global and organization roles', icon: IconUsersGroup, Page: RolesPage },
  { path: 'targets', label: 'Targets', hint: 'Platform servers to push roles to', icon: IconServer2, Page: TargetsPage },
  { path: 'history', label: 'History', hint: 'Test runs and changes', icon: IconHistory, Page: HistoryPage },
  { path: 'settings', label: 'Settings', hint: 'Keychain, test port, theme', icon: IconSettings, Page: SettingsPage },
];

export const defaultRoute = 'connections';
