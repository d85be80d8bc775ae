import { describe, expect, it } from 'vitest';
import { isSecretLookingName, maskedLabel, maskNamedValue, maskSecretShapes } from './secret-values.js';

describe('isSecretLookingName', () => {
  it.each([
    'DB_PASSWORD',
    'PGPASSWORD',
    'MYSQL_ROOT_PASSWD',
    'GPG_PASSPHRASE',
    'JWT_SECRET',
    'clientSecret',
    'GITHUB_TOKEN',
    'refreshToken',
    'STRIPE_API_KEY',
    'SENDGRID_APIKEY',
    'apiKey',
    'x-api-key',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'AWS_SESSION_TOKEN',
    'TLS_PRIVATE_KEY',
    'GOOGLE_APPLICATION_CREDENTIALS_JSON',
    'DB_CREDENTIALS',
    'ENCRYPTION_KEY',
    'STRIPE_KEY',
    'SSH_KEY',
    'BASIC_AUTH',
    'Authorization',
    'SMTP_PASS',
    'REDIS_PWD',
    'PASSWORD_SALT',
    'X-Amz-Signature',
    'X-Amz-Security-Token',
    'X-Amz-Credential',
    'TOKEN_REFRESH_INTERVAL_MS',
    'X_API_KEY_HEADER',
  ])('masks values under %s', (name) => {
    expect(isSecretLookingName(name, 'x')).toBe(true);
  });

  it.each([
    'DB_HOST',
    'LOG_LEVEL',
    'KEY',
    'key',
    'secretName',
    'SECRET_NAME',
    'secretKeyRef',
    'TOKEN_TTL',
    'AUTH_URL',
    'AUTH_ENABLED',
    'AUTHOR',
    'OAUTH_CLIENT_ID',
    'COMPASS_MODE',
    'topologyKey',
    'PUBLIC_KEY',
    'tokenExpirationSeconds',
    'passwordSecretRef',
    'BYPASS_CACHE',
    'SIGNAL_HANDLER',
  ])('shows values under %s', (name) => {
    expect(isSecretLookingName(name, 'x')).toBe(false);
  });

  it('shows a path under a *_FILE name, and anything else under it masked', () => {
    expect(isSecretLookingName('DB_PASSWORD_FILE', '/run/secrets/db-password')).toBe(false);
    expect(isSecretLookingName('bearerTokenFile', '/var/run/secrets/token')).toBe(false);
    expect(isSecretLookingName('DB_PASSWORD_FILE', 'hunter2')).toBe(true);
  });

  it('shows a $(VAR) reference, which Kubernetes expands from another variable', () => {
    expect(isSecretLookingName('DB_PASSWORD', '$(VAULT_DB_PASSWORD)')).toBe(false);
    expect(isSecretLookingName('DB_PASSWORD', '$(hunter2')).toBe(true);
  });
});

describe('maskNamedValue', () => {
  it('masks the whole value under a secret-looking name, with its length in code points', () => {
    expect(maskNamedValue('DB_PASSWORD', 'correct-horse-battery-🐎')).toEqual({
      text: '<masked: secret-looking name, 23 chars>',
      maskedBy: 'name',
    });
  });

  it('masks secret-shaped parts under any other name', () => {
    expect(maskNamedValue('DATABASE_URL', 'postgres://app:s3cr3t@db.payments:5432/ledger')).toEqual({
      text: 'postgres://app:<masked: password in URL, 6 chars>@db.payments:5432/ledger',
      maskedBy: 'shape',
    });
    expect(maskNamedValue('LOG_LEVEL', 'debug')).toEqual({ text: 'debug' });
  });

  it('leaves its own placeholders alone, so redacting twice changes nothing', () => {
    const once = maskNamedValue('DB_PASSWORD', 'hunter2').text;
    expect(maskNamedValue('DB_PASSWORD', once).text).toBe(once);
    expect(maskNamedValue('password', '<redacted: 17 bytes>').text).toBe('<redacted: 17 bytes>');
  });
});

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const pem = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('maskSecretShapes', () => {
  it.each([
    ['postgres://app:p@ss:w0rd@db:5432/x', 'postgres://app:<masked: password in URL, 9 chars>@db:5432/x'],
    ['redis://:hunter22@redis:6379/0', 'redis://:<masked: password in URL, 8 chars>@redis:6379/0'],
    [
      'amqp://guest:guest@mq and https://u:v@w',
      'amqp://guest:<masked: password in URL, 5 chars>@mq and https://u:<masked: password in URL, 1 chars>@w',
    ],
    [`key:\n${pem}\nrest`, 'key:\n<masked: private key block, 126 chars>\nrest'],
    ['-----BEGIN PRIVATE KEY-----\\nMIIE cut off', '<masked: private key block, 41 chars>'],
    [`token ${jwt}`, `token <masked: JWT, ${jwt.length} chars>`],
    ['Authorization: Bearer abcDEF123456789xyz', 'Authorization: Bearer <masked: bearer token, 18 chars>'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'Basic <masked: bearer token, 20 chars>'],
    ['id AKIAIOSFODNN7EXAMPLE', 'id <masked: AWS access key id, 20 chars>'],
    ['ASIAY34FZKBOKMUTVV7A', '<masked: AWS access key id, 20 chars>'],
    [`${awsSecret}`, '<masked: AWS secret access key, 40 chars>'],
    ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', '<masked: API token, 40 chars>'],
    ['xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', '<masked: API token, 53 chars>'],
    ['AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', '<masked: API token, 39 chars>'],
    [
      'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/<masked: webhook URL, 26 chars>',
    ],
    ['--db-password=hunter2', '--db-password=<masked: secret-looking name, 7 chars>'],
    [
      'Server=db;User Id=sa;Password=Pa55;',
      'Server=db;User Id=sa;Password=<masked: secret-looking name, 4 chars>;',
    ],
    [
      'https://s3/x?X-Amz-Signature=abc123&a=b',
      'https://s3/x?X-Amz-Signature=<masked: secret-looking name, 6 chars>&a=b',
    ],
    ['{"password": "two words"}', '{"password": "<masked: secret-looking name, 9 chars>"}'],
    [
      'db:\n  password: hunter2\n  user: app',
      'db:\n  password: <masked: secret-looking name, 7 chars>\n  user: app',
    ],
  ])('masks %j', (text, expected) => {
    expect(maskSecretShapes(text)).toBe(expected);
  });

  it.each([
    'nginx:1.25',
    'registry.k8s.io/pause@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097',
    '3f2a9c1e0b7d4a5f6e8c9b0a1d2e3f4a5b6c7d8e', // a git SHA: 40 hex characters
    'https://ledger.payments.svc:8080/healthz',
    'https://user@github.com/org/repo',
    'invalid token: signature expired',
    'MountVolume.SetUp failed for volume "db" : secret "db-credentials" not found',
    'Bearer token missing',
    'Basic authentication required',
    'SECRET_NAME=db-credentials',
    'password_file=/run/secrets/db',
    '--password=$(DB_PASSWORD)',
    maskedLabel('JWT', jwt),
  ])('leaves %j as it is', (text) => {
    expect(maskSecretShapes(text)).toBe(text);
  });

  it('masks a long value whole, past the 512 characters one match holds', () => {
    expect(maskSecretShapes(`token=${'a'.repeat(600)} next`)).toBe(
      'token=<masked: secret-looking name, 600 chars> next',
    );
  });

  it('runs in linear time on long hostile strings', () => {
    const hostile = [
      'a://'.repeat(20_000),
      'x:'.repeat(50_000),
      'a='.repeat(50_000),
      `${' '.repeat(50_000)}a:`,
      `password=${'a'.repeat(100_000)}`,
    ];
    const started = performance.now();
    for (const text of hostile) maskSecretShapes(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
