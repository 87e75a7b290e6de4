/** Longest droplet name this provider generates: within a DNS label, so it is a valid host name. */
const MAX_NAME_LENGTH = 63;

/**
 * Droplet names for a request: `ohf-<template>-<request>-<n>`, numbered from `firstIndex`,
 * matching the API's pattern `^[a-zA-Z0-9]?[a-z0-9A-Z.\-]*[a-z0-9A-Z]$`. Names only help
 * people: the request tag, not the name, identifies a request's droplets.
 */
export function dropletNames(options: {
  readonly templateId: string;
  readonly requestId: string;
  readonly firstIndex: number;
  readonly count: number;
}): string[] {
  const request = sanitize(options.requestId.replace(/^(req|ret)-/, '')).slice(0, 8) || 'request';
  const suffixRoom = `-${request}-${options.firstIndex + options.count}`.length;
  const template = sanitize(options.templateId).slice(0, MAX_NAME_LENGTH - 'ohf-'.length - suffixRoom) || 'template';
  const prefix = trimEdges(`ohf-${template}`);
  return Array.from({ length: options.count }, (_, offset) => `${prefix}-${request}-${options.firstIndex + offset}`);
}

function sanitize(text: string): string {
  return trimEdges(text.replace(/[^a-zA-Z0-9.-]+/g, '-').replace(/-{2,}/g, '-'));
}

function trimEdges(text: string): string {
  return text.replace(/^[^a-zA-Z0-9]+/, '').replace(/[^a-zA-Z0-9]+$/, '');
}
