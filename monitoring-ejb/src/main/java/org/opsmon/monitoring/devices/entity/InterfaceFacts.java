package org.opsmon.monitoring.devices.entity;

/**
 * One row of the interface table as discovery read it: ifIndex, ifName (ifDescr where the device
 * has no ifXTable), ifDescr, ifAlias, ifType, speed in bit/s (ifHighSpeed in Mbit/s where it is
 * known, else ifSpeed) and the admin and oper status as their RFC 2863 names.
 */
public record InterfaceFacts(int index, String name, String description, String alias, Integer type, Long speedBps,
                             String adminStatus, String operStatus) {

    public boolean adminUp() {
        return "up".equals(adminStatus);
    }

    public boolean operUp() {
        return "up".equals(operStatus);
    }
}
