package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/**
 * Space on every real mount. OSHI already drops kernel pseudo filesystems; memory-backed and
 * container plumbing types are dropped here too because their "fullness" is not disk capacity.
 * A device mounted at several paths (bind mounts) is reported once, at its shortest path, so
 * the same blocks never count twice. statvfs on a dead NFS server blocks forever: that is why
 * this collector must only ever run on its own thread under the scheduler's timeout.
 */
public final class FilesystemCollector implements Collector {

    static final Set<String> SKIPPED_TYPES = Set.of(
            "tmpfs", "devtmpfs", "ramfs", "overlay", "overlayfs", "aufs", "proc", "sysfs", "cgroup", "cgroup2",
            "squashfs", "devpts", "mqueue", "hugetlbfs", "debugfs", "tracefs", "securityfs", "pstore", "bpf",
            "autofs", "configfs", "fusectl", "binfmt_misc", "rpc_pipefs", "nsfs", "efivarfs", "selinuxfs",
            "nfsd", "rootfs", "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "iso9660", "udf");

    private final FileSystem fileSystem;

    public FilesystemCollector(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public String name() {
        return "filesystems";
    }

    @Override
    public Map<String, JsonValue> collect() {
        List<OSFileStore> stores = new ArrayList<>(fileSystem.getFileStores(false));
        stores.sort(Comparator.comparingInt((OSFileStore s) -> s.getMount().length()).thenComparing(OSFileStore::getMount));
        Set<String> seenDevices = new HashSet<>();
        JsonArrayBuilder disks = Fields.array();
        for (OSFileStore s : stores) {
            if (!isReal(s.getType(), s.getVolume())) {
                continue;
            }
            long total = s.getTotalSpace();
            if (total <= 0) {
                continue;
            }
            if (!seenDevices.add(s.getVolume())) {
                continue;
            }
            long freeForRoot = Math.max(0, s.getFreeSpace());
            long usable = Math.max(0, s.getUsableSpace());
            long used = Math.max(0, total - freeForRoot);
            JsonObjectBuilder d = Fields.object();
            Fields.label(d, "path", s.getMount());
            Fields.label(d, "device", s.getVolume());
            Fields.text(d, "fs_type", s.getType());
            Fields.size(d, "total", total);
            Fields.size(d, "used", used);
            Fields.size(d, "free", usable);
            // Same formula as df: blocks reserved for root are neither used nor available to users.
            Fields.percent(d, "percentage", Fields.ratioPercent(used, used + usable));
            disks.add(d);
        }
        return Map.of("disk", disks.build());
    }

    static boolean isReal(String type, String device) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (SKIPPED_TYPES.contains(t)) {
            return false;
        }
        return device != null && !device.isEmpty() && !device.equals("none");
    }
}
