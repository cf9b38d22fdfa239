// /proc/mounts: "device mountpoint fstype options dump pass". The kernel escapes space, tab,
// newline and backslash in the first two fields as octal (\040, \011, \012, \134).
//
// Disk usage is reported for local filesystems that hold data: pseudo filesystems (proc,
// sysfs, tmpfs...) are always "empty" or always "full", squashfs snap images and CD images
// are read-only and always 100%, and network filesystems (nfs, cifs, sshfs) belong to another
// host and can hang a statfs call when their server is gone. Overlay is kept only at "/",
// where it is a container's root; elsewhere it duplicates the disk under /var/lib/docker.

import { fields } from './numbers';

export interface MountEntry {
  device: string;
  mount: string;
  fsType: string;
  options: string[];
}

const LOCAL_TYPES = new Set([
  'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'f2fs', 'jfs', 'reiserfs', 'bcachefs', 'nilfs2',
  'vfat', 'msdos', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'hfs', 'hfsplus', 'apfs', 'ufs',
]);

// Types never selected even when their device looks like a block device.
const NOT_LOCAL_DATA = new Set([
  'proc', 'sysfs', 'tmpfs', 'devtmpfs', 'devpts', 'ramfs', 'rootfs', 'cgroup', 'cgroup2',
  'securityfs', 'pstore', 'bpf', 'debugfs', 'tracefs', 'configfs', 'fusectl', 'mqueue',
  'hugetlbfs', 'autofs', 'binfmt_misc', 'efivarfs', 'rpc_pipefs', 'nsfs', 'selinuxfs',
  'squashfs', 'iso9660', 'udf', 'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'ceph', 'glusterfs',
  '9p', 'afs', 'lustre', 'davfs', 'virtiofs', 'ocfs2', 'gfs2',
]);

// Docker, Podman and Kubernetes bind these single files from the host's disk into every
// container; they are not filesystems of the container and would name the host's disk oddly.
const CONTAINER_FILE_BINDS = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/dev/termination-log']);

/** Turns the kernel's octal escapes (\040 for a space) back into characters. */
export function decodeMountField(field: string): string {
  return field.replace(/\\([0-3][0-7]{2})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function parseMounts(text: string): MountEntry[] | null {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [device, mount, fsType, options] = fields(line);
    if (device === undefined || mount === undefined || fsType === undefined) continue;
    entries.push({
      device: decodeMountField(device),
      mount: decodeMountField(mount),
      fsType,
      options: options ? options.split(',') : [],
    });
  }
  return entries.length > 0 ? entries : null;
}

/** Whether a mount holds local data worth a disk-usage reading (see the header comment). */
export function isLocalDataFilesystem(fsType: string, device: string, mount: string): boolean {
  if (fsType === 'overlay') return mount === '/';
  if (CONTAINER_FILE_BINDS.has(mount)) return false;
  if (LOCAL_TYPES.has(fsType)) return true;
  // An unfamiliar filesystem on a real block device is probably a disk we do not know yet.
  if (NOT_LOCAL_DATA.has(fsType) || fsType.startsWith('fuse.')) return false;
  return device.startsWith('/dev/') && !device.startsWith('/dev/loop');
}

/**
 * The mounts to measure, one per device: bind mounts and btrfs subvolumes show one device
 * several times, and the shortest mount path ("/" rather than "/var/lib/docker") names it.
 */
export function selectLocalFilesystems(entries: readonly MountEntry[]): MountEntry[] {
  const byDevice = new Map<string, MountEntry>();
  for (const entry of entries) {
    if (!isLocalDataFilesystem(entry.fsType, entry.device, entry.mount)) continue;
    const seen = byDevice.get(entry.device);
    if (!seen || entry.mount.length < seen.mount.length) byDevice.set(entry.device, entry);
  }
  return [...byDevice.values()];
}
