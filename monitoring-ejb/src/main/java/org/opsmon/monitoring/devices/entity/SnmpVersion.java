package org.opsmon.monitoring.devices.entity;

import java.util.Locale;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** The SNMP version a device speaks, as the API and the {@code device.version} column spell it. */
public enum SnmpVersion {
    V1, V2C, V3;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnmpVersion of(String code) {
        if (code != null) {
            for (SnmpVersion version : values()) {
                if (version.code().equals(code)) {
                    return version;
                }
            }
        }
        throw RequestProblem.badRequest("invalid_version", "version must be one of v1, v2c, v3; got "
                + (code == null ? "nothing" : "'" + code + "'"));
    }
}
