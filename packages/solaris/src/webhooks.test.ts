import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SOLARIS_WEBHOOK_HEADERS,
  identificationWebhookBodySchema,
  parseWebhookJson,
  personChangedWebhookBodySchema,
  readWebhookHeaders,
  signWebhookBody,
  verifyWebhookSignature,
} from './webhooks.ts';

const SECRET = 'whsec_identdesk_test_secret';
const BODY =
  '{"id":"6dc54352d6793a892e0702850d07b831cidt","reference":"TST-KCCEY","url":null,"status":"successful","completed_at":"2022-07-14T18:18:28.000Z","method":"idnow","metadata":null}';
// printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
const OPENSSL_SIGNATURE = 'sha256=ac1c850865a22c975e1e8d63d8c407ba291860657122b5c2042628b083c29e93';

describe('signWebhookBody', () => {
  it('matches a vector computed with openssl and with node:crypto directly', () => {
    const direct = `sha256=${createHmac('sha256', SECRET).update(Buffer.from(BODY, 'utf8')).digest('hex')}`;
    expect(signWebhookBody(SECRET, BODY)).toBe(OPENSSL_SIGNATURE);
    expect(signWebhookBody(SECRET, BODY)).toBe(direct);
  });

  it('signs the UTF-8 bytes, the same for a string and its bytes', () => {
    // printf '%s' 'Grüße' | openssl dgst -sha256 -hmac geheim
    const expected = 'sha256=ed9720fb38ffe3f562e274be20af8f0775408dbdbf0380c95c63a027d1152a4a';
    expect(signWebhookBody('geheim', 'Grüße')).toBe(expected);
    expect(signWebhookBody('geheim', new TextEncoder().encode('Grüße'))).toBe(expected);
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts the signature of the raw body, as string or bytes', () => {
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: BODY, header: OPENSSL_SIGNATURE })).toBe(true);
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: Buffer.from(BODY), header: OPENSSL_SIGNATURE })).toBe(true);
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: BODY, header: `  ${OPENSSL_SIGNATURE.toUpperCase().replace('SHA256=', 'sha256=')} ` })).toBe(true);
  });

  it('refuses a tampered body', () => {
    const tampered = BODY.replace('"successful"', '"failed"');
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: tampered, header: OPENSSL_SIGNATURE })).toBe(false);
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: `${BODY}\n`, header: OPENSSL_SIGNATURE })).toBe(false);
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: reserialised, header: OPENSSL_SIGNATURE })).toBe(false);
  });

  it('refuses the wrong secret', () => {
    expect(verifyWebhookSignature({ secret: 'another-secret', rawBody: BODY, header: OPENSSL_SIGNATURE })).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['without the prefix', OPENSSL_SIGNATURE.slice('sha256='.length)],
    ['with another algorithm', OPENSSL_SIGNATURE.replace('sha256=', 'sha1=')],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['one character short', OPENSSL_SIGNATURE.slice(0, -1)],
    ['one character long', `${OPENSSL_SIGNATURE}0`],
    ['twice the length', `${OPENSSL_SIGNATURE}${OPENSSL_SIGNATURE.slice('sha256='.length)}`],
    ['repeated', [OPENSSL_SIGNATURE, OPENSSL_SIGNATURE]],
  ])('refuses a header that is %s', (_case, header) => {
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: BODY, header })).toBe(false);
  });

  it('accepts any of several candidate secrets, and none when the list is empty', () => {
    const header = signWebhookBody('per-event-type-secret', BODY);
    expect(verifyWebhookSignature({ secrets: ['subscription-secret', 'per-event-type-secret'], rawBody: BODY, header })).toBe(true);
    expect(verifyWebhookSignature({ secrets: ['subscription-secret', 'old-secret'], rawBody: BODY, header })).toBe(false);
    expect(verifyWebhookSignature({ secrets: [], rawBody: BODY, header })).toBe(false);
  });

  it('never matches an empty secret, even for a body signed with one', () => {
    const header = signWebhookBody('', BODY);
    expect(verifyWebhookSignature({ secret: '', rawBody: BODY, header })).toBe(false);
    expect(verifyWebhookSignature({ secrets: ['', SECRET], rawBody: BODY, header })).toBe(false);
  });
});

describe('webhook bodies and headers', () => {
  it('parses an IDENTIFICATION body, extra fields kept', () => {
    const body = identificationWebhookBodySchema.parse({ ...(parseWebhookJson(BODY) as object), extra: 1 });
    expect(body).toMatchObject({ id: '6dc54352d6793a892e0702850d07b831cidt', status: 'successful', extra: 1 });
  });

  it('refuses an IDENTIFICATION body with an unknown status', () => {
    expect(identificationWebhookBodySchema.safeParse({ ...JSON.parse(BODY), status: 'teleported' }).success).toBe(false);
  });

  it('takes an empty PERSON_CHANGED body and finds the person id in solaris-entity-id', () => {
    expect(parseWebhookJson('')).toBeNull();
    expect(parseWebhookJson(new Uint8Array())).toBeNull();
    expect(personChangedWebhookBodySchema.parse(parseWebhookJson(''))).toBeNull();
    expect(personChangedWebhookBodySchema.parse(parseWebhookJson('{}'))).toEqual({});

    const nodeHeaders = {
      'solaris-webhook-id': 'wh-delivery-1',
      'solaris-webhook-event-type': 'PERSON_CHANGED',
      'solaris-webhook-attempt': '2',
      'solaris-webhook-subscription-id': 'sub-1',
      'solaris-entity-id': '7cf09c3c5547b974a664201f24b454eecper',
      'solaris-webhook-signature': signWebhookBody(SECRET, ''),
    };
    const expected = {
      webhookId: 'wh-delivery-1',
      eventType: 'PERSON_CHANGED',
      attempt: 2,
      subscriptionId: 'sub-1',
      entityId: '7cf09c3c5547b974a664201f24b454eecper',
      signature: signWebhookBody(SECRET, ''),
    };
    expect(readWebhookHeaders(nodeHeaders)).toEqual(expected);
    expect(readWebhookHeaders(new Headers(nodeHeaders))).toEqual(expected);
    expect(readWebhookHeaders({})).toEqual({
      webhookId: null,
      eventType: null,
      attempt: null,
      subscriptionId: null,
      entityId: null,
      signature: null,
    });
    expect(SOLARIS_WEBHOOK_HEADERS.entityId).toBe('solaris-entity-id');
  });
});
