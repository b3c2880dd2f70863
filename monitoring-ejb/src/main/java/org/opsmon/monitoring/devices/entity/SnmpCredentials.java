package org.opsmon.monitoring.devices.entity;

import java.util.List;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * How the server authenticates to a device: a community for v1 and v2c; for v3 a user with an
 * optional authentication protocol and password (SHA, SHA-256, SHA-512) and an optional privacy
 * protocol and password (AES-128, AES-256; "AES" means AES-128). Privacy without authentication
 * is no USM security level and is refused. {@link #of} validates and is the only way in, so a
 * value of this type is always usable for a request.
 */
public record SnmpCredentials(SnmpVersion version, String community, String user, String authProtocol,
                              String authPassword, String privProtocol, String privPassword) {

    public static final List<String> AUTH_PROTOCOLS = List.of("SHA", "SHA-256", "SHA-512");
    public static final List<String> PRIV_PROTOCOLS = List.of("AES-128", "AES-256");
    /** RFC 3414 asks for at least 8 characters; net-snmp refuses shorter pass phrases too. */
    public static final int MIN_PASSPHRASE = 8;
    public static final int MAX_SECRET = 255;
    public static final int MAX_USER = 64;

    public static SnmpCredentials of(String versionCode, String community, String user, String authProtocol,
                                     String authPassword, String privProtocol, String privPassword) {
        SnmpVersion version = SnmpVersion.of(versionCode);
        if (version != SnmpVersion.V3) {
            requireText("community", community, 1, MAX_SECRET);
            refuseGiven(version, user, "user", authProtocol, "auth_protocol", authPassword, "auth_password",
                    privProtocol, "priv_protocol", privPassword, "priv_password");
            return new SnmpCredentials(version, community, null, null, null, null, null);
        }
        refuseGiven(version, community, "community");
        requireText("user", user, 1, MAX_USER);
        String auth = null;
        if (authProtocol != null || authPassword != null) {
            auth = protocol("auth_protocol", authProtocol, AUTH_PROTOCOLS);
            requireText("auth_password", authPassword, MIN_PASSPHRASE, MAX_SECRET);
        }
        String priv = null;
        if (privProtocol != null || privPassword != null) {
            if (auth == null) {
                throw RequestProblem.badRequest("unsupported_security_level",
                        "Privacy needs authentication: give auth_protocol and auth_password too (SNMPv3 has no "
                                + "privacy-without-authentication level)");
            }
            priv = protocol("priv_protocol", "AES".equals(privProtocol) ? "AES-128" : privProtocol, PRIV_PROTOCOLS);
            requireText("priv_password", privPassword, MIN_PASSPHRASE, MAX_SECRET);
        }
        return new SnmpCredentials(version, null, user, auth, auth == null ? null : authPassword, priv,
                priv == null ? null : privPassword);
    }

    /** The same non-secret parts with the secrets of another value (an update that left them out). */
    public SnmpCredentials withSecretsOf(SnmpCredentials stored) {
        return new SnmpCredentials(version, community != null ? community : stored.community, user, authProtocol,
                authPassword != null || authProtocol == null ? authPassword : stored.authPassword, privProtocol,
                privPassword != null || privProtocol == null ? privPassword : stored.privPassword);
    }

    /** The USM level these credentials give, as SNMP names it. */
    public String securityLevel() {
        if (version != SnmpVersion.V3) {
            return "community";
        }
        return privProtocol != null ? "authPriv" : authProtocol != null ? "authNoPriv" : "noAuthNoPriv";
    }

    private static String protocol(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw RequestProblem.badRequest("invalid_" + field, field + " must be one of " + String.join(", ", allowed)
                    + (value == null ? "" : "; got '" + shorten(value) + "'"));
        }
        return value;
    }

    private static void requireText(String field, String value, int min, int max) {
        if (value == null || value.isEmpty()) {
            throw RequestProblem.badRequest("invalid_" + field, field + " is required");
        }
        String problem = TextRule.problem(value, max);
        if (problem != null) {
            throw RequestProblem.badRequest("invalid_" + field, field + " " + problem);
        }
        if (value.length() < min) {
            throw RequestProblem.badRequest("invalid_" + field, field + " must be at least " + min + " characters long");
        }
    }

    private static void refuseGiven(SnmpVersion version, String... valuesAndNames) {
        for (int i = 0; i < valuesAndNames.length; i += 2) {
            if (valuesAndNames[i] != null) {
                throw RequestProblem.badRequest("invalid_" + valuesAndNames[i + 1], valuesAndNames[i + 1]
                        + " does not apply to SNMP " + version.code());
            }
        }
    }

    private static String shorten(String value) {
        String safe = TextRule.violation(value) == null ? value : "(unprintable)";
        return safe.length() > 32 ? safe.substring(0, 32) + "…" : safe;
    }

    /** Never the secrets: these values must not reach a log line through a stray toString. */
    @Override
    public String toString() {
        return "SnmpCredentials[" + version.code() + (user == null ? "" : ", user=" + user) + ", "
                + securityLevel() + "]";
    }
}
