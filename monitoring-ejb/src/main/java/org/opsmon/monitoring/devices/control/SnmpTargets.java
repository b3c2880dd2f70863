package org.opsmon.monitoring.devices.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;
import org.opsmon.monitoring.devices.entity.SnmpVersion;
import org.snmp4j.CommunityTarget;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;

/**
 * Turns an endpoint into SNMP4J's target and USM user: the one place versions and protocols map.
 * Public for the trap receiver, which authenticates v3 notifications with the same users.
 */
public final class SnmpTargets {

    private SnmpTargets() {
    }

    static UdpAddress address(SnmpEndpoint endpoint) throws SnmpFailure {
        try {
            // Resolved at each request: a device whose name moves to another address follows it.
            return new UdpAddress(InetAddress.getByName(endpoint.address()), endpoint.port());
        } catch (UnknownHostException e) {
            throw new SnmpFailure("unknown_host", "The host name " + endpoint.address() + " does not resolve");
        }
    }

    /** A community target for v1/v2c; for v3 a user target bound to the device's engine. */
    static Target<UdpAddress> target(SnmpEndpoint endpoint, UdpAddress address, byte[] engineId) {
        SnmpCredentials credentials = endpoint.credentials();
        Target<UdpAddress> target;
        if (credentials.version() == SnmpVersion.V3) {
            UserTarget<UdpAddress> user = new UserTarget<>();
            user.setSecurityName(new OctetString(credentials.user()));
            user.setSecurityLevel(securityLevel(credentials));
            user.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
            user.setAuthoritativeEngineID(engineId);
            user.setVersion(SnmpConstants.version3);
            target = user;
        } else {
            CommunityTarget<UdpAddress> community = new CommunityTarget<>();
            community.setCommunity(new OctetString(credentials.community()));
            community.setVersion(credentials.version() == SnmpVersion.V1 ? SnmpConstants.version1 : SnmpConstants.version2c);
            target = community;
        }
        target.setAddress(address);
        target.setTimeout(endpoint.timeoutMillis());
        target.setRetries(endpoint.retries());
        return target;
    }

    static int securityLevel(SnmpCredentials credentials) {
        if (credentials.privProtocol() != null) {
            return SecurityLevel.AUTH_PRIV;
        }
        return credentials.authProtocol() != null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.NOAUTH_NOPRIV;
    }

    /**
     * The security protocols every device may use, registered in SNMP4J's shared table (adding
     * one twice is harmless). SNMP4J's defaults leave SHA-1 out; devices still configured with it
     * need it.
     */
    public static SecurityProtocols securityProtocols() {
        SecurityProtocols protocols = SecurityProtocols.getInstance();
        protocols.addDefaultProtocols();
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addAuthenticationProtocol(new AuthHMAC384SHA512());
        protocols.addPrivacyProtocol(new PrivAES128());
        protocols.addPrivacyProtocol(new PrivAES256());
        return protocols;
    }

    /** The USM user of v3 credentials, not yet localized to any engine. */
    public static UsmUser user(SnmpCredentials credentials) {
        OctetString name = new OctetString(credentials.user());
        return new UsmUser(name, authProtocol(credentials.authProtocol()),
                credentials.authPassword() == null ? null : new OctetString(credentials.authPassword()),
                privProtocol(credentials.privProtocol()),
                credentials.privPassword() == null ? null : new OctetString(credentials.privPassword()));
    }

    static OID authProtocol(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "SHA" -> AuthSHA.ID;
            case "SHA-256" -> AuthHMAC192SHA256.ID;
            case "SHA-512" -> AuthHMAC384SHA512.ID;
            default -> throw new IllegalArgumentException("Unknown authentication protocol " + name);
        };
    }

    static OID privProtocol(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "AES-128" -> PrivAES128.ID;
            case "AES-256" -> PrivAES256.ID;
            default -> throw new IllegalArgumentException("Unknown privacy protocol " + name);
        };
    }
}
