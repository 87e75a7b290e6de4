import { describe, expect, it } from 'vitest';
import { imageOperatingSystem } from './image-operating-system.js';

describe('imageOperatingSystem', () => {
  it.each([
    ['Ubuntu', 'Ubuntu 24.04 LTS', { osFamily: 'ubuntu', osVersion: '24.04' }],
    ['Debian', 'Debian 12', { osFamily: 'debian', osVersion: '12' }],
    ['CentOS', 'CentOS Stream 9', { osFamily: 'centos', osVersion: '9' }],
    ['Rocky Linux', '9.4 x64', { osFamily: 'rocky-linux', osVersion: '9.4' }],
    ['Fedora', 'Fedora-40', { osFamily: 'fedora', osVersion: '40' }],
    ['Arch', 'Arch Linux', { osFamily: 'arch' }],
    [null, 'backup 2024-05-01', {}],
    [undefined, 'x64-backup', {}],
  ])('reads %s / %s', (distribution, name, expected) => {
    expect(imageOperatingSystem(distribution, name)).toEqual(expected);
  });
});
