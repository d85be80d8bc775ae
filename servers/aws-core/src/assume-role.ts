import { ToolError } from '@sre-agent/shared';
import type { Run, StsCredentials } from './aws-session.js';
import type { RoleTarget } from './config.js';
import type { TemporaryCredentials } from './role-credentials.js';

/** Runs an STS call signed by the base identity (never by the role being assumed). */
export type BaseStsCall = <T>(run: Run<'sts', T>) => Promise<T>;

export async function assumeRole(
  callSts: BaseStsCall,
  role: RoleTarget,
  sessionName: string,
): Promise<TemporaryCredentials> {
  const { roleArn, externalId } = role;
  const out = await callSts((client, sdk) =>
    client.send(
      new sdk.AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    ),
  );
  return toTemporaryCredentials(out.Credentials, roleArn);
}

function toTemporaryCredentials(
  credentials: StsCredentials | undefined,
  roleArn: string,
): TemporaryCredentials {
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !Expiration) {
    throw new ToolError(
      `STS AssumeRole for ${roleArn} returned no credentials.`,
      'Retry; if it persists, check STS.',
    );
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration: Expiration,
  };
}
