/**
 * The label rule of Linode API v4 (spec v4.189.0, `label` of a Linode): 3–64 characters,
 * starts with a letter, only letters, digits, '-', '_' and '.', never two of '-', '_' or '.'
 * in a row; the prose adds that it ends with a letter or digit.
 */
export const LINODE_LABEL_PATTERN = /^[a-zA-Z]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;
export const LINODE_LABEL_MIN_LENGTH = 3;
export const LINODE_LABEL_MAX_LENGTH = 64;

const DEFAULT_LABEL_PREFIX = 'ohf';
// Room left for "-<request fragment>-<suffix>" after prefix and template.
const TEMPLATE_PART_MAX_LENGTH = 32;
const REQUEST_PART_LENGTH = 8;

/** True when Linode accepts `label` as a Linode label. */
export function isValidLinodeLabel(label: string): boolean {
  return (
    label.length >= LINODE_LABEL_MIN_LENGTH &&
    label.length <= LINODE_LABEL_MAX_LENGTH &&
    LINODE_LABEL_PATTERN.test(label) &&
    /[a-zA-Z0-9]$/.test(label)
  );
}

/**
 * Reduces any text to a label fragment: forbidden characters become '-', runs of separators
 * collapse to one, and the fragment starts and ends with a letter or digit ('' if none).
 */
export function sanitizeLabelPart(text: string): string {
  return text
    .replace(/[^a-zA-Z0-9-_.]/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .replace(/[^a-zA-Z0-9]+$/, '');
}

/** A label prefix a template may choose: starts with a letter, at most 16 characters. */
export const LINODE_LABEL_PREFIX_PATTERN = /^[a-zA-Z](?:[a-zA-Z0-9]|[-_.](?=[a-zA-Z0-9])){0,15}$/;

/**
 * A label unique per machine: `<prefix>-<template>-<request>-<suffix>`, e.g.
 * `ohf-web-workers-9f1c2a7b-k3x9q2`, cut to 64 characters without losing the suffix. The
 * random suffix keeps labels unique within the account (Linode rejects duplicates) across
 * retries of the same request. `prefix` must match LINODE_LABEL_PREFIX_PATTERN.
 */
export function buildLinodeLabel(parts: {
  readonly prefix?: string | undefined;
  readonly templateId: string;
  readonly requestId: string;
  readonly suffix: string;
}): string {
  const suffix = sanitizeLabelPart(parts.suffix) || 'x';
  // Request ids look like 'req-<uuid>': the first uuid characters tell requests apart at a glance.
  const request = sanitizeLabelPart(parts.requestId.replace(/^(req|ret)-/, '')).slice(0, REQUEST_PART_LENGTH);
  const head = [parts.prefix ?? DEFAULT_LABEL_PREFIX, parts.templateId.slice(0, TEMPLATE_PART_MAX_LENGTH), request]
    .map((part) => sanitizeLabelPart(part))
    .filter((part) => part !== '')
    .join('-');
  let start = sanitizeLabelPart(head.slice(0, LINODE_LABEL_MAX_LENGTH - suffix.length - 1));
  if (!/^[a-zA-Z]/.test(start)) start = DEFAULT_LABEL_PREFIX;
  return `${start}-${suffix}`;
}
