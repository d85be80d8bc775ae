/** Where the base credentials came from, as the SDK records it in `credentials.$source`. */
export interface CredentialSource {
  /** Human-readable source, e.g. "environment variables" or "SSO (profile)". */
  source: string;
  /** The profile used, when the source is a profile; undefined otherwise. */
  profile: string | undefined;
}

// Most specific first: an SSO profile also carries the plain profile feature.
const SOURCES: [feature: string, label: string, fromProfile: boolean][] = [
  ['CREDENTIALS_PROFILE_SSO', 'SSO (profile)', true],
  ['CREDENTIALS_PROFILE_SSO_LEGACY', 'SSO (legacy profile)', true],
  ['CREDENTIALS_SSO', 'SSO', true],
  ['CREDENTIALS_SSO_LEGACY', 'SSO (legacy)', true],
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'profile role via source_profile', true],
  ['CREDENTIALS_PROFILE_NAMED_PROVIDER', 'profile role via credential_source', true],
  ['CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN', 'profile web identity token', true],
  ['CREDENTIALS_PROFILE_PROCESS', 'credential_process (profile)', true],
  ['CREDENTIALS_PROFILE_LOGIN', 'aws login (profile)', true],
  [
    'CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN',
    'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, e.g. IRSA)',
    false,
  ],
  ['CREDENTIALS_ENV_VARS', 'environment variables (AWS_ACCESS_KEY_ID)', false],
  ['CREDENTIALS_PROFILE', 'shared credentials/config profile', true],
  ['CREDENTIALS_PROCESS', 'credential_process', true],
  ['CREDENTIALS_LOGIN', 'aws login', true],
  ['CREDENTIALS_HTTP', 'container credentials endpoint (ECS task role or EKS Pod Identity)', false],
  ['CREDENTIALS_IMDS', 'EC2 instance metadata (instance profile)', false],
  ['CREDENTIALS_CODE', 'supplied by the host application', false],
];

export function describeCredentialSource(
  features: Record<string, unknown> | undefined,
  profile: string | undefined,
): CredentialSource {
  const keys = Object.keys(features ?? {});
  const match = SOURCES.find(([feature]) => keys.includes(feature));
  if (!match) return { source: 'unknown (the SDK did not record it)', profile };
  return { source: match[1], profile: match[2] ? (profile ?? 'default') : undefined };
}
