import type { ImageV1 } from '../compute-provider/v1/compute-provider-v1.js';

/** The first version-shaped word of an image name: `Ubuntu 24.04 LTS` → `24.04`, `Debian 12` → `12`. */
const VERSION_PATTERN = /(?:^|[\s-])v?(\d+(?:\.\d+)*)(?=$|[\s-])/;

/**
 * An image's OS family and version from what clouds publish: a distribution or vendor word
 * (`Ubuntu`, `CentOS`, `openSUSE`) and a display name (`Ubuntu 24.04 LTS`), read for a version
 * only when a distribution is named. The family is the
 * vendor lower-cased with words joined by `-`, so plans compare across clouds (`ubuntu` on
 * Linode and DigitalOcean alike); a field is left out when nothing names it.
 */
export function imageOperatingSystem(distribution: string | null | undefined, name: string | null | undefined): Pick<ImageV1, 'osFamily' | 'osVersion'> {
  const family = distribution?.trim().toLowerCase().replace(/\s+/g, '-');
  // Without a distribution the name is the account's own (`backup 2024-05-01`): no version to read.
  const version = family && name ? VERSION_PATTERN.exec(name)?.[1] : undefined;
  return { ...(family ? { osFamily: family } : {}), ...(version ? { osVersion: version } : {}) };
}
