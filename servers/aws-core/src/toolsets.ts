import type { AnyTool } from '@sre-agent/shared';
import type { AwsCoreToolDeps } from './deps.js';
import { accountTools } from './tools/account.js';
import { alarmTools } from './tools/alarms.js';
import { cloudTrailTools } from './tools/cloudtrail.js';
import { ec2Tools } from './tools/ec2.js';
import { eksTools } from './tools/eks.js';
import { healthTools } from './tools/health.js';
import { identityTools } from './tools/identity.js';
import { logsTools } from './tools/logs.js';
import { metricTools } from './tools/metrics.js';
import { rdsTools } from './tools/rds.js';
import { s3Tools } from './tools/s3.js';
import { targetHealthTools } from './tools/target-health.js';

/** Every AWS core tool, listed explicitly: this file is the server's table of contents. */
export function awsCoreTools(deps: AwsCoreToolDeps): AnyTool[] {
  return [
    ...identityTools(deps),
    ...accountTools(deps),
    ...ec2Tools(deps),
    ...s3Tools(deps),
    ...rdsTools(deps),
    ...eksTools(deps),
    ...alarmTools(deps),
    ...metricTools(deps),
    ...targetHealthTools(deps),
    ...logsTools(deps),
    ...cloudTrailTools(deps),
    ...healthTools(deps),
  ] as AnyTool[];
}
