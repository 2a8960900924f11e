import { ConnectionsPage } from '../connections-page';
import { ConnectionTestPage } from './connection-test-page';
import { useFocusTitleOnChange } from './run-page';
import { useHashSegments } from './use-hash-segments';

/** The `connections` route: `#/connections/<id>/test` is one connection's test page, anything else the connections page. */
export function ConnectionsRoute() {
  const [, id, action] = useHashSegments();
  const testing = id !== undefined && action === 'test' ? id : undefined;
  useFocusTitleOnChange(testing);
  return testing ? <ConnectionTestPage key={testing} connectionId={testing} /> : <ConnectionsPage />;
}
