import type { AnyTool } from '@sre-agent/shared';
import type { AwsCoreToolDeps } from './deps.js';
import { accountTools } from './tools/account.js';
import { cloudTrailTools } from './tools/cloudtrail.js';
import { ec2Tools } from './tools/ec2.js';
import { eksTools } from './tools/eks.js';
import { healthTools } from './tools/health.js';
import { identityTools } from './tools/identity.js';
import { logsTools } from './tools/logs.js';
import { rdsTools } from './tools/rds.js';
import { s3Tools } from './tools/s3.js';

/** Every AWS core tool, listed explicitly: this file is the server's table of contents. */
export function awsCoreTools(deps: AwsCoreToolDeps): AnyTool[] {
  return [
    ...identityTools(deps),
    ...accountTools(deps),
    ...ec2Tools(deps),
    ...s3Tools(deps),
    ...rdsTools(deps),
    ...eksTools(deps),
    ...logsTools(deps),
    ...cloudTrailTools(deps),
    ...healthTools(deps),
  ] as AnyTool[];
}
