package org.opsmon.monitoring.devices.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * One interface of a device, keyed by (device, ifIndex). Discovery writes what the device
 * reports; polls move its oper status. {@code seenUp} remembers that it has carried a link once:
 * only such interfaces, when admin up, have the {@code if.down} series that pages.
 */
@Entity
@Table(name = "device_interface")
@NamedQuery(name = DeviceInterface.OF_DEVICE,
        query = "SELECT i FROM DeviceInterface i WHERE i.deviceId = :device ORDER BY i.ifIndex")
public class DeviceInterface {

    public static final String OF_DEVICE = "DeviceInterface.ofDevice";

    @Id
    @SequenceGenerator(name = "device_interface_seq", sequenceName = "device_interface_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "device_interface_seq")
    private Long id;

    @Column(name = "device_id", nullable = false)
    private long deviceId;

    @Column(name = "if_index", nullable = false)
    private int ifIndex;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(length = 255)
    private String descr;

    @Column(length = 255)
    private String alias;

    @Column(name = "if_type")
    private Integer ifType;

    @Column(name = "speed_bps")
    private Long speedBps;

    @Column(name = "admin_status", nullable = false, length = 16)
    private String adminStatus;

    @Column(name = "oper_status", nullable = false, length = 16)
    private String operStatus;

    @Column(name = "seen_up", nullable = false)
    private boolean seenUp;

    protected DeviceInterface() {
    }

    private DeviceInterface(long deviceId, int ifIndex) {
        this.deviceId = deviceId;
        this.ifIndex = ifIndex;
    }

    public static DeviceInterface discovered(long deviceId, InterfaceFacts facts) {
        DeviceInterface created = new DeviceInterface(deviceId, facts.index());
        created.refresh(facts);
        return created;
    }

    /** What discovery read again; an interface renamed on the device takes its new name. */
    public void refresh(InterfaceFacts facts) {
        this.name = cut(facts.name() == null || facts.name().isBlank() ? "if" + facts.index() : facts.name());
        this.descr = cut(facts.description());
        this.alias = cut(facts.alias());
        this.ifType = facts.type();
        this.speedBps = facts.speedBps();
        this.adminStatus = cut16(facts.adminStatus());
        this.operStatus = cut16(facts.operStatus());
        this.seenUp |= facts.operUp();
    }

    /**
     * A poll read the statuses. Returns true when the oper status moved between up and not up,
     * which is recorded as a device event.
     */
    public boolean polled(String admin, String oper) {
        boolean wasUp = operUp();
        this.adminStatus = cut16(admin);
        this.operStatus = cut16(oper);
        this.seenUp |= operUp();
        return wasUp != operUp();
    }

    /** 1 when the interface is in use (admin up, up once) and down now, 0 when in use and up; null when not in use. */
    public Double downValue() {
        if (!"up".equals(adminStatus) || !seenUp) {
            return null;
        }
        return operUp() ? 0.0 : 1.0;
    }

    public boolean operUp() {
        return "up".equals(operStatus);
    }

    private static String cut(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }

    private static String cut16(String text) {
        String value = text == null ? "unknown" : text;
        return value.length() <= 16 ? value : value.substring(0, 16);
    }

    public long deviceId() {
        return deviceId;
    }

    public int ifIndex() {
        return ifIndex;
    }

    public String name() {
        return name;
    }

    public String description() {
        return descr;
    }

    public String alias() {
        return alias;
    }

    public Integer type() {
        return ifType;
    }

    public Long speedBps() {
        return speedBps;
    }

    public String adminStatus() {
        return adminStatus;
    }

    public String operStatus() {
        return operStatus;
    }

    public boolean seenUp() {
        return seenUp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceInterface that && deviceId == that.deviceId && ifIndex == that.ifIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, ifIndex);
    }
}
