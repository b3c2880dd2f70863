package org.opsmon.monitoring.selfmonitor.boundary;

import org.opsmon.monitoring.selfmonitor.entity.SizeUnit;
import org.opsmon.monitoring.selfmonitor.entity.StorageState;

/** The filesystem holding the server's data, in the unit asked for. */
public record StorageInfo(double total, double used, double free, double percent, String path, String units) {

    static StorageInfo of(StorageState storage, SizeUnit unit) {
        return new StorageInfo(unit.of(storage.total()), unit.of(storage.used()), unit.of(storage.free()),
                storage.percent(), storage.path(), unit.name());
    }
}
