// IAM over the awsQuery protocol: GetAccountSummary (a SummaryMap of entries) and ListAccountAliases.
import type { FakeState } from './fake-state.ts';
import { type FakeResponse, queryResponse } from './protocol.ts';
import type { ServiceFake, ServiceRequest } from './service-request.ts';
import { xmlElement, xmlList } from './xml.ts';

function getAccountSummary(request: ServiceRequest, state: FakeState): FakeResponse {
  const entries = Object.entries(state.fixtures.iamSummary).map(([key, value]) => ({ key, value }));
  const result = xmlElement('SummaryMap', xmlList('entry', entries));
  return queryResponse('iam', 'GetAccountSummary', result, request.requestId);
}

function listAccountAliases(request: ServiceRequest, state: FakeState): FakeResponse {
  const result =
    xmlElement('IsTruncated', false) +
    xmlElement('AccountAliases', xmlList('member', state.fixtures.accountAliases));
  return queryResponse('iam', 'ListAccountAliases', result, request.requestId);
}

export const iamFake: ServiceFake = {
  operation: (request) => {
    const action = request.params.get('Action');
    return action === 'GetAccountSummary' || action === 'ListAccountAliases' ? action : undefined;
  },
  handle: (operation, request, state) =>
    operation === 'GetAccountSummary'
      ? getAccountSummary(request, state)
      : listAccountAliases(request, state),
};
