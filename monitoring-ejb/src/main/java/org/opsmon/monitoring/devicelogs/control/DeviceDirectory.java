package org.opsmon.monitoring.devicelogs.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Which device sent a packet: the addresses of the enabled devices, as their rows give them,
 * mapped to their ids. IP literals are parsed, never looked up, and compared as addresses, so
 * {@code 2001:db8::1} matches {@code 2001:DB8:0:0::1} and an IPv4-mapped IPv6 source matches
 * its IPv4 device. Host names are resolved on each {@link #refresh} (every address they have),
 * on the refreshing thread, never on a receiver's; a name that does not resolve matches nothing
 * until it does. The map is swapped whole, so receivers read it without locks.
 * Two devices at one address: the older (lower id) wins, the address being ambiguous.
 */
public final class DeviceDirectory {

    private static final Logger LOG = Logger.getLogger(DeviceDirectory.class.getName());
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The device of one address. */
    public record Device(long clientId, String name) {
    }

    /** How host names become addresses; tests give their own. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private volatile Map<InetAddress, Device> byAddress = Map.of();

    public DeviceDirectory() {
        this(InetAddress::getAllByName);
    }

    public DeviceDirectory(Resolver resolver) {
        this.resolver = resolver;
    }

    /** The device at {@code source}, or null for an unknown sender. */
    public Device lookup(InetAddress source) {
        return byAddress.get(normalise(source));
    }

    /** Reloads the enabled devices and resolves their host names; returns how many addresses are known. */
    public int refresh(Connection connection) throws SQLException {
        Map<InetAddress, Device> fresh = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT d.client_id, c.name, d.address FROM device d "
                + "JOIN client c ON c.id = d.client_id WHERE d.enabled ORDER BY d.client_id DESC");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Device device = new Device(rows.getLong(1), rows.getString(2));
                for (InetAddress address : addresses(rows.getString(3))) {
                    fresh.put(address, device);
                }
            }
        }
        byAddress = Map.copyOf(fresh);
        return fresh.size();
    }

    private InetAddress[] addresses(String address) {
        if (address == null || address.isBlank()) {
            return new InetAddress[0];
        }
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        try {
            if (isLiteral(text)) {
                // A literal never reaches DNS: getByName parses it.
                return new InetAddress[] {normalise(InetAddress.getByName(text))};
            }
            InetAddress[] resolved = resolver.resolve(text);
            InetAddress[] normalised = new InetAddress[resolved.length];
            for (int i = 0; i < resolved.length; i++) {
                normalised[i] = normalise(resolved[i]);
            }
            return normalised;
        } catch (UnknownHostException e) {
            LOG.fine(() -> "A device's address does not resolve now: " + address);
            return new InetAddress[0];
        }
    }

    static boolean isLiteral(String text) {
        return text.indexOf(':') >= 0 || IPV4.matcher(text).matches();
    }

    /** An IPv4-mapped IPv6 address as IPv4, any IPv6 without its zone, so equal addresses compare equal. */
    static InetAddress normalise(InetAddress address) {
        try {
            if (address instanceof Inet6Address v6) {
                byte[] bytes = v6.getAddress();
                boolean mapped = true;
                for (int i = 0; i < 10; i++) {
                    mapped &= bytes[i] == 0;
                }
                mapped &= bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
                if (mapped) {
                    return Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                }
                return InetAddress.getByAddress(bytes);
            }
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("An address of valid length was refused", e);
        }
    }
}
