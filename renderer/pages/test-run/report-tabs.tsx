import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import type { Report } from '../../../main/contract/index';
import { ClaimsTable } from './claims-table';
import type { ViewDetails } from './details';
import { CodeBlock } from './json-block';
import { CertificatePanel, SamlAttributesPanel, SamlXmlPanel } from './saml-panels';
import { SamlConditionsPanel } from './saml-conditions';
import { AccessTokenPanel, TokenPanel } from './token-panel';

interface TabDefinition {
  value: string;
  label: string;
  panel: ReactNode;
}

/** The protocol data of the run, one tab per kind; a tab shows only when the run produced its data. */
export function ReportTabs({ report, details }: { report: Report; details: ViewDetails }) {
  const tabs = tabsOf(report, details);
  const first = tabs[0];
  if (!first) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Protocol data">
      <Tabs defaultValue={first.value} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value}>
            {tab.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  );
}

function tabsOf(report: Report, d: ViewDetails): TabDefinition[] {
  const tabs: TabDefinition[] = [{ value: 'claims', label: 'Claims', panel: <ClaimsTable report={report} /> }];
  if (report.connection.protocol === 'saml') {
    const s = d.saml;
    if (Object.keys(report.claims).length > 0) tabs.push({ value: 'attributes', label: 'Attributes', panel: <SamlAttributesPanel report={report} /> });
    if (s.responseXml) tabs.push({ value: 'xml', label: 'Response XML', panel: <SamlXmlPanel xml={s.responseXml} /> });
    if (s.conditions || s.status || s.issuer) tabs.push({ value: 'conditions', label: 'Conditions', panel: <SamlConditionsPanel saml={s} /> });
    if (s.certificateUsed) tabs.push({ value: 'certificate', label: 'Certificate used', panel: <CertificatePanel certificate={s.certificateUsed} /> });
    return tabs;
  }
  if (d.idToken) tabs.push({ value: 'id-token', label: 'ID token', panel: <TokenPanel token={d.idToken} name="ID token" unverified={d.unverified} /> });
  if (d.accessToken) tabs.push({ value: 'access-token', label: 'Access token', panel: <AccessTokenPanel token={d.accessToken} /> });
  if (d.userinfo) tabs.push({ value: 'userinfo', label: 'Userinfo', panel: <CodeBlock label="Userinfo response" value={d.userinfo} /> });
  tabs.push({ value: 'provider-response', label: 'Full provider response', panel: <ProviderResponse report={report} details={d} /> });
  return tabs;
}

/** ClearML's "FULL PROVIDER RESPONSE": the raw claims, plus the token response (tokens redacted) and the callback. */
function ProviderResponse({ report, details: d }: { report: Report; details: ViewDetails }) {
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        What the identity provider sent, each back-channel answer as received (status, headers, body). Tokens, the authorization code and state are never kept: they appear as placeholders.
      </Text>
      <CodeBlock label="Claims (merged)" value={report.claims} />
      {d.backChannel.map((answer, index) => (
        <CodeBlock
          key={`${answer.endpoint}-${index}`}
          label={`${answer.endpoint === 'token' ? 'Token endpoint' : 'Userinfo endpoint'} answered HTTP ${answer.status}`}
          value={{ url: answer.url, status: answer.status, headers: answer.headers, body: answer.body }}
          maxHeight={300}
        />
      ))}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {d.providerResponse && d.backChannel.length === 0 && <CodeBlock label="Token endpoint response" value={d.providerResponse} maxHeight={300} />}
        {d.callback && <CodeBlock label="Callback parameters" value={d.callback} maxHeight={300} />}
        {d.authorizationRequest && <CodeBlock label="Authorization request" value={{ ...d.authorizationRequest, redirectUri: d.redirectUri }} maxHeight={300} />}
      </SimpleGrid>
    </Stack>
  );
}
